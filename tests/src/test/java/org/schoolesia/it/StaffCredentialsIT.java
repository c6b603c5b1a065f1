package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.Cleanup;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.RealmAdmin;
import org.schoolesia.testkit.TestEnvironment;

/** R-ODO-2, R-ODO-3: who may issue credentials, and what the family notices afterwards. */
@ExtendWith(KeycloakExtension.class)
class StaffCredentialsIT {

    private static final String SCHOOL_NAME = "МАОУ СОШ № 1 г. Южно-Сахалинска";

    private final TestEnvironment env;
    private final StaffApi api;

    StaffCredentialsIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    /** What a test changed in the demo realm, undone after it (the realm is imported once per class). */
    private final Cleanup cleanup = new Cleanup();

    @BeforeAll
    static void freshRealm(TestEnvironment env) throws Exception {
        env.resetRealm();
        new StaffApi(env).createTestClient();
    }

    @AfterEach
    void undoChanges() {
        cleanup.close();
    }

    /** The demo password comes back after the test, whatever the test did to it. */
    private void restorePasswordAfterwards(String username) {
        RealmAdmin admin = env.realmAdmin();
        String id = admin.userId(username);
        cleanup.add(() -> admin.restorePassword(id, StaffApi.PASSWORD));
    }

    private static Map<String, Object> password(String password, String confirmation, boolean temporary) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("password", password);
        body.put("confirmation", confirmation);
        body.put("temporary", temporary);
        return body;
    }

    private HttpResponse<String> issue(String staff, String targetUsername, Map<String, Object> body) {
        return api.post(staff, "/people/" + api.userId(targetUsername) + "/credentials", body);
    }

    @Test
    void r_odo_3_odoIssuesTemporaryPasswordToImportedChildWhoMustChangeItAtFirstLogin() throws Exception {
        restorePasswordAfterwards("kuznetsov.ilya");
        HttpResponse<String> r = issue("metodist.ddut", "kuznetsov.ilya", password("Ilya-new-pass1", "Ilya-new-pass1", true));
        assertEquals(204, r.statusCode(), r.body());
        assertFalse(r.body().contains("Ilya-new-pass1"));

        // The child logs in at the ОДО with the new password and is sent to Keycloak's update-password page.
        Browser browser = env.browser();
        Browser.Page login = browser.open(env.clientLoginUrl());
        assertEquals(200, login.status(), login.text());
        Browser.Page update = login.submit("#kc-login", Map.of("organization", "ddut-ys", "username", "kuznetsov.ilya", "password", "Ilya-new-pass1"));
        assertEquals(200, update.status(), update.text());
        assertNotNull(update.document().selectFirst("input[name=password-new]"), "expected the update-password page: " + update.text());

        Browser.Page done = update.submit("input[name=password-new]", Map.of("password-new", "Ilya-own-pass2", "password-confirm", "Ilya-own-pass2"));
        assertTrue(done.isRedirect() && done.location().startsWith(DemoRealm.CLIENT_REDIRECT), done.status() + " " + done.text());
        assertEquals(200, api.passwordGrant("kuznetsov.ilya", "Ilya-own-pass2").statusCode());

        // Auditable: who issued it, to whom, in which organisation.
        List<EventRepresentation> events = env.realmAdmin().realm().getEvents(List.of("UPDATE_CREDENTIAL"), null,
                api.userId("kuznetsov.ilya"), null, null, null, null, null);
        EventRepresentation issued = null;
        for (EventRepresentation e : events) {
            if (e.getDetails() != null && e.getDetails().containsKey("staff_id")) {
                issued = e;
            }
        }
        assertNotNull(issued, String.valueOf(events));
        assertEquals(api.userId("metodist.ddut"), issued.getDetails().get("staff_id"));
        assertEquals("ddut-ys", issued.getDetails().get("organization"));
        String everything = StaffApi.JSON.writeValueAsString(events);
        assertFalse(everything.contains("Ilya-new-pass1"), everything);
    }

    @Test
    void r_odo_3_permanentPasswordNeedsNoChange() {
        restorePasswordAfterwards("kuznetsov.andrey");
        assertEquals(204, issue("metodist.ddut", "kuznetsov.andrey", password("Andrey-pass-9", "Andrey-pass-9", false)).statusCode());
        assertEquals(200, api.passwordGrant("kuznetsov.andrey", "Andrey-pass-9").statusCode());
        assertEquals(List.of(), env.realmAdmin().user("kuznetsov.andrey").getRequiredActions());
    }

    @Test
    void r_odo_2_odoCannotIssueForChildEnrolledFromTheSchool_whateverTheRequestSays() {
        // Refused, so nothing to undo; restored anyway should a refusal fail to refuse.
        restorePasswordAfterwards("ivanov.petr");
        restorePasswordAfterwards("ivanova.maria");
        String petr = api.userId("ivanov.petr");
        HttpResponse<String> r = issue("metodist.ddut", "ivanov.petr", password("Petr-new-pass1", "Petr-new-pass1", true));
        assertEquals(403, r.statusCode(), r.body());
        JsonNode error = StaffApi.json(r);
        assertEquals("not_home_organization", error.get("error").asText());
        assertEquals("Учетные данные выдаёт организация, где обучается ребёнок: обратитесь в " + SCHOOL_NAME + ".", error.get("message").asText());

        // Claims in the body or the query do not change whose organisation decides.
        Map<String, Object> forged = password("Petr-new-pass1", "Petr-new-pass1", true);
        forged.put("organization", "sosh-1-ys");
        forged.put("homeOrganization", "ddut-ys");
        forged.put("staffId", api.userId("zavuch.sosh1"));
        assertEquals(403, api.post("metodist.ddut", "/people/" + petr + "/credentials?organization=sosh-1-ys", forged).statusCode());
        // His mother (home: the school) is refused too; a child of another organisation who is not enrolled, the school's
        // staff member and an unknown id all look absent.
        assertEquals(403, issue("metodist.ddut", "ivanova.maria", password("Maria-new-pas1", "Maria-new-pas1", true)).statusCode());
        for (String other : List.of(api.userId("ivanova.anna"), api.userId("zavuch.sosh1"), api.userId("metodist.ddut"), "00000000-0000-4000-8000-999999999999")) {
            HttpResponse<String> absent = api.post("metodist.ddut", "/people/" + other + "/credentials", password("Some-new-pass1", "Some-new-pass1", false));
            assertEquals(404, absent.statusCode(), other + " " + absent.body());
            assertEquals("not_found", StaffApi.json(absent).get("error").asText());
        }
        // English on request.
        HttpResponse<String> en = api.post("metodist.ddut", "/people/" + petr + "/credentials", password("Petr-new-pass1", "Petr-new-pass1", true), "en");
        assertTrue(StaffApi.json(en).get("message").asText().startsWith("Credentials are issued by the organisation"), en.body());

        // Nothing changed: the old password still works, no required action.
        assertEquals(200, api.passwordGrant("ivanov.petr", StaffApi.PASSWORD).statusCode());
        assertEquals(List.of(), env.realmAdmin().user("ivanov.petr").getRequiredActions());
    }

    @Test
    void r_odo_2_theHomeSchoolIssuesForItsChild() {
        restorePasswordAfterwards("ivanov.petr");
        HttpResponse<String> r = issue("zavuch.sosh1", "ivanov.petr", password("Petr-school-pass1", "Petr-school-pass1", false));
        assertEquals(204, r.statusCode(), r.body());
        assertEquals(200, api.passwordGrant("ivanov.petr", "Petr-school-pass1").statusCode());
        assertEquals(400, api.passwordGrant("ivanov.petr", StaffApi.PASSWORD).statusCode(), "the old password no longer works");
    }

    @Test
    void r_odo_3_shortAndMismatchedPasswordsAreRefusedAndChangeNothing() {
        restorePasswordAfterwards("kuznetsov.ilya");
        HttpResponse<String> shortOne = issue("metodist.ddut", "kuznetsov.ilya", password("Abc-123", "Abc-123", true));
        assertEquals(400, shortOne.statusCode());
        assertEquals("password_too_short", StaffApi.json(shortOne).get("error").asText());
        assertEquals("Пароль должен содержать не менее 8 символов.", StaffApi.json(shortOne).get("message").asText());

        HttpResponse<String> mismatch = issue("metodist.ddut", "kuznetsov.ilya", password("Ilya-new-pass1", "Ilya-new-pass2", true));
        assertEquals(400, mismatch.statusCode());
        assertEquals("password_mismatch", StaffApi.json(mismatch).get("error").asText());
        assertEquals("Пароли не совпадают.", StaffApi.json(mismatch).get("message").asText());

        assertEquals(200, api.passwordGrant("kuznetsov.ilya", StaffApi.PASSWORD).statusCode());
        assertEquals(List.of(), env.realmAdmin().user("kuznetsov.ilya").getRequiredActions());
    }

    @Test
    void realmPasswordPolicyIsAppliedWithKeycloaksMessage() {
        restorePasswordAfterwards("kuznetsov.ilya");
        RealmResource realm = env.realmAdmin().realm();
        RealmRepresentation settings = realm.toRepresentation();
        String policy = settings.getPasswordPolicy();
        settings.setPasswordPolicy("length(8) and digits(1)");
        realm.update(settings);
        cleanup.add(() -> {
            RealmRepresentation back = realm.toRepresentation();
            back.setPasswordPolicy(policy);
            realm.update(back);
        });
        HttpResponse<String> r = issue("metodist.ddut", "kuznetsov.ilya", password("Abcdefgh", "Abcdefgh", true));
        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = StaffApi.json(r);
        assertEquals("password_policy", error.get("error").asText());
        assertFalse(error.get("message").asText().startsWith("invalidPassword"), error.toString());
        assertEquals(200, api.passwordGrant("kuznetsov.ilya", StaffApi.PASSWORD).statusCode());
    }

    @Test
    void noTokenBadTokenNonStaffAndUnknownOrganisationAreRefused() {
        restorePasswordAfterwards("kuznetsov.ilya");
        String ilya = "/people/" + api.userId("kuznetsov.ilya") + "/credentials";
        Map<String, Object> body = password("Ilya-new-pass1", "Ilya-new-pass1", false);

        HttpResponse<String> none = api.post(null, ilya, body);
        assertEquals(401, none.statusCode());
        assertEquals("unauthorized", StaffApi.json(none).get("error").asText());
        assertEquals(401, api.post("Bearer not.a.token", ilya, body).statusCode());
        assertEquals(401, api.get(null, "/me").statusCode());

        HttpResponse<String> parent = api.post("kuznetsov.andrey", ilya, body);
        assertEquals(403, parent.statusCode());
        assertEquals("not_staff", StaffApi.json(parent).get("error").asText());
        assertEquals("Доступно только сотрудникам образовательной организации.", StaffApi.json(parent).get("message").asText());

        // A staff account whose home organisation does not exist.
        UserResource smirnov = env.realmAdmin().userById(api.userId("smirnov.oleg"));
        UserRepresentation user = smirnov.toRepresentation();
        List<String> home = user.getAttributes().get("homeOrganization");
        user.getAttributes().put("homeOrganization", List.of("no-such-org"));
        smirnov.update(user);
        cleanup.add(() -> {
            UserRepresentation back = smirnov.toRepresentation();
            back.getAttributes().put("homeOrganization", home);
            smirnov.update(back);
        });
        assertEquals(403, api.get("smirnov.oleg", "/me").statusCode());
        assertEquals(403, api.post("smirnov.oleg", ilya, body).statusCode());

        assertEquals(200, api.passwordGrant("kuznetsov.ilya", StaffApi.PASSWORD).statusCode());
    }
}
