package org.schoolesia.bench;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The baseline: stock Keycloak's {@code oidc} identity provider against the emulator's plain-OIDC
 * mode (same persons, same client id), added to the demo realm through the admin API, with the ESIA
 * provider's sync mode (FORCE). The benchmark links the returning account to it through the admin
 * API, so its logins never reach a first-broker-login flow; Keycloak's built-in one is set all the
 * same, as the ESIA flow's school step only serves ESIA persons.
 */
final class StockOidcBroker {

    static final String ALIAS = "esia-oidc";
    static final String CLIENT_ID = "SCHOOL-DEMO";
    static final String CLIENT_SECRET = "demo-oidc-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StockOidcBroker() {
    }

    /**
     * A realm of stock defaults for the reference figure: Keycloak's own theme and user profile, no
     * events, only the relying client (same id, secret and redirect as the demo realm's).
     */
    static void createPlainRealm(TestEnvironment env, String realm) {
        env.admin().post("/realms", Map.of("realm", realm, "enabled", true));
        ObjectNode client = JSON.createObjectNode();
        client.put("clientId", DemoRealm.CLIENT_ID);
        client.put("secret", DemoRealm.CLIENT_SECRET);
        client.put("publicClient", false);
        client.put("standardFlowEnabled", true);
        client.putArray("redirectUris").add(DemoRealm.CLIENT_REDIRECT);
        env.admin().post("/realms/" + realm + "/clients", client);
    }

    static void create(TestEnvironment env, String realm) {
        String issuer = env.emulator().baseUrl() + "/oidc";
        ObjectNode idp = JSON.createObjectNode();
        idp.put("alias", ALIAS);
        idp.put("displayName", "Госуслуги (stock OIDC, benchmark baseline)");
        idp.put("providerId", "oidc");
        idp.put("enabled", true);
        idp.put("trustEmail", true);
        idp.put("storeToken", false);
        idp.put("addReadTokenRoleOnCreate", false);
        idp.put("linkOnly", false);
        idp.put("hideOnLogin", false);
        idp.put("firstBrokerLoginFlowAlias", "first broker login");
        ObjectNode config = idp.putObject("config");
        config.put("syncMode", "FORCE");
        config.put("clientId", CLIENT_ID);
        config.put("clientSecret", CLIENT_SECRET);
        config.put("clientAuthMethod", "client_secret_post");
        config.put("issuer", issuer);
        config.put("authorizationUrl", issuer + "/auth");
        config.put("tokenUrl", issuer + "/token");
        config.put("userInfoUrl", issuer + "/userinfo");
        config.put("jwksUrl", issuer + "/jwks");
        config.put("validateSignature", "true");
        config.put("useJwksUrl", "true");
        config.put("pkceEnabled", "false");
        config.put("defaultScope", "openid profile email");
        env.admin().post("/realms/" + realm + "/identity-provider/instances", idp);

        // The ESIA provider maps the person's middle name and birth date on every login (FORCE);
        // the baseline maps the same two from its claims, so both write the same attributes.
        mapper(env, realm, "middle name", "middle_name", "middleName");
        mapper(env, realm, "birth date", "birthdate", "birthdate");
    }

    private static void mapper(TestEnvironment env, String realm, String name, String claim, String attribute) {
        ObjectNode mapper = JSON.createObjectNode();
        mapper.put("name", name);
        mapper.put("identityProviderAlias", ALIAS);
        mapper.put("identityProviderMapper", "oidc-user-attribute-idp-mapper");
        mapper.set("config", JSON.valueToTree(Map.of("syncMode", "FORCE", "claim", claim, "user.attribute", attribute)));
        env.admin().post("/realms/" + realm + "/identity-provider/instances/" + ALIAS + "/mappers", mapper);
    }
}
