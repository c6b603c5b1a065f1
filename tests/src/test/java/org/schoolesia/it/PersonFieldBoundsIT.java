package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.Cleanup;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Defects 6 and 7 of issue 10 through the real server: cards saved with Keycloak's own admin API
 * (user profile) and access requests filed with ESIA data a school column cannot hold.
 */
@ExtendWith(KeycloakExtension.class)
class PersonFieldBoundsIT {

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

    /** What a test changed in the demo realm, undone after it (the realm is imported once per class). */
    private final Cleanup cleanup = new Cleanup();

    /**
     * Imported once: the card tests put back what they changed; the two request tests each file for
     * an ESIA person no other test of the class uses, and those requests stay until the next import.
     */
    @BeforeAll
    static void freshRealm(TestEnvironment env) throws Exception {
        env.resetRealm();
        new StaffApi(env).createTestClient();
    }

    @AfterEach
    void undoChanges() {
        cleanup.close();
    }

    /** Keycloak's answer to saving a card: status and body. */
    private record Saved(int status, String body) {
    }

    /** Keycloak's admin API saving Пётр's card with one attribute changed. */
    private Saved saveCard(String attribute, String value) {
        UserResource petr = env.realmAdmin().userById(PETR);
        UserRepresentation user = petr.toRepresentation();
        if (attribute.equals("lastName")) {
            user.setLastName(value);
        } else {
            user.getAttributes().put(attribute, List.of(value));
        }
        try {
            petr.update(user);
            return new Saved(204, "");
        } catch (WebApplicationException e) {
            return new Saved(e.getResponse().getStatus(), e.getResponse().readEntity(String.class));
        }
    }

    private String cardAttribute(String attribute) {
        return env.realmAdmin().userById(PETR).toRepresentation().getAttributes().get(attribute).get(0);
    }

    private void assertRefused(Saved r, String attribute, String message) {
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains(message), r.body());
        assertTrue(r.body().contains(attribute), r.body());
    }

    @Test
    void defect7_aCardRefusesSnilsWithoutChecksum_andTheIndexNeverFindsOne() throws Exception {
        for (String unverifiable : new String[] {"00000000000", "00100199877"}) {
            assertRefused(saveCard("snils", unverifiable), "snils", "invalidSnils");
        }
        assertEquals("12345678964", cardAttribute("snils"), "card unchanged");
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
        assertEquals("2012-09-05", cardAttribute("birthdate"), "card unchanged");
        cleanup.add(() -> assertEquals(204, saveCard("birthdate", "2012-09-05").status()));
        assertEquals(204, saveCard("birthdate", "2012-09-06").status());
    }

    @Test
    void defect6_aCardRefusesANameWithABidiOverride() {
        // Refused, so nothing to undo; put back should a refusal fail to refuse.
        cleanup.add(() -> saveCard("lastName", "Иванов"));
        cleanup.add(() -> saveCard("middleName", "Сергеевич"));
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
