package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.Cleanup;
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

    /** What a test changed, undone after it (the demo realm is imported once per class). */
    private final Cleanup cleanup = new Cleanup();

    @BeforeAll
    static void freshRealm(TestEnvironment env) throws Exception {
        env.resetRealm();
    }

    @AfterEach
    void undoChanges() {
        cleanup.close();
    }

    /** The demo's ESIA settings come back after the test. */
    private void restoreEsiaSettingsAfterwards() {
        IdentityProviderResource esia = env.realmAdmin().realm().identityProviders().get("esia");
        IdentityProviderRepresentation before = esia.toRepresentation();
        cleanup.add(() -> esia.update(before));
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
        restoreEsiaSettingsAfterwards();
        env.updateEsiaConfig(Map.of("esiaEnvironment", "production"));
        assertLoginRefused();
    }

    @Test
    void defect12_theDemoRealmRefusesACustomUrlThatIsNotOnLoopback() {
        restoreEsiaSettingsAfterwards();
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
        // The template's JSON as an operator's import gets it (the raw client's import, typed reads below).
        env.admin().importRealm(realm);
        RealmResource school = env.keycloakAdmin().realm("school");
        cleanup.add(school::remove);

        assertEquals(0, school.users().count());
        assertEquals(0, school.organizations().getAll().size());
        IdentityProviderRepresentation idp = school.identityProviders().get("esia").toRepresentation();
        assertEquals("production", idp.getConfig().get("esiaEnvironment"));
        assertEquals("http", idp.getConfig().get("esiaSigner"));
        assertFalse(idp.getConfig().containsKey("esiaBaseUrl"));
        RealmRepresentation imported = school.toRepresentation();
        assertFalse(imported.getAttributes() != null && imported.getAttributes().containsKey("esiaEmulatorOnly"));
        assertEquals("school browser", imported.getBrowserFlow());
        assertEquals(realm.get("identityProviders").get(0).get("firstBrokerLoginFlowAlias").asText(), idp.getFirstBrokerLoginFlowAlias());
        assertTrue(school.clients().findByClientId(DemoRealm.CLIENT_ID).isEmpty(), "no demo client");
        String profile = JSON.writeValueAsString(school.users().userProfile().getConfiguration());
        assertTrue(profile.contains("school-snils") && profile.contains("school-birthdate"), profile);
    }
}
