package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Defects 6 and 7 of issue 10 through the real server: cards saved with Keycloak's own admin API
 * (user profile) and access requests filed with ESIA data a school column cannot hold.
 */
@ExtendWith(KeycloakExtension.class)
class PersonFieldBoundsIT {

    private static final String USERS = "/realms/" + DemoRealm.NAME + "/users/";
    /** ivanov.petr, a pupil of СОШ № 1. */
    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    /** Соколова Елена at ESIA: parent of Вера (1000000009); no local account. */
    private static final String ELENA_OID = "1000000008";
    private static final String VERA_OID = "1000000009";
    /** Орлова Ольга at ESIA: no local account. */
    private static final String OLGA_OID = "1000000010";

    private final TestEnvironment env;
    private final StaffApi api;

    PersonFieldBoundsIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
    }

    /** Keycloak's admin API saving Пётр's card with one attribute changed. */
    private HttpResponse<String> saveCard(String attribute, String value) {
        ObjectNode user = (ObjectNode) env.admin().get(USERS + PETR);
        if (attribute.equals("lastName")) {
            user.put("lastName", value);
        } else {
            ((ObjectNode) user.get("attributes")).putArray(attribute).add(value);
        }
        return env.admin().sendRaw("PUT", USERS + PETR, user);
    }

    private void assertRefused(HttpResponse<String> r, String attribute, String message) {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains(message), r.body());
        assertTrue(r.body().contains(attribute), r.body());
    }

    @Test
    void defect7_aCardRefusesSnilsWithoutChecksum_andTheIndexNeverFindsOne() throws Exception {
        for (String unverifiable : new String[] {"00000000000", "00100199877"}) {
            assertRefused(saveCard("snils", unverifiable), "snils", "invalidSnils");
        }
        assertEquals("12345678964", env.admin().get(USERS + PETR).get("attributes").get("snils").get(0).asText(), "card unchanged");
        String token = OrganisationDirectoryImportIT.adminToken(env, org.schoolesia.testkit.KeycloakServer.ADMIN_USER,
                org.schoolesia.testkit.KeycloakServer.ADMIN_PASSWORD);
        HttpResponse<String> lookup = OrganisationDirectoryImportIT.send(env, token, "GET",
                "/realms/" + DemoRealm.NAME + "/school/users/by-snils/00000000000", null, null);
        assertEquals(400, lookup.statusCode(), lookup.body());
    }

    @Test
    void defect6_aCardRefusesABirthdateIn2099OrOver120YearsAgo() {
        assertRefused(saveCard("birthdate", "2099-01-01"), "birthdate", "schoolImplausibleBirthdate");
        assertRefused(saveCard("birthdate", "1890-05-01"), "birthdate", "schoolImplausibleBirthdate");
        assertEquals("2012-09-05", env.admin().get(USERS + PETR).get("attributes").get("birthdate").get(0).asText(), "card unchanged");
        assertEquals(204, saveCard("birthdate", "2012-09-06").statusCode());
    }

    @Test
    void defect6_aCardRefusesANameWithABidiOverride() {
        assertRefused(saveCard("lastName", "\u202Eвонави"), "lastName", "schoolInvisibleCharacters");
        assertRefused(saveCard("middleName", "Серг\u200Bеевич"), "middleName", "schoolInvisibleCharacters");
    }

    @Test
    void defect6_aParentBorn2099_staffCreatingTheAccountGetAClearRefusalNot500() {
        ObjectNode elena = env.emulator().config().person(ELENA_OID);
        String born = elena.get("birthDate").asText();
        elena.put("birthDate", "01.01.2099");
        String number;
        try {
            number = AccessRequestFlow.fileRequest(env, env.browser(), ELENA_OID, "parent", "sosh-1-ys", "1А", VERA_OID, null);
        } finally {
            elena.put("birthDate", born);
        }
        JsonNode request = StaffApi.json(api.call("GET", "zavuch.sosh1", requests() + "/" + number, null, "ru"));
        assertTrue(request.get("person").get("birthDate").isNull(), "the impossible date is unknown, not stored: " + request);

        HttpResponse<String> created = api.call("POST", "zavuch.sosh1", requests() + "/" + number + "/resolve",
                Map.of("createAccount", true), "ru");
        assertNotEquals(500, created.statusCode(), created.body());
        assertEquals(409, created.statusCode(), created.body());
        assertEquals("incomplete_person", StaffApi.json(created).get("error").asText(), created.body());
        assertEquals("pending", StaffApi.json(api.call("GET", "zavuch.sosh1", requests() + "/" + number, null, "ru"))
                .get("status").asText(), "nothing decided");
    }

    @Test
    void defect6_aTenKilobyteSurnameFromEsiaStillFilesTheRequest_cutToItsColumn() {
        ObjectNode olga = env.emulator().config().person(OLGA_OID);
        String lastName = olga.get("lastName").asText();
        olga.put("lastName", "Щ".repeat(10_240));
        String number;
        try {
            number = AccessRequestFlow.fileRequest(env, env.browser(), OLGA_OID, "student", "sosh-1-ys", "5Б", null, null);
        } finally {
            olga.put("lastName", lastName);
        }
        JsonNode request = StaffApi.json(api.call("GET", "zavuch.sosh1", requests() + "/" + number, null, "ru"));
        String stored = request.get("person").get("lastName").asText();
        assertTrue(stored.length() <= 255 && stored.chars().allMatch(c -> c == 'Щ'), "length " + stored.length());
        assertEquals("Ольга", request.get("person").get("firstName").asText());
    }

    private String requests() {
        return env.keycloak().realmUrl(DemoRealm.NAME) + "/school/access-requests";
    }
}
