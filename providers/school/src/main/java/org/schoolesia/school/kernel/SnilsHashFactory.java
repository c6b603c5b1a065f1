package org.schoolesia.school.kernel;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;

/**
 * The SNILS key from the server option {@code --spi-school-snils--default--key} (environment
 * {@code KC_SPI_SCHOOL_SNILS__DEFAULT__KEY}, or Keycloak's config keystore to keep it off the
 * command line): at least 32 characters, e.g. {@code openssl rand -base64 32}. The same on every
 * node, and kept for good: a changed key leaves every stored hash unfindable. Without it a
 * production start fails; {@code start-dev} warns and uses a development key.
 */
public class SnilsHashFactory implements ProviderFactory<SnilsHash> {

    private static final Logger LOG = Logger.getLogger(SnilsHashFactory.class);

    public static final String ID = "default";
    static final String OPTION = "key";
    static final int MIN_LENGTH = 32;
    /** Only for start-dev without a key: documented, so nobody mistakes it for a secret. */
    static final String DEVELOPMENT_KEY = "school-esia development SNILS key: never in production";

    private SnilsHash hash;

    @Override
    public SnilsHash create(KeycloakSession session) {
        return hash;
    }

    @Override
    public void init(Config.Scope config) {
        hash = new SnilsHash(key(config.get(OPTION), Environment.isDevMode()));
    }

    static String key(String configured, boolean devMode) {
        String option = "--spi-" + SnilsHashSpi.NAME + "--" + ID + "--" + OPTION;
        if (configured == null || configured.isBlank()) {
            if (devMode) {
                LOG.warnf("school-esia: no SNILS key (%s): start-dev uses a development key; set one before any real data", option);
                return DEVELOPMENT_KEY;
            }
            String message = "school-esia: no SNILS key: set " + option + " (or KC_SPI_SCHOOL_SNILS__DEFAULT__KEY),"
                    + " at least " + MIN_LENGTH + " characters, e.g. `openssl rand -base64 32`; README, «SNILS in our tables»";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
        if (configured.trim().length() < MIN_LENGTH) {
            String message = "school-esia: the SNILS key (" + option + ") is shorter than " + MIN_LENGTH + " characters";
            LOG.error(message);
            throw new IllegalStateException(message);
        }
        return configured.trim();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(OPTION).type("password").secret(true)
                .helpText("The key under which SNILS are hashed in school-esia's tables (at least 32 characters; the same on"
                        + " every node; never changed once data exists). Required outside start-dev.").add()
                .build();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
