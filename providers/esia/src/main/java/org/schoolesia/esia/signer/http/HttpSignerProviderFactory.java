package org.schoolesia.esia.signer.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.schoolesia.esia.signer.EsiaSignerProvider;
import org.schoolesia.esia.signer.EsiaSignerProviderFactory;
import org.schoolesia.esia.signer.SignerCache;

/** The signer ({@code http}) that calls a signing service in front of certified crypto. */
public class HttpSignerProviderFactory implements EsiaSignerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "http";

    /** One HTTP client per settings: clients own connection pools and threads. */
    private final SignerCache cache = new SignerCache();

    @Override
    public EsiaSignerProvider create(KeycloakSession session) {
        return settings -> cache.get(settings, HttpEsiaSigner::from);
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
        info.put("cachedSigners", Integer.toString(cache.size()));
        return info;
    }
}
