package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 12, R-FAM-1 and R-ODO-4: parent–child links as rows of their own, through the staff REST
 * API against the real server — the demo realm's links adopted from its import, staff of the
 * child's home organisation link and revoke, other organisations see and never change, a revoked
 * link is gone from the next call, two staff members racing to link one pair make one link.
 */
@ExtendWith(KeycloakExtension.class)
class FamilyLinkIT {

    private static final String MARIA = "00000000-0000-4000-8000-000000000010";
    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String ANNA = "00000000-0000-4000-8000-000000000012";
    private static final String ANDREY = "00000000-0000-4000-8000-000000000020";
    private static final String ILYA = "00000000-0000-4000-8000-000000000021";
    private static final String ZAVUCH = "00000000-0000-4000-8000-000000000001";
    private static final String SOSH_1 = "sosh-1-ys";

    private final TestEnvironment env;
    private final StaffApi api;

    FamilyLinkIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
    }

    private String links(String personId) {
        return "/people/" + personId + "/family-links";
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.statusCode() + " " + r.body());
        return StaffApi.json(r);
    }

    private static void refused(int status, String error, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = StaffApi.json(r);
        assertEquals(error, body.get("error").asText(), r.body());
        assertFalse(body.get("message").asText().isBlank(), r.body());
    }

    private HttpResponse<String> link(String staff, String childId, String parentId) {
        return api.post(staff, links(childId), Map.of("parentId", parentId));
    }

    private HttpResponse<String> revoke(String staff, String childId, String linkId) {
        return api.call("DELETE", staff, api.base() + links(childId) + "/" + linkId, null, "ru");
    }

    private static List<String> ids(JsonNode names) {
        List<String> ids = new ArrayList<>();
        names.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    private String newParent(String username, String lastName) {
        return EsiaAccountLinkIT.createAccount(env, username, "parent", SOSH_1, "Дмитрий", lastName, "1980-01-15",
                Map.of("middleName", "Олегович"));
    }

    @Test
    void r_fam_1_theDemoRealmsLinksAreAdoptedFromItsImport() {
        JsonNode petr = ok(api.get("zavuch.sosh1", links(PETR)));
        assertEquals("child", petr.get("side").asText());
        assertTrue(petr.get("mayChange").asBoolean());
        assertEquals(1, petr.get("total").asInt(), petr.toString());
        JsonNode link = petr.get("items").get(0);
        assertEquals(MARIA, link.get("parent").get("id").asText());
        assertEquals("ivanova.maria", link.get("parent").get("username").asText());
        assertEquals(PETR, link.get("child").get("id").asText());
        assertEquals("parent", link.get("kind").asText());
        assertEquals("Родитель", link.get("kindLabel").asText());
        assertEquals("import", link.get("source").asText());
        assertTrue(link.get("active").asBoolean());
        assertTrue(link.get("revokedAt").isNull());
        // The attribute of before issue 12 is gone: the table is the only truth.
        assertNull(api.user("ivanov.petr").get("attributes").get("parentIds"));

        JsonNode maria = ok(api.get("zavuch.sosh1", links(MARIA)));
        assertEquals("parent", maria.get("side").asText());
        assertFalse(maria.get("mayChange").asBoolean(), "links are changed on the child's card");
        // Anna is at the kindergarten: the school does not learn about her from the mother's links.
        assertEquals(List.of(PETR), maria.get("items").findValues("child").stream().map(c -> c.get("id").asText()).toList());
        JsonNode kindergarten = ok(api.get("vospitatel.ds15", links(MARIA)));
        assertEquals(1, kindergarten.get("total").asInt(), "the kindergarten sees Anna only: " + kindergarten);
        assertEquals(ANNA, kindergarten.get("items").get(0).get("child").get("id").asText());
        assertEquals(ANDREY, ok(api.get("metodist.ddut", links(ILYA))).get("items").get(0).get("parent").get("id").asText());
    }

    /** Issue 12: a revoked link grants nothing at once — the parent's very next call to her own page lacks the child. */
    @Test
    void r_fam_1_aRevokedLinkIsGoneFromTheParentsOwnPageAtOnce() {
        PersonalApi personal = new PersonalApi(env);
        personal.createTestClient();
        String maria = personal.token("ivanova.maria");
        assertEquals(List.of(PETR, ANNA), childrenOnHerPage(personal, maria)); // ids sorted
        JsonNode anna = ok(api.get("vospitatel.ds15", links(ANNA)));
        String linkId = anna.get("items").get(0).get("id").asText();
        assertEquals(MARIA, anna.get("items").get(0).get("parent").get("id").asText());
        assertFalse(ok(revoke("vospitatel.ds15", ANNA, linkId)).get("active").asBoolean());
        // The same token as before: nothing about the link is kept in it or beside it.
        assertEquals(List.of(PETR), childrenOnHerPage(personal, maria));
    }

    private static List<String> childrenOnHerPage(PersonalApi personal, String token) {
        HttpResponse<String> r = personal.get(token, "/sections/children", "ru");
        List<String> ids = new ArrayList<>();
        ok(r).get("data").get("items").forEach(child -> ids.add(child.get("id").asText()));
        return ids.stream().sorted().toList();
    }

    @Test
    void r_fam_1_homeStaffLinkAndRevoke_andARevokedLinkIsGoneFromTheNextCall() {
        String dmitry = newParent("petrov.dmitry", "Петров");
        HttpResponse<String> made = link("zavuch.sosh1", PETR, dmitry);
        assertEquals(201, made.statusCode(), made.body());
        JsonNode link = StaffApi.json(made);
        assertEquals("staff", link.get("source").asText());
        assertEquals("Сотрудник организации", link.get("sourceLabel").asText());
        assertEquals(ZAVUCH, link.get("createdBy").get("id").asText());
        assertEquals("Петрова Елена Николаевна", link.get("createdBy").get("name").asText());
        assertFalse(link.get("createdAt").isNull());
        // Asked again: the same link, nothing new.
        HttpResponse<String> again = link("zavuch.sosh1", PETR, dmitry);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(link.get("id").asText(), StaffApi.json(again).get("id").asText());

        assertEquals(List.of(MARIA, dmitry).stream().sorted().toList(),
                ids(ok(api.get("zavuch.sosh1", "/people/" + PETR)).get("parents")).stream().sorted().toList());
        assertEquals(List.of(PETR), ids(ok(api.get("zavuch.sosh1", "/people/" + dmitry)).get("children")));

        JsonNode revoked = ok(revoke("zavuch.sosh1", PETR, link.get("id").asText()));
        assertFalse(revoked.get("active").asBoolean());
        assertEquals(ZAVUCH, revoked.get("revokedBy").get("id").asText());
        String revokedAt = revoked.get("revokedAt").asText();
        // The very next call: the parent is gone from the child's card and the child from the parent's.
        assertEquals(List.of(MARIA), ids(ok(api.get("zavuch.sosh1", "/people/" + PETR)).get("parents")));
        assertEquals(List.of(), ids(ok(api.get("zavuch.sosh1", "/people/" + dmitry)).get("children")));
        // History kept: active first, then the revoked one.
        JsonNode history = ok(api.get("zavuch.sosh1", links(PETR)));
        assertEquals(2, history.get("total").asInt(), history.toString());
        assertTrue(history.get("items").get(0).get("active").asBoolean());
        assertEquals(link.get("id").asText(), history.get("items").get(1).get("id").asText());
        assertFalse(history.get("items").get(1).get("active").asBoolean());
        // Revoking again changes nothing: the first revocation stands.
        assertEquals(revokedAt, ok(revoke("zavuch.sosh1", PETR, link.get("id").asText())).get("revokedAt").asText());
        // Linked anew: a new row, the old one stays history.
        JsonNode relinked = StaffApi.json(link("zavuch.sosh1", PETR, dmitry));
        assertFalse(link.get("id").asText().equals(relinked.get("id").asText()));
        assertEquals(3, ok(api.get("zavuch.sosh1", links(PETR))).get("total").asInt());

        // Audited on the child's account: linked, revoked, linked.
        List<String> steps = new ArrayList<>();
        env.admin().get("/realms/" + DemoRealm.NAME + "/events?type=CUSTOM_REQUIRED_ACTION&user=" + PETR + "&max=100").forEach(e -> {
            JsonNode d = e.get("details");
            if ("school_family_link".equals(d.path("custom_required_action").asText()) && dmitry.equals(d.path("parent_id").asText())) {
                steps.add(0, d.get("school_family_link").asText() + ":" + d.get("link_source").asText());
                assertEquals(ZAVUCH, d.has("revoked_by") ? d.get("revoked_by").asText() : d.get("linked_by").asText());
            }
        });
        assertEquals(List.of("linked:staff", "revoked:staff", "linked:staff"), steps);
    }

    @Test
    void r_fam_1_otherOrganisationsSeeButNeverChange_andOutsidersFindNothing() {
        // Пётр's home is school № 1; the ОДО enrolled him with his mother.
        JsonNode seen = ok(api.get("metodist.ddut", links(PETR)));
        assertFalse(seen.get("mayChange").asBoolean());
        assertEquals(MARIA, seen.get("items").get(0).get("parent").get("id").asText());
        String linkId = seen.get("items").get(0).get("id").asText();

        HttpResponse<String> notHome = link("metodist.ddut", PETR, ANDREY);
        refused(403, "not_home_organization", notHome);
        assertEquals("МАОУ СОШ № 1 г. Южно-Сахалинска", StaffApi.json(notHome).get("homeOrganization").get("name").asText());
        assertTrue(StaffApi.json(notHome).get("message").asText().contains("МАОУ СОШ № 1"), notHome.body());
        refused(403, "not_home_organization", revoke("metodist.ddut", PETR, linkId));
        assertTrue(ok(api.get("zavuch.sosh1", links(PETR))).get("items").get(0).get("active").asBoolean(), "still linked");

        // Not theirs at all, unknown, malformed: the same 404.
        for (String person : List.of(PETR, ANNA.replace('2', '9'), "nope")) {
            refused(404, "not_found", api.get("vospitatel.ds15", links(person)));
            refused(404, "not_found", link("vospitatel.ds15", person, MARIA));
            refused(404, "not_found", revoke("vospitatel.ds15", person, linkId));
        }
        // A link of another child under this child's path is no link of this child.
        String annaLink = ok(api.get("vospitatel.ds15", links(ANNA))).get("items").get(0).get("id").asText();
        refused(404, "not_found", revoke("zavuch.sosh1", PETR, annaLink));
        refused(404, "not_found", revoke("zavuch.sosh1", PETR, "nope"));
    }

    @Test
    void r_fam_1_badRequestsAreRefusedWithAReason() {
        refused(400, "parent_required", api.post("zavuch.sosh1", links(PETR), Map.of()));
        refused(400, "invalid_kind", api.post("zavuch.sosh1", links(PETR), Map.of("parentId", MARIA, "kind", "uncle")));
        // A pupil is no parent; a parent of another organisation is not this school's to link.
        refused(404, "parent_not_found", link("zavuch.sosh1", PETR, PETR));
        refused(404, "parent_not_found", link("zavuch.sosh1", PETR, ANDREY));
        refused(400, "not_a_child", link("zavuch.sosh1", MARIA, MARIA));
        refused(400, "invalid_paging", api.get("zavuch.sosh1", links(PETR) + "?max=1000"));
        HttpResponse<String> en = api.post("zavuch.sosh1", links(PETR), Map.of("parentId", MARIA, "kind", "uncle"), "en");
        assertEquals("Unknown kind of link: parent or legal-representative.", StaffApi.json(en).get("message").asText());
        // A legal representative is a kind of its own.
        String guardian = newParent("opekun.petra", "Сидоров");
        JsonNode made = StaffApi.json(api.post("zavuch.sosh1", links(PETR), Map.of("parentId", guardian, "kind", "legal-representative")));
        assertEquals("legal-representative", made.get("kind").asText());
        assertEquals("Законный представитель", made.get("kindLabel").asText());
    }

    @Test
    void r_fam_1_twoStaffMembersLinkingThePairAtOnceMakeOneLink() throws Exception {
        EsiaAccountLinkIT.createAccount(env, "uchitel.sosh1", "staff", SOSH_1, "Ольга", "Белова", "1985-04-04",
                Map.of("middleName", "Ивановна"));
        String dmitry = newParent("petrov.dmitry", "Петров");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                // Tokens first, so both requests leave together.
                api.token("zavuch.sosh1");
                api.token("uchitel.sosh1");
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (String staff : List.of("zavuch.sosh1", "uchitel.sosh1")) {
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return link(staff, PETR, dmitry);
                    }, pool));
                }
                start.countDown();
                List<HttpResponse<String>> answers = new ArrayList<>();
                for (CompletableFuture<HttpResponse<String>> c : calls) {
                    answers.add(c.get(60, TimeUnit.SECONDS));
                }
                List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
                assertEquals(List.of(200, 201), statuses, "round " + round + ": " + answers.stream().map(HttpResponse::body).toList());
                String id = StaffApi.json(answers.get(0)).get("id").asText();
                assertEquals(id, StaffApi.json(answers.get(1)).get("id").asText(), "both see the one link");
                JsonNode active = ok(api.get("zavuch.sosh1", links(dmitry)));
                assertEquals(1, active.get("items").findValues("active").stream().filter(JsonNode::asBoolean).count(), active.toString());
                ok(revoke("zavuch.sosh1", PETR, id));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(6, ok(api.get("zavuch.sosh1", links(dmitry))).get("total").asInt());
    }
}
