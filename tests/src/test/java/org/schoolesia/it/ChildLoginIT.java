package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.EventRepresentation;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 12, R-FAM-4: children's logins through the REST API against the real server — a parent
 * creates the login of a linked pupil under 14 and resets the password, the pupil must change it at
 * the first login; staff of the pupil's home organisation may too; everyone else, a pupil of 14 or
 * more, a pupil without a birth date, a taken login and a password the realm's policy refuses are
 * refused with a reason in the caller's language, and nothing changes. R-FAM-5: an adult's Госуслуги
 * session at a pupil's account (refused by the link rules, {@code EsiaAccountLinkIT}) is flagged on
 * the card and in the list.
 */
@ExtendWith(KeycloakExtension.class)
class ChildLoginIT {

    private static final String ANNA = "00000000-0000-4000-8000-000000000012";

    private final TestEnvironment env;
    private final StaffApi staff;
    private final PersonalApi personal;
    private ChildLoginFixtures.Family family;

    ChildLoginIT(TestEnvironment env) {
        this.env = env;
        this.staff = new StaffApi(env);
        this.personal = new PersonalApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        staff.createTestClient();
        personal.createTestClient();
        family = ChildLoginFixtures.family(env, staff);
    }

    // --- the parent's side ----------------------------------------------------------------------

    @Test
    void r_fam_4_parentCreatesTheLoginOfHerChildUnder14TheChildMustChangeItAndSheResetsIt() {
        JsonNode section = PersonalApi.section(personal.me(ChildLoginFixtures.MOTHER), "child-access");
        assertEquals(14, section.get("selfServiceAge").asInt());
        Map<String, JsonNode> children = byChild(section.get("items"));
        assertEquals(3, children.size(), section.toString());
        assertEquals("allowed", children.get(family.misha()).get("state").asText());
        assertFalse(children.get(family.misha()).get("created").asBoolean());
        assertEquals("child_of_age", children.get(family.olya()).get("state").asText());
        assertEquals("birth_date_unknown", children.get(family.kolya()).get("state").asText());
        assertFalse(section.toString().contains("birthdate"), "no birth date on the page");

        HttpResponse<String> created = asMother("PUT", family.misha(), "", login(" Misha.Petrov ", "Misha-pass-1"), "ru");
        assertEquals(200, created.statusCode(), created.body());
        JsonNode status = StaffApi.json(created);
        assertEquals("misha.petrov", status.get("login").asText());
        assertTrue(status.get("created").asBoolean());
        assertTrue(status.get("mustChangePassword").asBoolean());
        JsonNode user = staff.user("misha.petrov");
        assertEquals(List.of("UPDATE_PASSWORD"), List.of(user.get("requiredActions").get(0).asText()));
        // The password works, and Keycloak holds the child to changing it first.
        HttpResponse<String> grant = staff.passwordGrant("misha.petrov", "Misha-pass-1");
        assertEquals(400, grant.statusCode(), grant.body());
        assertTrue(grant.body().contains("not fully set up"), grant.body());
        assertTrue(staff.passwordGrant("misha.petrov", "Wrong-pass-1").body().contains("Invalid user credentials"));

        EventRepresentation event = ChildLoginFixtures.loginEvents(env, family.misha()).get(0);
        assertEquals("created", event.getDetails().get("school_child_login"));
        assertEquals(family.mother(), event.getDetails().get("changed_by"));
        assertEquals("parent", event.getDetails().get("changed_by_role"));
        assertEquals("petrov.misha", event.getDetails().get("previous_username"));
        assertFalse(event.getDetails().toString().contains("Misha-pass"), "never the password");

        HttpResponse<String> reset = asMother("POST", family.misha(), "/password", passwords("Misha-pass-2", "Misha-pass-2"), "ru");
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals("misha.petrov", StaffApi.json(reset).get("login").asText(), "the login stays");
        assertTrue(staff.passwordGrant("misha.petrov", "Misha-pass-2").body().contains("not fully set up"));
        assertTrue(staff.passwordGrant("misha.petrov", "Misha-pass-1").body().contains("Invalid user credentials"), "the old password is gone");
        List<EventRepresentation> events = ChildLoginFixtures.loginEvents(env, family.misha());
        assertEquals(List.of("reset", "created"), events.stream().map(e -> e.getDetails().get("school_child_login")).toList());

        JsonNode now = byChild(PersonalApi.section(personal.me(ChildLoginFixtures.MOTHER), "child-access").get("items")).get(family.misha());
        assertTrue(now.get("created").asBoolean());
        assertEquals("misha.petrov", now.get("login").asText());
    }

    @Test
    void r_fam_4_aLoginTakenByAnotherAccountIsRefusedByName() {
        HttpResponse<String> taken = asMother("PUT", family.misha(), "", login("Ivanova.Maria", "Misha-pass-1"), "ru");
        refused(409, "login_taken", taken);
        assertTrue(message(taken).contains("«ivanova.maria»"), taken.body());
        assertEquals("login", StaffApi.json(taken).get("field").asText());
        HttpResponse<String> english = asMother("PUT", family.misha(), "", login("ivanova.maria", "Misha-pass-1"), "en");
        assertTrue(message(english).contains("is taken"), english.body());
        unchanged(family.misha(), ChildLoginFixtures.MISHA);
    }

    @Test
    void r_fam_4_r_age_1_aPupilOf14OrWithoutABirthDateIsRefusedWithTheReason() {
        HttpResponse<String> olya = asMother("PUT", family.olya(), "", login("olya.p", "Olya-pass-1"), "ru");
        refused(409, "child_of_age", olya);
        assertTrue(message(olya).contains("14 лет"), olya.body());
        refused(409, "child_of_age", asMother("POST", family.olya(), "/password", passwords("Olya-pass-1", "Olya-pass-1"), "ru"));
        HttpResponse<String> kolya = asMother("PUT", family.kolya(), "", login("kolya.p", "Kolya-pass-1"), "en");
        refused(409, "birth_date_unknown", kolya);
        assertTrue(message(kolya).contains("no birth date"), kolya.body());
        unchanged(family.olya(), ChildLoginFixtures.OLYA);
        unchanged(family.kolya(), ChildLoginFixtures.KOLYA);
    }

    @Test
    void r_fam_4_notYourChildAPupilOrStaffThroughThePersonalApiAndNoTokenAreRefused() {
        // Мария is a parent, but not Миша's: he looks absent.
        refused(404, "not_found", call(personal.token("ivanova.maria"), "PUT", family.misha(), "", login("misha.p", "Misha-pass-1"), "ru"));
        refused(404, "not_found", call(personal.token("ivanova.maria"), "GET", family.misha(), "", null, "ru"));
        refused(404, "not_found", asMother("GET", "00000000-0000-4000-8000-999999999999", "", null, "ru"));
        HttpResponse<String> pupil = call(personal.token("ivanov.petr"), "PUT", family.misha(), "", login("misha.p", "Misha-pass-1"), "ru");
        refused(403, "not_a_parent", pupil);
        refused(403, "not_a_parent", call(personal.token("zavuch.sosh1"), "PUT", family.misha(), "", login("misha.p", "Misha-pass-1"), "ru"));
        assertEquals(401, call(null, "PUT", family.misha(), "", login("misha.p", "Misha-pass-1"), "ru").statusCode());
        // A staff-API token is not a personal-API token.
        assertEquals(401, call(staff.token("ivanova.maria"), "PUT", family.misha(), "", login("misha.p", "Misha-pass-1"), "ru").statusCode());
        unchanged(family.misha(), ChildLoginFixtures.MISHA);
    }

    @Test
    void r_fam_4_aWeakPasswordGetsTheRealmPolicysMessageAndBadInputItsOwn() {
        ChildLoginFixtures.passwordPolicy(env, "length(8) and digits(1)");
        HttpResponse<String> weak = asMother("PUT", family.misha(), "", login("misha.p", "Misha-pass"), "ru");
        refused(400, "password_policy", weak);
        assertTrue(message(weak).contains("цифр"), "Keycloak's own words: " + weak.body());
        HttpResponse<String> weakEn = asMother("PUT", family.misha(), "", login("misha.p", "Misha-pass"), "en");
        assertTrue(message(weakEn).toLowerCase().contains("digit"), weakEn.body());
        refused(400, "password_too_short", asMother("PUT", family.misha(), "", login("misha.p", "Mi-1"), "ru"));
        Map<String, String> mismatch = login("misha.p", "Misha-pass-1");
        mismatch.put("confirmation", "Misha-pass-2");
        refused(400, "password_mismatch", asMother("PUT", family.misha(), "", mismatch, "ru"));
        HttpResponse<String> cyrillic = asMother("PUT", family.misha(), "", login("миша", "Misha-pass-1"), "ru");
        refused(400, "invalid_login", cyrillic);
        assertTrue(message(cyrillic).contains("латинской"), cyrillic.body());
        refused(400, "password_policy", asMother("POST", family.misha(), "/password", passwords("Misha-pass", "Misha-pass"), "ru"));
        unchanged(family.misha(), ChildLoginFixtures.MISHA);
    }

    // --- the school's side ----------------------------------------------------------------------

    @Test
    void r_fam_4_staffOfThePupilsHomeOrganisationMayAndOthersAreRefused() {
        String path = "/people/" + family.misha() + "/child-login";
        HttpResponse<String> created = staff.call("PUT", "zavuch.sosh1", staff.base() + path, login("misha.school", "Misha-pass-1"), "ru");
        assertEquals(200, created.statusCode(), created.body());
        EventRepresentation event = ChildLoginFixtures.loginEvents(env, family.misha()).get(0);
        assertEquals("staff", event.getDetails().get("changed_by_role"));
        assertEquals("sosh-1-ys", event.getDetails().get("organization"));
        assertEquals(env.realmAdmin().userId("zavuch.sosh1"), event.getDetails().get("changed_by"));
        assertEquals(200, staff.call("POST", "zavuch.sosh1", staff.base() + path + "/password", passwords("Misha-pass-3", "Misha-pass-3"), "ru")
                .statusCode());

        refused(404, "not_found", staff.call("PUT", "metodist.ddut", staff.base() + path, login("misha.ddut", "Misha-pass-1"), "ru"));
        env.realmAdmin().addMember("ddut-ys", family.misha());
        HttpResponse<String> elsewhere = staff.call("PUT", "metodist.ddut", staff.base() + path, login("misha.ddut", "Misha-pass-1"), "ru");
        refused(403, "not_home_organization", elsewhere);
        assertTrue(message(elsewhere).contains("СОШ № 1"), elsewhere.body());

        String olya = "/people/" + family.olya() + "/child-login";
        refused(409, "child_of_age", staff.call("PUT", "zavuch.sosh1", staff.base() + olya, login("olya.p", "Olya-pass-1"), "ru"));
        HttpResponse<String> status = staff.get("zavuch.sosh1", olya);
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("child_of_age", StaffApi.json(status).get("state").asText());
        assertEquals(List.of("reset", "created"), ChildLoginFixtures.loginEvents(env, family.misha()).stream()
                .map(e -> e.getDetails().get("school_child_login")).toList(), "nothing by the refused calls");
    }

    // --- R-FAM-5 --------------------------------------------------------------------------------

    @Test
    void r_fam_5_anAdultsGosuslugiSessionAtAPupilAccountUnder14IsFlaggedForStaffUntilCleared() {
        EsiaAccountLinkIT.stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF, "maxLinkFailuresPerPerson", "100"));
        assertTrue(StaffApi.json(staff.get("vospitatel.ds15", "/people/" + ANNA)).get("flag").isNull());
        // Мария at Госуслуги, as a pupil, with her daughter's right password: refused (R-LINK-3), and the school is told.
        Browser.Page refused = EsiaAccountLinkIT.link(EsiaAccountLinkIT.showLink(EsiaAccountLinkIT.expectPage("unidentified",
                new EsiaFlow(env).loginAs("1000000001", "student"))), "ds-15-ys", "ivanova.anna", EsiaAccountLinkIT.PASSWORD);
        EsiaAccountLinkIT.assertPage("link", refused);
        assertTrue(env.realmAdmin().links(ANNA).isEmpty(), "not linked");

        JsonNode flag = StaffApi.json(staff.get("vospitatel.ds15", "/people/" + ANNA)).get("flag");
        assertEquals("adult_esia_session", flag.get("reason").asText(), flag.toString());
        assertEquals(1, flag.get("attempts").asInt());
        JsonNode list = StaffApi.json(staff.get("vospitatel.ds15", "/people?role=student&surname=" + enc("Иванова")));
        JsonNode anna = byId(list.get("items"), ANNA);
        assertEquals("adult_esia_session", anna.get("flag").get("reason").asText(), list.toString());
        assertTrue(StaffApi.json(staff.get("zavuch.sosh1", "/people/" + family.misha())).get("flag").isNull(), "others are not flagged");

        HttpResponse<String> cleared = staff.call("DELETE", "vospitatel.ds15", staff.base() + "/people/" + ANNA + "/child-login/flag", null, "ru");
        assertEquals(204, cleared.statusCode(), cleared.body());
        assertTrue(StaffApi.json(staff.get("vospitatel.ds15", "/people/" + ANNA)).get("flag").isNull());
    }

    /**
     * R-FAM-5 the other way in: a realm admin linked Мария's Госуслуги to Вера's account (a mistyped
     * oid, say). Her Госуслуги login as a pupil enters nothing — the card contradicts her — and the
     * school sees the flag on Вера's card.
     */
    @Test
    void r_fam_5_aParentsGosuslugiLinkedToAPupilsAccountEntersNothingAndFlagsIt() {
        String vera = env.realmAdmin().userId("sokolova.vera");
        org.keycloak.representations.idm.FederatedIdentityRepresentation esia = new org.keycloak.representations.idm.FederatedIdentityRepresentation();
        esia.setIdentityProvider("esia");
        esia.setUserId("1000000001");
        esia.setUserName("esia-1000000001");
        try (jakarta.ws.rs.core.Response linked = env.realmAdmin().userById(vera).addFederatedIdentity("esia", esia)) {
            assertEquals(jakarta.ws.rs.core.Response.Status.Family.SUCCESSFUL, linked.getStatusInfo().getFamily(), linked.readEntity(String.class));
        }
        Browser.Page page = new EsiaFlow(env).loginAs("1000000001", "student");
        assertFalse(String.valueOf(page.location()).contains("code="), "not let in: " + page.status() + " " + page.location() + " " + page.text());
        assertTrue(env.realmAdmin().events("LOGIN", 1000).stream().noneMatch(e -> vera.equals(e.getUserId())), "no login into Вера's account");
        JsonNode flag = StaffApi.json(staff.get("zavuch.sosh1", "/people/" + vera)).get("flag");
        assertEquals("adult_esia_session", flag.path("reason").asText(), flag.toString());
    }

    // --- helpers --------------------------------------------------------------------------------

    private HttpResponse<String> asMother(String method, String childId, String tail, Object body, String language) {
        return call(personal.token(ChildLoginFixtures.MOTHER), method, childId, tail, body, language);
    }

    private HttpResponse<String> call(String token, String method, String childId, String tail, Object body, String language) {
        String url = personal.url() + "/children/" + childId + "/login" + tail;
        return staff.call(method, token == null ? null : "Bearer " + token, url, body, language);
    }

    private static Map<String, String> login(String login, String password) {
        Map<String, String> body = new HashMap<>(passwords(password, password));
        body.put("login", login);
        return body;
    }

    private static Map<String, String> passwords(String password, String confirmation) {
        Map<String, String> body = new HashMap<>();
        body.put("password", password);
        body.put("confirmation", confirmation);
        return body;
    }

    private static void refused(int status, String error, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(error, StaffApi.json(r).get("error").asText(), r.body());
        assertFalse(message(r).isBlank(), r.body());
    }

    private static String message(HttpResponse<String> r) {
        return StaffApi.json(r).get("message").asText();
    }

    /** Nothing of a refused call was saved: the login, no password, no required action, no event. */
    private void unchanged(String userId, String username) {
        JsonNode user = staff.user(username);
        assertEquals(userId, user.get("id").asText(), "still " + username);
        assertTrue(env.realmAdmin().realm().users().get(userId).credentials().isEmpty(), "no password");
        assertTrue(user.path("requiredActions").isEmpty(), user.toString());
        assertTrue(ChildLoginFixtures.loginEvents(env, userId).isEmpty());
    }

    private static Map<String, JsonNode> byChild(JsonNode items) {
        Map<String, JsonNode> map = new HashMap<>();
        items.forEach(i -> map.put(i.get("childId").asText(), i));
        return map;
    }

    private static JsonNode byId(JsonNode items, String id) {
        for (JsonNode i : items) {
            if (id.equals(i.get("id").asText())) {
                return i;
            }
        }
        throw new AssertionError("no " + id + " in " + items);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
