package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * R-LINK-4: a staff member of the person's home organisation links an ESIA account on the person's
 * card — by authorising the next ESIA login (card data must be complete) or by a known oid — and
 * unlinks; every change is an audit event. The ESIA login side is covered by the login tests.
 */
@ExtendWith(KeycloakExtension.class)
class StaffEsiaLinkIT {

    private static final String SCHOOL_NAME = "МАОУ СОШ № 1 г. Южно-Сахалинска";
    private static final String MARIA = "00000000-0000-4000-8000-000000000010";
    private static final String ANDREY = "00000000-0000-4000-8000-000000000020";
    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String ILYA = "00000000-0000-4000-8000-000000000021";
    private static final String ZAVUCH = "00000000-0000-4000-8000-000000000001";
    private static final String METODIST = "00000000-0000-4000-8000-000000000002";
    private static final String OID = "1000000006";
    /** Кузнецов Андрей's SNILS at ESIA (realm-config/esia-persons.json). */
    private static final String ANDREY_ESIA_SNILS = "19876543247";

    private final TestEnvironment env;
    private final StaffApi api;

    StaffEsiaLinkIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
    }

    /** Later classes start from the demo's step settings. */
    @AfterEach
    void demoStepSettings() {
        EsiaAccountLinkIT.stepConfig(env, Map.of("snilsAutoLink", "true", "unconfirmedMayEnterLinked", "false"));
    }

    // --- the next ESIA login after a staff action (R-LINK-4) ------------------------------------

    @Test
    void r_link_4_authorisedCardLinksAtTheNextEsiaLoginAndUnlinkingStartsOver() throws Exception {
        // Without SNILS matching, only the staff authorisation can link after the cut-off.
        EsiaAccountLinkIT.stepConfig(env, Map.of("snilsAutoLink", "false"));
        ok(unlink("zavuch.sosh1", MARIA));
        EsiaAccountLinkIT.assertPage("unidentified", new EsiaFlow(env).loginAs("1000000001", "parent"));

        assertEquals("pending", ok(authorise("zavuch.sosh1", MARIA)).get("status").asText());
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page in = flow.loginAs("1000000001", "parent");
        assertTrue(EsiaAccountLinkIT.isCode(in), in.status() + " " + in.location() + ": " + in.text());
        assertEquals("ivanova.maria", EsiaFlow.claims(flow.redeem(EsiaFlow.codeFrom(in)).get("id_token").asText())
                .get("preferred_username").asText());
        JsonNode linked = ok(status("zavuch.sosh1", MARIA));
        assertEquals("linked", linked.get("status").asText());
        assertEquals("staff-card", linked.get("method").asText());
        assertEquals("1000000001", linked.get("esiaOid").asText());
    }

    @Test
    void r_link_4_knownOidGoesStraightInAndUnlinkSendsBackToIdentification() throws Exception {
        // SNILS matching off: only the staff link can let Кузнецов Андрей in.
        EsiaAccountLinkIT.stepConfig(env, Map.of("snilsAutoLink", "false"));
        EsiaAccountLinkIT.assertPage("unidentified", new EsiaFlow(env).loginAs(OID, "parent"));
        // A direct link needs the card filled first (each login is checked against it).
        refused(422, "card_incomplete", link("metodist.ddut", ANDREY, OID));
        setSnils(ANDREY, ANDREY_ESIA_SNILS);
        ok(link("metodist.ddut", ANDREY, OID));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page in = flow.loginAs(OID, "parent");
        assertTrue(EsiaAccountLinkIT.isCode(in), in.status() + " " + in.location() + ": " + in.text());
        assertEquals("kuznetsov.andrey", EsiaFlow.claims(flow.redeem(EsiaFlow.codeFrom(in)).get("id_token").asText())
                .get("preferred_username").asText());

        ok(unlink("metodist.ddut", ANDREY));
        EsiaAccountLinkIT.assertPage("unidentified", new EsiaFlow(env).loginAs(OID, "parent"));
        assertEquals(0, env.admin().get("/realms/" + DemoRealm.NAME + "/users/" + ANDREY + "/federated-identity").size(),
                "Keycloak's broker link went with ours");
        assertEquals(0, env.admin().get("/realms/" + DemoRealm.NAME + "/users/" + ANDREY + "/sessions").size(),
                "whoever entered through the link was logged out");
    }

    @Test
    void r_link_4_aMistypedOidNeverLetsAStrangerIn() throws Exception {
        // The staff member meant Андрей (1000000006) but typed Смирнов's oid: the card contradicts that ESIA person.
        setSnils(ANDREY, ANDREY_ESIA_SNILS);
        ok(link("metodist.ddut", ANDREY, "1000000003"));
        Browser.Page page = new EsiaFlow(env).loginAs("1000000003", "parent");
        EsiaAccountLinkIT.assertPage("unidentified", page);
    }

    @Test
    void r_esia_4_unconfirmedPersonEntersALinkedAccountOnlyWhenTheRealmAllowsIt() throws Exception {
        // Кузнецова Ольга's ESIA account is not confirmed; a staff member linked her card's account to it.
        String olga = EsiaAccountLinkIT.createAccount(env, "kuznetsova.olga", "parent", "ddut-ys", "Ольга", "Кузнецова",
                "1990-11-30", Map.of("snils", "18473625198"));
        ok(link("metodist.ddut", olga, "1000000004"));
        EsiaAccountLinkIT.assertPage("unconfirmed", new EsiaFlow(env).loginAs("1000000004", "parent"));

        EsiaAccountLinkIT.stepConfig(env, Map.of("unconfirmedMayEnterLinked", "true"));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page in = flow.loginAs("1000000004", "parent");
        assertTrue(EsiaAccountLinkIT.isCode(in), in.status() + " " + in.location() + ": " + in.text());
        assertEquals("kuznetsova.olga", EsiaFlow.claims(flow.redeem(EsiaFlow.codeFrom(in)).get("id_token").asText())
                .get("preferred_username").asText());
    }

    @Test
    void adminConsoleLinksAndUnlinksStick() throws Exception {
        // Users → Identity provider links in the admin console: what the admin does is what the next login does.
        String users = "/realms/" + DemoRealm.NAME + "/users/";
        env.admin().delete(users + MARIA + "/federated-identity/esia");
        assertEquals("none", ok(status("zavuch.sosh1", MARIA)).get("status").asText());
        EsiaAccountLinkIT.stepConfig(env, Map.of("snilsAutoLink", "false"));
        EsiaAccountLinkIT.assertPage("unidentified", new EsiaFlow(env).loginAs("1000000001", "parent"));

        env.admin().post(users + MARIA + "/federated-identity/esia",
                Map.of("identityProvider", "esia", "userId", "1000000001", "userName", "esia-1000000001"));
        JsonNode linked = ok(status("zavuch.sosh1", MARIA));
        assertEquals("linked", linked.get("status").asText());
        assertEquals("admin", linked.get("method").asText());
        EsiaFlow flow = new EsiaFlow(env);
        assertTrue(EsiaAccountLinkIT.isCode(flow.loginAs("1000000001", "parent")));
    }

    private void setSnils(String userId, String snils) {
        String path = "/realms/" + DemoRealm.NAME + "/users/" + userId;
        ObjectNode user = (ObjectNode) env.admin().get(path);
        ((ObjectNode) user.get("attributes")).putArray("snils").add(snils);
        env.admin().put(path, user);
    }

    // --- the API as the staff page calls it ------------------------------------------------------

    private static String path(String personId) {
        return "/people/" + personId + "/esia-link";
    }

    private HttpResponse<String> status(String staff, String personId) {
        return api.get(staff, path(personId));
    }

    private HttpResponse<String> authorise(String staff, String personId) {
        return send("PUT", staff, path(personId), "{}", "ru");
    }

    private HttpResponse<String> link(String staff, String personId, String oid) {
        return send("PUT", staff, path(personId), "{\"esiaOid\":\"" + oid + "\"}", "ru");
    }

    private HttpResponse<String> unlink(String staff, String personId) {
        return send("DELETE", staff, path(personId), null, "ru");
    }

    private HttpResponse<String> send(String method, String staff, String path, String body, String language) {
        return api.call(method, staff, api.base() + path, body, language);
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return StaffApi.json(r);
    }

    /** Keycloak's JSON writer leaves nulls out. */
    private static boolean absent(JsonNode node, String field) {
        return node.path(field).isMissingNode() || node.path(field).isNull();
    }

    private static void refused(int status, String error, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(error, StaffApi.json(r).get("error").asText(), r.body());
    }

    /** Our audit events of one account, oldest first. */
    private List<JsonNode> linkEvents(String type, String userId) {
        JsonNode events = env.admin().get("/realms/" + DemoRealm.NAME + "/events?type=" + type + "&user=" + userId + "&max=100");
        List<JsonNode> ours = new ArrayList<>();
        events.forEach(e -> {
            if (e.path("details").has("school_link")) {
                ours.add(0, e);
            }
        });
        return ours;
    }

    // --- tests -----------------------------------------------------------------------------------

    @Test
    void r_link_4_homeSchoolAuthorisesTheNextEsiaLoginByTheCard_andMayCancelIt() {
        JsonNode none = ok(status("zavuch.sosh1", PETR));
        assertEquals("none", none.get("status").asText());
        assertTrue(absent(none, "esiaOid"), none.toString());
        assertEquals("none", ok(api.get("zavuch.sosh1", "/people/" + PETR)).get("esiaLink").get("status").asText());

        Instant before = Instant.now().minusSeconds(5);
        JsonNode pending = ok(authorise("zavuch.sosh1", PETR));
        assertEquals("pending", pending.get("status").asText());
        assertEquals("staff-card", pending.get("method").asText());
        assertTrue(pending.get("linkedBy").asText().startsWith("Петрова Елена"), pending.toString());
        assertTrue(Instant.parse(pending.get("since").asText()).isAfter(before), pending.toString());
        assertTrue(absent(pending, "esiaOid"), pending.toString());
        assertEquals("pending", ok(status("zavuch.sosh1", PETR)).get("status").asText());
        assertEquals("pending", ok(api.get("zavuch.sosh1", "/people/" + PETR)).get("esiaLink").get("status").asText());

        // Twice is refused; a direct link over a waiting authorisation too (cancel it first).
        refused(409, "already_pending", authorise("zavuch.sosh1", PETR));
        assertEquals("Привязка уже разрешена и ожидает входа через Госуслуги.", StaffApi.json(authorise("zavuch.sosh1", PETR)).get("message").asText());
        refused(409, "already_pending", link("zavuch.sosh1", PETR, OID));

        // Audited: who, which account, which method.
        List<JsonNode> authorised = linkEvents("FEDERATED_IDENTITY_LINK", PETR);
        assertEquals(1, authorised.size(), authorised.toString());
        JsonNode details = authorised.get(0).get("details");
        assertEquals("authorised", details.get("school_link").asText());
        assertEquals("staff-card", details.get("link_method").asText());
        assertEquals(ZAVUCH, details.get("linked_by").asText());
        assertEquals("sosh-1-ys", details.get("organization").asText());
        assertEquals("ivanov.petr", details.get("username").asText());

        // «Отвязать» cancels the authorisation.
        assertEquals("none", ok(unlink("zavuch.sosh1", PETR)).get("status").asText());
        assertEquals("none", ok(status("zavuch.sosh1", PETR)).get("status").asText());
        List<JsonNode> cancelled = linkEvents("REMOVE_FEDERATED_IDENTITY", PETR);
        assertEquals(1, cancelled.size(), cancelled.toString());
        assertEquals("authorisation_cancelled", cancelled.get(0).get("details").get("school_link").asText());
        assertEquals(ZAVUCH, cancelled.get(0).get("details").get("linked_by").asText());

        refused(404, "not_linked", unlink("zavuch.sosh1", PETR));
        // And it can be authorised again.
        assertEquals("pending", ok(authorise("zavuch.sosh1", PETR)).get("status").asText());
    }

    @Test
    void r_link_4_anIncompleteCardIsRefusedNamingTheMissingFields() {
        // Andrey has a birth date but no SNILS.
        HttpResponse<String> noSnils = authorise("metodist.ddut", ANDREY);
        refused(422, "card_incomplete", noSnils);
        assertEquals("Заполните в карточке: СНИЛС.", StaffApi.json(noSnils).get("message").asText());
        assertEquals("[\"snils\"]", StaffApi.json(noSnils).get("missing").toString());
        assertFalse(StaffApi.json(noSnils).has("missingFieldKeys"), noSnils.body());

        JsonNode user = env.admin().get("/realms/" + DemoRealm.NAME + "/users/" + ANDREY);
        ((ObjectNode) user.get("attributes")).putArray("birthdate");
        env.admin().put("/realms/" + DemoRealm.NAME + "/users/" + ANDREY, user);
        HttpResponse<String> two = authorise("metodist.ddut", ANDREY);
        refused(422, "card_incomplete", two);
        assertEquals("Заполните в карточке: СНИЛС, дата рождения.", StaffApi.json(two).get("message").asText());
        assertEquals("[\"snils\",\"birthdate\"]", StaffApi.json(two).get("missing").toString());
        HttpResponse<String> en = send("PUT", "metodist.ddut", path(ANDREY), "{}", "en");
        assertEquals("Fill in on the card: SNILS, date of birth.", StaffApi.json(en).get("message").asText());

        // Nothing was saved, nothing audited.
        assertEquals("none", ok(status("metodist.ddut", ANDREY)).get("status").asText());
        assertEquals(0, linkEvents("FEDERATED_IDENTITY_LINK", ANDREY).size());
    }

    @Test
    void r_link_4_onlyTheHomeOrganisationLinks() {
        // Maria is a member of the ОДО (her son is enrolled there), but the school created her account.
        for (HttpResponse<String> r : List.of(authorise("metodist.ddut", MARIA), link("metodist.ddut", MARIA, OID),
                unlink("metodist.ddut", MARIA))) {
            refused(403, "not_home_organization", r);
            JsonNode error = StaffApi.json(r);
            assertEquals("Привязку к Госуслугам выполняет организация, создавшая учетную запись: обратитесь в " + SCHOOL_NAME + ".",
                    error.get("message").asText());
            assertEquals("sosh-1-ys", error.get("homeOrganization").get("alias").asText());
        }
        // Claims in the body change nothing.
        refused(403, "not_home_organization", send("PUT", "metodist.ddut", path(MARIA),
                "{\"esiaOid\":\"" + OID + "\",\"organization\":\"sosh-1-ys\",\"homeOrganization\":\"ddut-ys\"}", "ru"));

        // People outside the organisation, colleagues, oneself and unknown ids look absent.
        for (String id : List.of(ANDREY, ILYA, METODIST, ZAVUCH, "00000000-0000-4000-8000-999999999999")) {
            refused(404, "not_found", status("zavuch.sosh1", id));
            refused(404, "not_found", authorise("zavuch.sosh1", id));
            refused(404, "not_found", link("zavuch.sosh1", id, OID));
            refused(404, "not_found", unlink("zavuch.sosh1", id));
        }
        assertEquals("none", ok(status("zavuch.sosh1", PETR)).get("status").asText());

        // The ОДО sees the status of a member's link, not the oid or who linked.
        ok(link("zavuch.sosh1", PETR, OID));
        JsonNode seen = ok(status("metodist.ddut", PETR));
        assertEquals("linked", seen.get("status").asText());
        assertTrue(absent(seen, "esiaOid"), seen.toString());
        assertTrue(absent(seen, "linkedBy"), seen.toString());

        // Not staff at all.
        HttpResponse<String> parent = api.get("kuznetsov.andrey", path(MARIA));
        refused(403, "not_staff", parent);
    }

    @Test
    void r_link_4_directLinkByOid_thenUnlinkStartsFromIdentificationAgain() {
        JsonNode linked = ok(link("zavuch.sosh1", PETR, OID));
        assertEquals("linked", linked.get("status").asText());
        assertEquals("staff", linked.get("method").asText());
        assertEquals(OID, linked.get("esiaOid").asText());
        assertTrue(linked.get("linkedBy").asText().startsWith("Петрова Елена"), linked.toString());
        JsonNode shown = ok(status("zavuch.sosh1", PETR));
        assertEquals("linked", shown.get("status").asText());
        assertEquals(OID, shown.get("esiaOid").asText());
        assertNotNull(Instant.parse(shown.get("since").asText()));
        JsonNode cardLink = ok(api.get("zavuch.sosh1", "/people/" + PETR)).get("esiaLink");
        assertEquals("linked", cardLink.get("status").asText());
        assertEquals(OID, cardLink.get("esiaOid").asText());

        // The same oid again changes nothing; another oid, or an authorisation, is refused.
        assertEquals(OID, ok(link("zavuch.sosh1", PETR, OID)).get("esiaOid").asText());
        HttpResponse<String> other = link("zavuch.sosh1", PETR, "1000000007");
        refused(409, "already_linked", other);
        assertEquals("Учетная запись уже привязана к Госуслугам. Чтобы изменить привязку, сначала отвяжите её.",
                StaffApi.json(other).get("message").asText());
        refused(409, "already_linked", authorise("zavuch.sosh1", PETR));
        assertEquals(OID, ok(status("zavuch.sosh1", PETR)).get("esiaOid").asText());

        // Malformed oids.
        for (String bad : List.of("abc", "", "123456789012345678901", "10000 00006", "-1")) {
            refused(400, "invalid_esia_oid", link("zavuch.sosh1", MARIA, bad));
        }
        refused(400, "invalid_esia_oid", send("PUT", "zavuch.sosh1", path(PETR), "{\"esiaOid\":{\"a\":1}}", "ru"));
        refused(400, "invalid_request", send("PUT", "zavuch.sosh1", path(PETR), "[]", "ru"));

        // Audit: linked with the masked SNILS of the card, never the SNILS itself.
        List<JsonNode> links = linkEvents("FEDERATED_IDENTITY_LINK", PETR);
        assertEquals(1, links.size(), links.toString());
        JsonNode d = links.get(0).get("details");
        assertEquals("linked", d.get("school_link").asText());
        assertEquals(OID, d.get("esia_oid").asText());
        assertEquals("staff", d.get("link_method").asText());
        assertEquals(ZAVUCH, d.get("linked_by").asText());
        assertEquals("*********64", d.get("snils_masked").asText());
        assertFalse(links.toString().contains("12345678964"), links.toString());

        // «Отвязать»: the link and Keycloak's broker link are gone, so the next ESIA login identifies afresh.
        assertEquals("none", ok(unlink("zavuch.sosh1", PETR)).get("status").asText());
        assertEquals("none", ok(status("zavuch.sosh1", PETR)).get("status").asText());
        assertEquals(0, env.admin().get("/realms/" + DemoRealm.NAME + "/users/" + PETR + "/federated-identity").size());
        List<JsonNode> unlinks = linkEvents("REMOVE_FEDERATED_IDENTITY", PETR);
        assertEquals(1, unlinks.size(), unlinks.toString());
        JsonNode u = unlinks.get(0).get("details");
        assertEquals("unlinked", u.get("school_link").asText());
        assertEquals(OID, u.get("esia_oid").asText());
        assertEquals("staff", u.get("link_method").asText());
        assertEquals(ZAVUCH, u.get("linked_by").asText());
        assertEquals("ivanov.petr", u.get("username").asText());
        refused(404, "not_linked", unlink("zavuch.sosh1", PETR));

        // Free again: another oid may be linked now.
        assertEquals("1000000007", ok(link("zavuch.sosh1", PETR, "1000000007")).get("esiaOid").asText());
    }

    @Test
    void r_link_4_unlinkingAnImportedLinkRemovesKeycloaksBrokerLinkToo() {
        // The demo realm links Maria to ESIA person 1000000001 (a Keycloak broker link adopted at import).
        JsonNode imported = ok(status("zavuch.sosh1", MARIA));
        assertEquals("linked", imported.get("status").asText());
        assertEquals("import", imported.get("method").asText());
        assertEquals("1000000001", imported.get("esiaOid").asText());
        assertTrue(absent(imported, "linkedBy"), imported.toString());
        assertEquals(1, env.admin().get("/realms/" + DemoRealm.NAME + "/users/" + MARIA + "/federated-identity").size());

        assertEquals("none", ok(unlink("zavuch.sosh1", MARIA)).get("status").asText());
        // The next ESIA login of person 1000000001 finds no account and starts from identification.
        assertEquals(0, env.admin().get("/realms/" + DemoRealm.NAME + "/users/" + MARIA + "/federated-identity").size());
        assertEquals("none", ok(status("zavuch.sosh1", MARIA)).get("status").asText());
        List<JsonNode> unlinks = linkEvents("REMOVE_FEDERATED_IDENTITY", MARIA);
        assertEquals(1, unlinks.size(), unlinks.toString());
        assertEquals("unlinked", unlinks.get(0).get("details").get("school_link").asText());
        assertEquals("import", unlinks.get(0).get("details").get("link_method").asText());
        assertEquals("1000000001", unlinks.get(0).get("details").get("esia_oid").asText());
        assertEquals(ZAVUCH, unlinks.get(0).get("details").get("linked_by").asText());

        // Now the card may authorise the next login.
        assertEquals("pending", ok(authorise("zavuch.sosh1", MARIA)).get("status").asText());
    }

    @Test
    void r_link_4_anEsiaPersonHoldsOneAccountPerRoleInAnOrganisation() {
        // A second parent of the ОДО, created by quick entry.
        Map<String, Object> student = person("Королёва", "Вера", "Олеговна", "2017-03-01", "F", "101-001-001 21");
        Map<String, Object> parent = person("Королёв", "Олег", null, "1988-11-30", "M", null);
        HttpResponse<String> created = api.post("metodist.ddut", "/accounts", Map.of("student", student, "parents", List.of(parent)));
        assertEquals(201, created.statusCode(), created.body());
        String oleg = StaffApi.json(created).get("parents").get(0).get("id").asText();

        setSnils(ANDREY, ANDREY_ESIA_SNILS);
        setSnils(oleg, "11111111145");
        ok(link("metodist.ddut", ANDREY, OID));
        HttpResponse<String> taken = link("metodist.ddut", oleg, OID);
        refused(409, "esia_oid_taken", taken);
        assertEquals("Эта учетная запись Госуслуг уже привязана к другой учетной записи с той же ролью в этой организации.",
                StaffApi.json(taken).get("message").asText());
        assertEquals("none", ok(status("metodist.ddut", oleg)).get("status").asText());

        // A parent account at another organisation is a different account to choose at login.
        ok(unlink("zavuch.sosh1", MARIA));
        assertEquals("linked", ok(link("zavuch.sosh1", MARIA, OID)).get("status").asText());
        assertEquals("linked", ok(status("metodist.ddut", ANDREY)).get("status").asText());
        setSnils(ILYA, "20304050680");
        assertEquals("linked", ok(link("metodist.ddut", ILYA, OID)).get("status").asText());
    }

    private static Map<String, Object> person(String last, String first, String middle, String birth, String gender, String snils) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lastName", last);
        p.put("firstName", first);
        p.put("middleName", middle);
        p.put("noMiddleName", middle == null);
        p.put("birthdate", birth);
        p.put("gender", gender);
        p.put("snils", snils);
        return p;
    }
}
