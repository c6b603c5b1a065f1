package org.schoolesia.esia.broker;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.keycloak.broker.oidc.OAuth2IdentityProviderConfig;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.RealmModel;
import org.schoolesia.esia.protocol.CertificateHash;
import org.schoolesia.esia.protocol.GostCrypto;

/**
 * Typed view of the ESIA identity provider's settings, as the admin console stores them in the
 * identity provider's config map. Defaults are the ones a region starting out needs.
 */
public class EsiaIdentityProviderConfig extends OAuth2IdentityProviderConfig {

    public static final String ENVIRONMENT = "esiaEnvironment";
    public static final String BASE_URL = "esiaBaseUrl";
    public static final String ISSUER = "esiaIssuer";
    public static final String SCOPE_ORG = "esiaScopeOrg";
    public static final String PROTOCOL = "esiaProtocol";
    public static final String SIGNER = "esiaSigner";
    public static final String REVERSE_SIGNATURE_BYTES = "esiaReverseSignatureBytes";
    public static final String ESIA_CERTIFICATES = "esiaCertificates";
    public static final String TOKEN_LEEWAY_SECONDS = "esiaTokenLeewaySeconds";
    public static final String CLOCK_CORRECTION = "esiaClockCorrection";
    public static final String TIMESTAMP_ZONE = "esiaTimestampZone";
    public static final String HTTP_TIMEOUT_MILLIS = "esiaHttpTimeoutMillis";
    public static final String MAX_RESPONSE_BYTES = "esiaMaxResponseBytes";
    public static final String CLIENT_CERTIFICATE_HASH = "esiaClientCertificateHash";
    public static final String FORWARDED_PARAMETERS = "esiaForwardedParameters";
    public static final String READ_CHILDREN_WHEN = "esiaReadChildrenWhen";
    public static final String EMBED_IN_PERSON = "esiaEmbedInPerson";

    /*
     * Bounds of the numeric settings (defect 10): a timeout of 0 would mean "wait forever" and an
     * unbounded leeway would accept long-expired tokens. Saving outside them is refused; a stored
     * value outside them (an older realm, an import) is clamped at use.
     */
    static final Bounds TOKEN_LEEWAY = new Bounds(TOKEN_LEEWAY_SECONDS, "Clock leeway for tokens (s)", 0, 300, 60);
    static final Bounds HTTP_TIMEOUT = new Bounds(HTTP_TIMEOUT_MILLIS, "ESIA call deadline (ms)", 500, 60_000, 10_000);
    static final Bounds MAX_RESPONSE = new Bounds(MAX_RESPONSE_BYTES, "Largest ESIA answer accepted (bytes)", 4096, 16 * 1024 * 1024, 1024 * 1024);
    static final Bounds SIGNER_TIMEOUT = new Bounds(org.schoolesia.esia.signer.SignerSettings.TIMEOUT_MILLIS,
            "Signing service deadline (ms)", 500, 60_000, 5000);

    public static final String PROTOCOL_V2 = "v2";
    public static final String PROTOCOL_LEGACY = "legacy";

    public static final String DEFAULT_SCOPE = "openid fullname birthdate gender snils email mobile";

    public EsiaIdentityProviderConfig() {
    }

    public EsiaIdentityProviderConfig(IdentityProviderModel model) {
        super(model);
    }

    public EsiaEnvironment getEnvironment() {
        return EsiaEnvironment.of(getConfig().get(ENVIRONMENT));
    }

    public String getBaseUrl() {
        EsiaEnvironment environment = getEnvironment();
        String url = environment == EsiaEnvironment.CUSTOM ? getConfig().get(BASE_URL) : environment.baseUrl();
        if (url == null) {
            return null;
        }
        url = url.trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String getIssuer() {
        EsiaEnvironment environment = getEnvironment();
        String custom = getConfig().get(ISSUER);
        if (environment == EsiaEnvironment.CUSTOM || (custom != null && !custom.isBlank())) {
            return custom == null ? null : custom.trim();
        }
        return environment.issuer();
    }

    public boolean isLegacyProtocol() {
        return PROTOCOL_LEGACY.equalsIgnoreCase(getConfig().get(PROTOCOL));
    }

    @Override
    public String getAuthorizationUrl() {
        return getBaseUrl() + (isLegacyProtocol() ? EsiaEndpoints.AUTHORIZE_LEGACY : EsiaEndpoints.AUTHORIZE_V2);
    }

    @Override
    public String getTokenUrl() {
        return getBaseUrl() + (isLegacyProtocol() ? EsiaEndpoints.TOKEN_LEGACY : EsiaEndpoints.TOKEN_V3);
    }

    public String getPersonUrl(String oid) {
        return getBaseUrl() + EsiaEndpoints.PERSON + oid;
    }

    public String getLogoutUrl() {
        return getBaseUrl() + EsiaEndpoints.LOGOUT;
    }

    @Override
    public String getDefaultScope() {
        String scope = super.getDefaultScope();
        return scope == null || scope.isBlank() ? DEFAULT_SCOPE : normaliseScope(scope);
    }

    public Set<String> getScopes() {
        return new LinkedHashSet<>(Arrays.asList(getDefaultScope().split(" ")));
    }

    public String getScopeOrg() {
        String value = getConfig().get(SCOPE_ORG);
        return value == null || value.isBlank() ? "" : normaliseScope(value);
    }

    public String getSignerId() {
        String value = getConfig().get(SIGNER);
        return value == null || value.isBlank() ? "bouncycastle" : value.trim();
    }

    public boolean isReverseSignatureBytes() {
        return Boolean.parseBoolean(getConfig().get(REVERSE_SIGNATURE_BYTES));
    }

    /**
     * Contacts and children asked for with the person ({@code ?embed=(contacts.elements,kids.elements)}): a call
     * fewer per login for each. On unless switched off.
     */
    public boolean isEmbedInPerson() {
        return !"false".equalsIgnoreCase(getConfig().get(EMBED_IN_PERSON));
    }

    public boolean isClockCorrection() {
        return Boolean.parseBoolean(getConfig().get(CLOCK_CORRECTION));
    }

    public String getEsiaCertificates() {
        return getConfig().get(ESIA_CERTIFICATES);
    }

    public Duration getTokenLeeway() {
        return Duration.ofSeconds(TOKEN_LEEWAY.clamped(getConfig().get(TOKEN_LEEWAY_SECONDS)));
    }

    public java.time.ZoneId getTimestampZone() {
        String value = getConfig().get(TIMESTAMP_ZONE);
        return value == null || value.isBlank() ? java.time.ZoneId.of("Europe/Moscow") : java.time.ZoneId.of(value.trim());
    }

    /** The whole of one ESIA call, connecting and reading included. */
    public int getHttpTimeoutMillis() {
        return (int) HTTP_TIMEOUT.clamped(getConfig().get(HTTP_TIMEOUT_MILLIS));
    }

    public long getMaxResponseBytes() {
        return MAX_RESPONSE.clamped(getConfig().get(MAX_RESPONSE_BYTES));
    }

    public LoginParameters getForwardedParameters() {
        try {
            return LoginParameters.parse(getConfig().get(FORWARDED_PARAMETERS));
        } catch (IllegalArgumentException e) {
            return LoginParameters.NONE; // refused on save; an unsaved bad value forwards nothing
        }
    }

    public ChildrenCondition getReadChildrenWhen() {
        try {
            return ChildrenCondition.parse(getConfig().get(READ_CHILDREN_WHEN));
        } catch (IllegalArgumentException e) {
            return ChildrenCondition.ALWAYS; // as without the setting: the children are complete
        }
    }

    private static String normaliseScope(String scope) {
        return String.join(" ", scope.trim().split("[\\s,]+"));
    }

    /**
     * Called by Keycloak when an admin saves the provider. Rejects settings that cannot work, and
     * stores the hash of an inline client certificate so the admin can paste it into ESIA's
     * technical portal (for a vault reference the hash is logged at first use instead).
     */
    @Override
    public void validate(RealmModel realm) {
        try {
            getEnvironment();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ESIA environment must be production, test or custom");
        }
        String baseUrl = getBaseUrl();
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("ESIA base URL is required for the custom environment");
        }
        if (getIssuer() == null || getIssuer().isBlank()) {
            throw new IllegalArgumentException("ESIA token issuer is required for the custom environment (for example http://esia.gosuslugi.ru/)");
        }
        if (getClientId() == null || getClientId().isBlank()) {
            throw new IllegalArgumentException("ESIA client_id (the system's mnemonic) is required");
        }
        String protocol = getConfig().get(PROTOCOL);
        if (protocol != null && !protocol.isBlank() && !PROTOCOL_V2.equalsIgnoreCase(protocol) && !PROTOCOL_LEGACY.equalsIgnoreCase(protocol)) {
            throw new IllegalArgumentException("ESIA protocol must be v2 or legacy");
        }
        for (Bounds bounds : List.of(TOKEN_LEEWAY, HTTP_TIMEOUT, MAX_RESPONSE, SIGNER_TIMEOUT)) {
            bounds.check(getConfig().get(bounds.key()));
        }
        LoginParameters.parse(getConfig().get(FORWARDED_PARAMETERS));
        ChildrenCondition.parse(getConfig().get(READ_CHILDREN_WHEN));
        try {
            getTimestampZone();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Timestamp time zone is not a valid zone id (for example Europe/Moscow)");
        }
        String esiaCertificates = getEsiaCertificates();
        if (esiaCertificates == null || esiaCertificates.isBlank()) {
            throw new IllegalArgumentException("ESIA's token-signing certificate(s) are required to verify id_tokens");
        }
        if (!isVaultReference(esiaCertificates)) {
            parseCertificates(esiaCertificates);
        }
        String clientCertificate = getConfig().get(org.schoolesia.esia.signer.SignerSettings.CERTIFICATE);
        if (clientCertificate != null && !clientCertificate.isBlank() && !isVaultReference(clientCertificate)) {
            List<X509Certificate> certificates = parseCertificates(clientCertificate);
            getConfig().put(CLIENT_CERTIFICATE_HASH, CertificateHash.of(certificates.get(0)));
        }
        super.validate(realm);
    }

    static boolean isVaultReference(String value) {
        String trimmed = value.trim();
        return trimmed.startsWith("${vault.") && trimmed.endsWith("}");
    }

    /** Parses one or more concatenated PEM certificates; the message says what is wrong. */
    public static List<X509Certificate> parseCertificates(String pem) {
        try {
            // BouncyCastle's factory, so GOST public keys come out usable for verification.
            CertificateFactory factory = CertificateFactory.getInstance("X.509", GostCrypto.provider());
            List<X509Certificate> result = new ArrayList<>();
            for (var certificate : factory.generateCertificates(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)))) {
                result.add((X509Certificate) certificate);
            }
            if (result.isEmpty()) {
                throw new IllegalArgumentException("no PEM certificate found (expected -----BEGIN CERTIFICATE-----)");
            }
            return result;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate cannot be read: " + e.getMessage().toLowerCase(Locale.ROOT));
        }
    }
}
