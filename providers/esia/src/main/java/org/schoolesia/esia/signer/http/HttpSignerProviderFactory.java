package org.schoolesia.esia.signer.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.http.impl.client.CloseableHttpClient;
import org.keycloak.Config;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.schoolesia.esia.signer.EsiaSignerProvider;
import org.schoolesia.esia.signer.EsiaSignerProviderFactory;
import org.schoolesia.esia.signer.SignerCache;
import org.schoolesia.esia.signer.SignerSettings;

/** The signer ({@code http}) that calls a signing service in front of certified crypto. */
public class HttpSignerProviderFactory implements EsiaSignerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "http";

    /** The parsed service settings (URL, certificate hash) per settings; the HTTP client is Keycloak's. */
    private final SignerCache<HttpEsiaSigner.Service> cache = new SignerCache<>();

    @Override
    public EsiaSignerProvider create(KeycloakSession session) {
        return settings -> signer(settings, session.getProvider(HttpClientProvider.class).getHttpClient());
    }

    /** A signer for these settings that calls through the given client (Keycloak's, with its proxy and pool). */
    public HttpEsiaSigner signer(SignerSettings settings, CloseableHttpClient client) {
        return new HttpEsiaSigner(cache.get(settings, HttpEsiaSigner.Service::of), client);
    }

    @Override
    public void init(Config.Scope config) {
        // nothing server-wide: the service's URL and credentials come per identity provider
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
        cache.clear();
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("implementation", "HTTP signing service (POST JSON {data, format})");
        String version = getClass().getPackage().getImplementationVersion();
        info.put("version", version == null ? "development" : version);
        info.put("cachedServices", Integer.toString(cache.size()));
        return info;
    }
}
