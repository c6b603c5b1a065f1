package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 13, 152-FZ minimisation: SNILS and birth dates reach a relying system only when its client
 * is configured to need them (the optional scopes {@code school-snils}, {@code school-birthdate}),
 * in a new realm and, by the upgrade ({@code claims/PersonalDataScopes}), in realms made before —
 * on import and at start, once ({@link EarlierVersionAtStartIT}). Checked through the demo diary as a relying system
 * ({@link RelyingSystem}).
 */
@ExtendWith(KeycloakExtension.class)
class PersonalDataScopesIT {

    static final String PASSWORD = "Demo-pass-1";
    private static final String REALM = "/realms/" + DemoRealm.NAME;
    static final List<String> PERSONAL_DATA = List.of("snils", "birthdate");

    private final TestEnvironment env;
    private RelyingSystem diary;

    PersonalDataScopesIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void demoRealm() throws Exception {
        env.resetRealm();
        diary = new RelyingSystem(env);
    }

    @Test
    void snilsOnlyForAClientConfiguredToNeedIt() throws Exception {
        ClientScopeRepresentation snils = scope(env, "school-snils");
        assertNotNull(scope(env, "school-birthdate"));
        assertFalse(env.realmAdmin().realm().getDefaultDefaultClientScopes().stream().anyMatch(s -> s.getName().startsWith("school-")));
        assertNoPersonalDataMapper(scope(env, "profile"));

        ClientResource client = env.realmAdmin().client(DemoRealm.CLIENT_ID);
        client.addDefaultClientScope(snils.getId());
        JsonNode configured = diary.login(env.browser(), "sosh-1-ys", "ivanova.maria", PASSWORD).idClaims();
        assertEquals("11223344595", configured.get("snils").asText(), configured.toString());
        assertFalse(configured.has("birthdate"), configured.toString());
    }

    @Test
    void anEarlierRealmLosesSnilsAndBirthDateFromDefaultsWhenImported() throws Exception {
        ObjectNode realm = env.demoRealm();
        ObjectNode diaryClient = null;
        for (JsonNode c : realm.get("clients")) {
            if (DemoRealm.CLIENT_ID.equals(c.get("clientId").asText())) {
                diaryClient = (ObjectNode) c;
            }
        }
        assertNotNull(diaryClient);
        ArrayNode mappers = (ArrayNode) diaryClient.get("protocolMappers");
        mappers.add(attributeMapper("snils"));
        mappers.add(attributeMapper("birthdate"));
        int logFrom = env.keycloak().logLineCount();

        env.admin().importRealm(realm);

        assertUpgraded(env);
        assertTrue(env.keycloak().logLinesFrom(logFrom).stream().anyMatch(l -> l.contains("realm " + DemoRealm.NAME
                + ": SNILS and birth dates only to clients configured to need them")
                && l.contains("client school-diary: mapper «snils» removed, scope school-snils assigned as optional")), env.keycloak().tail(40));
        // The diary asks for SNILS with the optional scope it was given; by default it gets none.
        RelyingSystem diaryAgain = new RelyingSystem(env);
        assertNoPersonalData(diaryAgain.login(env.browser(), "sosh-1-ys", "ivanova.maria", PASSWORD).idClaims());
        JsonNode asked = diaryAgain.login(env.browser(), "sosh-1-ys", "ivanova.maria", PASSWORD, "openid school-snils").idClaims();
        assertEquals("11223344595", asked.get("snils").asText(), asked.toString());
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** The diary and the profile scope as the upgrade leaves them (also after a start: {@link EarlierVersionAtStartIT}). */
    static void assertUpgraded(TestEnvironment env) {
        ClientResource client = env.realmAdmin().client(DemoRealm.CLIENT_ID);
        for (ProtocolMapperRepresentation mapper : client.getProtocolMappers().getMappers()) {
            assertFalse(PERSONAL_DATA.contains(String.valueOf(mapper.getConfig().get("user.attribute"))),
                    "left on the diary: " + mapper.getName());
        }
        assertTrue(client.getOptionalClientScopes().stream().anyMatch(s -> "school-snils".equals(s.getName())));
        assertFalse(client.getDefaultClientScopes().stream().anyMatch(s -> s.getName().startsWith("school-")));
        assertNoPersonalDataMapper(scope(env, "profile"));
        assertEquals("1", env.admin().get(REALM).path("attributes").path("schoolPersonalDataScopes").asText());
    }

    private static void assertNoPersonalDataMapper(ClientScopeRepresentation scope) {
        for (ProtocolMapperRepresentation mapper : scope.getProtocolMappers() == null ? List.<ProtocolMapperRepresentation>of()
                : scope.getProtocolMappers()) {
            assertFalse(PERSONAL_DATA.contains(String.valueOf(mapper.getConfig().get("user.attribute"))),
                    scope.getName() + ": " + mapper.getName());
        }
    }

    static ClientScopeRepresentation scope(TestEnvironment env, String name) {
        return env.realmAdmin().realm().clientScopes().findAll().stream().filter(s -> name.equals(s.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no client scope " + name));
    }

    private static ObjectNode attributeMapper(String attribute) {
        ObjectNode mapper = StaffApi.JSON.valueToTree(mapperRepresentation(attribute));
        mapper.remove("id");
        return mapper;
    }

    static ProtocolMapperRepresentation mapperRepresentation(String attribute) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(attribute);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-usermodel-attribute-mapper");
        Map<String, String> config = new HashMap<>();
        config.put("user.attribute", attribute);
        config.put("claim.name", attribute);
        config.put("jsonType.label", "String");
        config.put("id.token.claim", "true");
        config.put("access.token.claim", "true");
        config.put("userinfo.token.claim", "true");
        mapper.setConfig(config);
        return mapper;
    }

    /** No SNILS or birth date among the claims (ID token, access token, userinfo, introspection). */
    static void assertNoPersonalData(JsonNode claims) {
        for (String claim : PERSONAL_DATA) {
            assertFalse(claims.has(claim), claim + " sent by default: " + claims);
        }
    }
}
