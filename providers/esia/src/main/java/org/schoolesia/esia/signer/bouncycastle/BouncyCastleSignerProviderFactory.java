package org.schoolesia.esia.signer.bouncycastle;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.schoolesia.esia.protocol.GostCrypto;
import org.schoolesia.esia.signer.EsiaSignerProvider;
import org.schoolesia.esia.signer.EsiaSignerProviderFactory;
import org.schoolesia.esia.signer.EsiaSigner;
import org.schoolesia.esia.signer.SignerCache;

/** The software-key signer ({@code bouncycastle}): for ESIA's test environment and the emulator. */
public class BouncyCastleSignerProviderFactory implements EsiaSignerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "bouncycastle";

    private static final Logger LOG = Logger.getLogger(BouncyCastleSignerProviderFactory.class);

    private final SignerCache<EsiaSigner> cache = new SignerCache<>();

    @Override
    public EsiaSignerProvider create(KeycloakSession session) {
        return settings -> cache.get(settings, s -> {
            BouncyCastleEsiaSigner signer = BouncyCastleEsiaSigner.from(s);
            Date notAfter = signer.certificateNotAfter();
            if (notAfter.before(new Date())) {
                LOG.warnf("ESIA signing certificate %s expired on %s: ESIA will refuse it (ESIA-007053); "
                        + "register a new one on the technical portal", signer.certificateHash(), notAfter);
            }
            return signer;
        });
    }

    @Override
    public void init(Config.Scope config) {
        // nothing server-wide: keys come per identity provider, from the vault
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
        info.put("implementation", "BouncyCastle software key (not certified crypto)");
        info.put("bouncycastle", GostCrypto.provider().getVersionStr());
        info.put("version", version(getClass()));
        info.put("cachedSigners", Integer.toString(cache.size()));
        return info;
    }

    static String version(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
