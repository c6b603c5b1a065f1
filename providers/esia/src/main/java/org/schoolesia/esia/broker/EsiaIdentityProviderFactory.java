package org.schoolesia.esia.broker;

import java.util.List;
import java.util.Map;

import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.schoolesia.esia.signer.SignerSettings;

/** Registers the {@code esia} identity provider and the settings the admin console shows for it. */
public class EsiaIdentityProviderFactory extends AbstractIdentityProviderFactory<EsiaIdentityProvider>
        implements ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "esia";

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(EsiaIdentityProviderConfig.ENVIRONMENT).label("ESIA environment")
                .helpText("production: https://esia.gosuslugi.ru; test: https://esia-portal1.test.gosuslugi.ru; custom: the base URL below (e.g. the emulator).")
                .type(ProviderConfigProperty.LIST_TYPE).options("production", "test", "custom").defaultValue("production").add()
            .property().name(EsiaIdentityProviderConfig.BASE_URL).label("Custom base URL")
                .helpText("Only for the custom environment: scheme, host and port of the ESIA endpoints.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(EsiaIdentityProviderConfig.ISSUER).label("Token issuer (iss)")
                .helpText("Expected id_token issuer. Presets: http://esia.gosuslugi.ru/ and http://esia-portal1.test.gosuslugi.ru/ (http, trailing slash). Required for custom.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name("clientId").label("Client ID (system mnemonic)")
                .helpText("The mnemonic of your information system registered on ESIA's technical portal.")
                .type(ProviderConfigProperty.STRING_TYPE).required(true).add()
            .property().name("defaultScope").label("Scopes")
                .helpText("Space-separated ESIA scopes. Children need kid_fullname kid_birthdate kid_gender kid_snils. Every scope must be granted to the system, or ESIA answers ESIA-007006.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(EsiaIdentityProviderConfig.DEFAULT_SCOPE).add()
            .property().name(EsiaIdentityProviderConfig.SCOPE_ORG).label("Organisation scopes (scope_org)")
                .helpText("Optional; signed together with the scopes.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(EsiaIdentityProviderConfig.PROTOCOL).label("Protocol")
                .helpText("v2: /aas/oauth2/v2/ac and /v3/te with a raw GOST signature (current). legacy: /aas/oauth2/ac and /te with a detached CMS signature (being withdrawn by ESIA).")
                .type(ProviderConfigProperty.LIST_TYPE).options("v2", "legacy").defaultValue("v2").add()
            .property().name(EsiaIdentityProviderConfig.SIGNER).label("Signer")
                .helpText("bouncycastle: the key below, signed in Keycloak (test environment; not certified crypto). http: a certified signing service (CryptoPro DSS adapter, HSM) — required for new production connections since 2025.")
                .type(ProviderConfigProperty.LIST_TYPE).options("bouncycastle", "http").defaultValue("bouncycastle").add()
            .property().name(SignerSettings.KEY).label("Signing key")
                .helpText("PKCS#8 PEM, base64 of a PKCS#12 file, or the raw 32-byte key as 64 hex characters. Prefer a vault reference: ${vault.esia-signer-key}.")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(SignerSettings.KEY_PASSWORD).label("Key password")
                .helpText("For an encrypted PEM or a PKCS#12 file.")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(SignerSettings.CERTIFICATE).label("System certificate (PEM)")
                .helpText("The certificate registered for the system on ESIA's technical portal. Its hash is computed on save and shown below.")
                .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(EsiaIdentityProviderConfig.CLIENT_CERTIFICATE_HASH).label("Certificate hash (computed)")
                .helpText("Streebog-256 of the certificate, upper-case hex: paste it into ESIA's technical portal. Computed when you save; anything typed here is replaced.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(SignerSettings.URL).label("Signing service URL")
                .helpText("For the http signer: POST {\"data\",\"format\"} → {\"signature\",\"certificateHash\"} (see README).")
                .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(SignerSettings.AUTHORIZATION).label("Signing service Authorization header")
                .type(ProviderConfigProperty.PASSWORD).secret(true).add()
            .property().name(SignerSettings.TIMEOUT_MILLIS).label("Signing service deadline (ms)")
                .helpText("The whole signing call, connecting and reading included: 500 to 60000.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("5000").add()
            .property().name(EsiaIdentityProviderConfig.REVERSE_SIGNATURE_BYTES).label("Reverse signature bytes")
                .helpText("Implementations disagree on the byte order of the raw GOST signature. Switch on if ESIA answers ESIA-007053 with a correct certificate.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(EsiaIdentityProviderConfig.ESIA_CERTIFICATES).label("ESIA token certificates (PEM)")
                .helpText("ESIA's certificate(s) for id_token signatures (RS256 or GOST3410_2012_256). Paste several during ESIA's yearly rotation.")
                .type(ProviderConfigProperty.TEXT_TYPE).required(true).add()
            .property().name(EsiaIdentityProviderConfig.TOKEN_LEEWAY_SECONDS).label("Clock leeway for tokens (s)")
                .helpText("Tolerated clock difference when checking id_token times: 0 to 300 (ESIA's guidance: about 60).")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("60").add()
            .property().name(EsiaIdentityProviderConfig.CLOCK_CORRECTION).label("Correct clock offset from ESIA's Date header")
                .helpText("Against ESIA-007015 when this server's clock drifts.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
            .property().name(EsiaIdentityProviderConfig.TIMESTAMP_ZONE).label("Timestamp time zone")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("Europe/Moscow").add()
            .property().name(EsiaIdentityProviderConfig.HTTP_TIMEOUT_MILLIS).label("ESIA call deadline (ms)")
                .helpText("Each call to ESIA (token, person, contacts, children) must be complete within this time, connecting and reading included, or the login ends with the page \"Gosuslugi is not answering right now\": 500 to 60000.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("10000").add()
            .property().name(EsiaIdentityProviderConfig.MAX_RESPONSE_BYTES).label("Largest ESIA answer accepted (bytes)")
                .helpText("4096 to 16777216.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("1048576").add()
            .property().name(EsiaIdentityProviderConfig.EMBED_IN_PERSON).label("Read contacts and children with the person")
                .helpText("Ask for the person, their contacts and (when read) children in one call "
                        + "(/rs/prns/{oid}?embed=(contacts.elements,kids.elements)), as ESIA's own pages and maintained clients do. When ESIA's "
                        + "answer carries them not, the provider asks /ctts and /kids as well, so the login works either way; switch off only "
                        + "if ESIA refuses the embed parameter.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name(EsiaIdentityProviderConfig.FORWARDED_PARAMETERS).label("Forwarded login parameters")
                .helpText("Query parameters of this provider's login URL to keep with the login, so that steps after ESIA can read them: "
                        + "name or name=value1|value2 (only those values), several separated by commas. Each is kept as the client note "
                        + "esia.param.<name>. Empty: none.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(EsiaIdentityProviderConfig.READ_CHILDREN_WHEN).label("Read children only when")
                .helpText("parameter=value (or parameter=a|b): read the children from ESIA only for logins whose parameter — the relying "
                        + "client's authorization parameter, else the forwarded one — has one of these values; a login without it still reads them. "
                        + "Empty: always, when kid_ scopes are configured.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getName() {
        return "ESIA (Госуслуги)";
    }

    @Override
    public EsiaIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new EsiaIdentityProvider(session, new EsiaIdentityProviderConfig(model));
    }

    @Override
    public EsiaIdentityProviderConfig createConfig() {
        return new EsiaIdentityProviderConfig();
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", EsiaIdentityProviderFactory.class.getPackage().getImplementationVersion() == null
                ? "dev" : EsiaIdentityProviderFactory.class.getPackage().getImplementationVersion());
    }
}
