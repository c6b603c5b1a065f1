package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The persons of the personal-page tests (issue 11), made the way they come about: a mother whose
 * school card still carries her maiden name (so Госуслуги cannot link her by SNILS, R-LINK-4) files
 * «Обратиться в организацию» twice (R-REQ-1) — one request the school rejects with a comment, one
 * still pending at the ОДО; a pupil put into class 5Б.
 */
final class PersonalFixtures {

    /** Елена Соколова at Госуслуги (ESIA 1000000008, SNILS 176-543-219 85); «Лебедева» on her card, no e-mail. */
    static final String UNLINKED_MOTHER = "lebedeva.elena";
    static final String MOTHER_OID = "1000000008";
    static final String DAUGHTER_OID = "1000000009";
    static final String REJECTION = "Вера не найдена в 1А. <Обратитесь> к классному руководителю & принесите свидетельство";

    record Requests(String rejected, String pending) {
    }

    private PersonalFixtures() {
    }

    /** Her account (password {@code Demo-pass-1}, member of school № 1), her two requests; the numbers. */
    static Requests unlinkedMotherWithTwoRequests(TestEnvironment env) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(UNLINKED_MOTHER);
        user.setEnabled(true);
        user.setLastName("Лебедева");
        user.setFirstName("Елена");
        user.setAttributes(Map.of("birthdate", List.of("1988-03-12"), "snils", List.of("17654321985"), "schoolRole", List.of("parent"),
                "homeOrganization", List.of("sosh-1-ys"), "enrolmentSource", List.of("contingent")));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(StaffApi.PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        String id = env.realmAdmin().createUser(user);
        env.realmAdmin().addMember("sosh-1-ys", id);

        String first = AccessRequestFlow.fileRequest(env, env.browser(), MOTHER_OID, "parent", "sosh-1-ys", "1А", DAUGHTER_OID, null);
        StaffApi staff = staffApi(env);
        String url = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/access-requests";
        HttpResponse<String> found = staff.call("GET", "zavuch.sosh1", url + "?number=" + URLEncoder.encode(first, StandardCharsets.UTF_8),
                null, "ru");
        assertEquals(200, found.statusCode(), found.body());
        String requestId = StaffApi.json(found).get("items").get(0).get("id").asText();
        HttpResponse<String> rejected = staff.call("POST", "zavuch.sosh1", url + "/" + requestId + "/reject",
                Map.of("comment", REJECTION), "ru");
        assertEquals(200, rejected.statusCode(), rejected.body());

        String second = AccessRequestFlow.fileRequest(env, env.browser(), MOTHER_OID, "parent", "ddut-ys", "Объединение 36 Художник",
                DAUGHTER_OID, "Хотим в кружок рисования");
        return new Requests(first, second);
    }

    /** The staff API's test client, made once per realm import. */
    static StaffApi staffApi(TestEnvironment env) {
        StaffApi staff = new StaffApi(env);
        if (env.realmAdmin().realm().clients().findByClientId(StaffApi.CLIENT_ID).isEmpty()) {
            staff.createTestClient();
        }
        return staff;
    }

    /** Puts the demo pupil ivanov.petr into class 5Б of school № 1 (an organisation group). */
    static void pupilInClass(TestEnvironment env, String username, String orgAlias, String className) {
        var org = env.realmAdmin().organisation(orgAlias);
        GroupRepresentation group = org.groups().getAll(null, null, null, 0, 100, true, false).stream()
                .filter(g -> className.equals(g.getName())).findFirst().orElseThrow(() -> new AssertionError("no class " + className));
        org.groups().group(group.getId()).addMember(env.realmAdmin().userId(username));
    }

    static JsonNode request(JsonNode requests, String number) {
        for (JsonNode item : requests.get("items")) {
            if (number.equals(item.get("number").asText())) {
                return item;
            }
        }
        throw new AssertionError("no request " + number + " in " + requests);
    }
}
