package org.schoolesia.esia.broker;

/**
 * Where the ESIA endpoints live. Production and test are ESIA's own hosts; {@code custom} points at
 * anything else that speaks the protocol (the emulator, a proxy in a closed network).
 */
public enum EsiaEnvironment {
    PRODUCTION("https://esia.gosuslugi.ru", "http://esia.gosuslugi.ru/"),
    TEST("https://esia-portal1.test.gosuslugi.ru", "http://esia-portal1.test.gosuslugi.ru/"),
    CUSTOM(null, null);

    private final String baseUrl;
    // ESIA's issuer is http with a trailing slash even though the service itself is https.
    private final String issuer;

    EsiaEnvironment(String baseUrl, String issuer) {
        this.baseUrl = baseUrl;
        this.issuer = issuer;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String issuer() {
        return issuer;
    }

    public static EsiaEnvironment of(String value) {
        if (value == null || value.isBlank()) {
            return PRODUCTION;
        }
        return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
