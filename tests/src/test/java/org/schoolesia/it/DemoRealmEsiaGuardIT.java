package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Defect 12 (issue 10): the demo realm (public accounts and keys) never talks to a real ESIA, and
 * the production template carries nothing of the demo.
 */
@ExtendWith(KeycloakExtension.class)
class DemoRealmEsiaGuardIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFUSED_RU = "Вход через Госуслуги в этой демонстрационной области отключен";

    private final TestEnvironment env;

    DemoRealmEsiaGuardIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
    }

    @AfterAll
    static void leaveTheDemoAsItWas(TestEnvironment env) throws Exception {
        env.resetRealm();
        env.admin().delete("/realms/school");
    }

    /** A browser that never leaves this machine: a redirect to ESIA's hosts is recorded, not followed. */
    private Browser browser() {
        return new Browser(url -> url.startsWith(DemoRealm.CLIENT_REDIRECT) || url.contains("gosuslugi.ru"));
    }

    private void assertLoginRefused() {
        Browser browser = browser();
        Browser.Page login = browser.open(env.clientLoginUrl());
        assertEquals(200, login.status(), login.text());
        Browser.Page refused = login.follow("#school-esia-role-parent");
        assertEquals(403, refused.status(), refused.text());
        assertTrue(refused.text().contains(REFUSED_RU), refused.text());
        assertNull(refused.location());
        assertTrue(browser.history().stream().noneMatch(u -> u.contains("gosuslugi.ru") || u.startsWith(env.emulator().baseUrl())),
                "nothing went to ESIA or the emulator: " + browser.history());
    }

    @Test
    void defect12_theDemoRealmSwitchedToProductionEsiaRefusesTheLogin() {
        env.updateEsiaConfig(Map.of("esiaEnvironment", "production"));
        assertLoginRefused();
    }

    @Test
    void defect12_theDemoRealmRefusesACustomUrlThatIsNotOnLoopback() {
        env.updateEsiaConfig(Map.of("esiaEnvironment", "custom", "esiaBaseUrl", "https://esia.gosuslugi.ru"));
        assertLoginRefused();
        env.updateEsiaConfig(Map.of("esiaEnvironment", "test"));
        assertLoginRefused();
    }

    @Test
    void defect12_theDemoRealmWithTheEmulatorStillLogsIn() {
        Browser.Page picker = browser().open(env.clientLoginUrl()).follow("#school-esia-role-parent");
        assertEquals(200, picker.status(), picker.text());
        assertTrue(picker.url().startsWith(env.emulator().baseUrl()), picker.url());
    }

    @Test
    void defect12_theProductionTemplateImportsWithoutAnythingOfTheDemo() throws Exception {
        ObjectNode realm = (ObjectNode) JSON.readTree(Files.readString(env.realmConfig().resolve("production/school-realm.json")));
        // What Keycloak's --import-realm fills from the environment, as an operator would set it.
        ObjectNode esia = (ObjectNode) realm.get("identityProviders").get(0).get("config");
        esia.put("clientId", "SCHOOL-PROD");
        esia.put("signerUrl", "https://signer.school.invalid/sign");
        esia.put("signerCertificate", Files.readString(env.realmConfig().resolve("keys/client-gost.crt.pem")));
        esia.put("esiaCertificates", Files.readString(env.realmConfig().resolve("keys/esia-gost.crt.pem")));
        env.admin().importRealm(realm);

        assertEquals(0, env.admin().userCount("school"));
        assertEquals(0, env.admin().get("/realms/school/organizations").size());
        JsonNode idp = env.admin().get("/realms/school/identity-provider/instances/esia");
        assertEquals("production", idp.get("config").get("esiaEnvironment").asText());
        assertEquals("http", idp.get("config").get("esiaSigner").asText());
        assertFalse(idp.get("config").has("esiaBaseUrl"));
        JsonNode imported = env.admin().get("/realms/school");
        assertFalse(imported.path("attributes").has("esiaEmulatorOnly"));
        assertEquals("school browser", imported.get("browserFlow").asText());
        assertEquals(realm.get("identityProviders").get(0).get("firstBrokerLoginFlowAlias").asText(),
                idp.get("firstBrokerLoginFlowAlias").asText());
        assertTrue(env.admin().get("/realms/school/clients?clientId=" + DemoRealm.CLIENT_ID).isEmpty(), "no demo client");
        String profile = env.admin().get("/realms/school/users/profile").toString();
        assertTrue(profile.contains("school-snils") && profile.contains("school-birthdate"), profile);
    }
}
