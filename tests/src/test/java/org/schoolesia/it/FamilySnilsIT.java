package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.it.pages.SnilsChildrenPage;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 12, R-FAM-3 against the real server: staff put a parent's SNILS on pupils' cards
 * («Родители и представители», staff REST {@code parent-snils}); the parent's Госуслуги login (through
 * the ESIA emulator) links every such child without a code and says so once; an unconfirmed
 * Госуслуги account gets nothing; taking the SNILS off the card revokes the link at once, and a
 * staff revocation sticks while the SNILS stays on the card.
 */
@ExtendWith(KeycloakExtension.class)
class FamilySnilsIT {

    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String VERA = "00000000-0000-4000-8000-000000000022";
    private static final String MARIA = "00000000-0000-4000-8000-000000000010";
    private static final String ZAVUCH = "00000000-0000-4000-8000-000000000001";
    /** Павлов Игорь Сергеевич at the emulator: a confirmed Госуслуги account. */
    private static final String PAVLOV_OID = "1000000011";
    private static final String PAVLOV_SNILS = "165-432-987 88";
    /** Кузнецова Ольга Викторовна: not confirmed. */
    private static final String OLGA_OID = "1000000004";

    private final TestEnvironment env;
    private final StaffApi api;

    FamilySnilsIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
    }

    /** Павлов's parent account, at a school in Korsakov: his children study in Yuzhno-Sakhalinsk. */
    private String pavlov() {
        return EsiaAccountLinkIT.createAccount(env, "pavlov.igor", "parent", "sosh-2-korsakov", "Игорь", "Павлов", "1982-02-02",
                Map.of("middleName", "Сергеевич", "snils", "16543298788"));
    }

    private String snilsPath(String childId) {
        return "/people/" + childId + "/parent-snils";
    }

    private JsonNode putOnCard(String childId, String snils) {
        HttpResponse<String> r = api.post("zavuch.sosh1", snilsPath(childId), Map.of("snils", snils));
        assertEquals(201, r.statusCode(), r.body());
        return StaffApi.json(r);
    }

    private HttpResponse<String> delete(String staff, String path) {
        return api.call("DELETE", staff, api.base() + path, null, "ru");
    }

    static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return StaffApi.json(r);
    }

    static void refused(int status, String error, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = StaffApi.json(r);
        assertEquals(error, body.get("error").asText(), r.body());
        assertFalse(body.get("message").asText().isBlank(), r.body());
    }

    /** The pupil's active link to this parent as the home school's staff see it, or null. */
    private JsonNode activeLink(String childId, String parentId) {
        for (JsonNode l : ok(api.get("zavuch.sosh1", "/people/" + childId + "/family-links")).get("items")) {
            if (l.get("active").asBoolean() && parentId.equals(l.get("parent").get("id").asText())) {
                return l;
            }
        }
        return null;
    }

    /** A whole Госуслуги login as a parent; returns the last page (the application's redirect, or a page of ours). */
    private static Browser.Page login(TestEnvironment env, String oid) {
        return new EsiaFlow(env).loginAs(oid, "parent");
    }

    private static List<String> told(Browser.Page page) {
        assertEquals(200, page.status(), page.status() + " " + page.location() + ": " + page.text());
        assertFalse(page.document().select(SnilsChildrenPage.PAGE).isEmpty(), "expected the SNILS children page: " + page.text());
        List<String> names = new ArrayList<>(page.document().select(SnilsChildrenPage.CHILD_NAMES).eachText());
        names.sort(null);
        return names;
    }

    static void inWithoutAPage(Browser.Page page) {
        assertTrue(EsiaAccountLinkIT.isCode(page), "expected straight into the application: " + page.status() + " " + page.location() + ": " + page.text());
    }

    @Test
    void r_fam_3_aParentWithTheirSnilsOnTwoChildrensCardsGetsBothAtFirstLogin_andIsToldOnce() throws Exception {
        String pavlov = pavlov();
        JsonNode onPetr = putOnCard(PETR, PAVLOV_SNILS);
        assertEquals("***-***-*** 88", onPetr.get("snilsMasked").asText(), "never in clear");
        assertEquals(ZAVUCH, onPetr.get("addedBy").get("id").asText());
        // Asked again (another spelling): the same entry, nothing new.
        HttpResponse<String> again = api.post("zavuch.sosh1", snilsPath(PETR), Map.of("snils", "16543298788"));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(onPetr.get("id").asText(), StaffApi.json(again).get("id").asText());
        putOnCard(VERA, "165 432 987-88");
        assertNull(activeLink(PETR, pavlov), "nothing is linked before the parent logs in");

        Browser.Page page = login(env, PAVLOV_OID);
        assertEquals(List.of("Иванов Пётр Сергеевич", "Соколова Вера Алексеевна"), told(page));
        assertTrue(page.text().contains("МАОУ СОШ № 1 г. Южно-Сахалинска"), page.text());
        Browser.Page in = page.submit(SnilsChildrenPage.CONTINUE);
        assertTrue(EsiaAccountLinkIT.isCode(in), in.status() + " " + in.location() + ": " + in.text());
        EsiaFlow flow = new EsiaFlow(env);
        assertEquals("pavlov.igor", EsiaFlow.claims(flow.redeem(EsiaFlow.codeFrom(in)).get("id_token").asText())
                .get("preferred_username").asText());

        for (String child : List.of(PETR, VERA)) {
            JsonNode link = activeLink(child, pavlov);
            assertTrue(link != null, "linked to " + child);
            assertEquals("snils", link.get("source").asText());
            assertEquals("parent", link.get("kind").asText());
            assertTrue(link.get("createdBy").isNull(), "made by the parent's login, no staff member");
        }
        // The parent joined the children's school, so its staff see him on the children's cards and his on theirs.
        JsonNode card = ok(api.get("zavuch.sosh1", "/people/" + pavlov));
        List<String> children = new ArrayList<>(card.get("children").findValuesAsText("id"));
        children.sort(null);
        assertEquals(List.of(PETR, VERA), children);

        // Told once: the next login goes straight in, without even the post-login flow (issue 14: it has nothing to do).
        Browser.Page next = login(env, PAVLOV_OID);
        inWithoutAPage(next);
        assertTrue(next.browser().history().stream().noneMatch(u -> u.contains("post-broker-login")), next.browser().history().toString());
    }

    @Test
    void issue14_aFirstLoginLinkedBySnilsWithNoChildToLinkSkipsThePostLoginFlow_andOneWithAChildStillShowsIt() throws Exception {
        // R-LINK-3: Павлов's first login links pavlov.igor by SNILS; no card carries his SNILS: nothing for the post-login flow.
        String pavlov = pavlov();
        Browser.Page page = login(env, PAVLOV_OID);
        inWithoutAPage(page);
        List<String> requested = page.browser().history();
        assertTrue(requested.stream().anyMatch(u -> u.contains("first-broker-login")), "a first login: " + requested);
        assertTrue(requested.stream().noneMatch(u -> u.contains("post-broker-login")), "no post-login flow: " + requested);
        assertEquals("pavlov.igor", EsiaFlow.claims(new EsiaFlow(env).redeem(EsiaFlow.codeFrom(page)).get("id_token").asText())
                .get("preferred_username").asText());
        assertNull(activeLink(PETR, pavlov));

        // The same first login (his account made afresh) with his SNILS on a child's card: the flow runs and says what
        // it linked (R-FAM-3).
        env.realmAdmin().userById(pavlov).remove();
        String again = EsiaAccountLinkIT.createAccount(env, "pavlov.igor2", "parent", "sosh-2-korsakov", "Игорь", "Павлов", "1982-02-02",
                Map.of("middleName", "Сергеевич", "snils", "16543298788"));
        putOnCard(PETR, PAVLOV_SNILS);
        assertEquals(List.of("Иванов Пётр Сергеевич"), told(login(env, PAVLOV_OID)));
        assertTrue(activeLink(PETR, again) != null, "linked to the child at the first login");
    }

    @Test
    void r_fam_3_anUnconfirmedGosuslugiAccountGetsNothing() throws Exception {
        // Кузнецова Ольга's account is linked by staff and the realm lets unconfirmed persons into linked accounts.
        String olga = EsiaAccountLinkIT.createAccount(env, "kuznetsova.olga", "parent", "sosh-1-ys", "Ольга", "Кузнецова",
                "1990-11-30", Map.of("middleName", "Викторовна", "snils", "18473625198"));
        assertEquals(200, api.call("PUT", "zavuch.sosh1", api.base() + "/people/" + olga + "/esia-link",
                Map.of("esiaOid", OLGA_OID), "ru").statusCode());
        EsiaAccountLinkIT.stepConfig(env, Map.of("unconfirmedMayEnterLinked", "true"));
        putOnCard(PETR, "184-736-251 98");

        inWithoutAPage(login(env, OLGA_OID));
        assertNull(activeLink(PETR, olga), "an unconfirmed Госуслуги account proves no SNILS");
        assertEquals(List.of(MARIA), ok(api.get("zavuch.sosh1", "/people/" + PETR)).get("parents").findValuesAsText("id"));
    }

    @Test
    void r_fam_3_theSnilsTakenOffTheCardRevokesTheLinkAtOnce_andPuttingItBackGrantsAgain() throws Exception {
        String pavlov = pavlov();
        JsonNode entry = putOnCard(PETR, PAVLOV_SNILS);
        assertEquals(List.of("Иванов Пётр Сергеевич"), told(login(env, PAVLOV_OID)));
        assertTrue(activeLink(PETR, pavlov) != null);

        JsonNode removed = ok(delete("zavuch.sosh1", snilsPath(PETR) + "/" + entry.get("id").asText()));
        assertFalse(removed.get("active").asBoolean());
        assertEquals(1, removed.get("revokedLinks").asInt());
        assertEquals(ZAVUCH, removed.get("removedBy").get("id").asText());
        // The very next call: gone from the child's card and the parent's.
        assertNull(activeLink(PETR, pavlov));
        assertEquals(List.of(MARIA), ok(api.get("zavuch.sosh1", "/people/" + PETR)).get("parents").findValuesAsText("id"));
        assertEquals(List.of(), ok(api.get("zavuch.sosh1", "/people/" + pavlov)).get("children").findValuesAsText("id"));
        // What changed, for staff: the entry is in the history, off the card.
        JsonNode card = ok(api.get("zavuch.sosh1", snilsPath(PETR)));
        assertEquals(0, card.get("items").size(), card.toString());
        assertEquals(1, card.get("history").size(), card.toString());
        assertEquals(1, card.get("history").get(0).get("revokedLinks").asInt());
        // Removing it again changes nothing.
        assertEquals(1, ok(delete("zavuch.sosh1", snilsPath(PETR) + "/" + entry.get("id").asText())).get("revokedLinks").asInt());

        inWithoutAPage(login(env, PAVLOV_OID));
        assertNull(activeLink(PETR, pavlov), "no SNILS on the card: the login links nothing");

        // Put back on the card: a new decision; his Госуслуги link is confirmed already, so he gets Пётр at once
        // and his next login has nothing to tell.
        JsonNode back = putOnCard(PETR, PAVLOV_SNILS);
        assertEquals(List.of(pavlov), back.get("linkedParents").findValuesAsText("id"));
        assertTrue(activeLink(PETR, pavlov) != null, "put back on the card: a new decision");
        inWithoutAPage(login(env, PAVLOV_OID));
    }

    @Test
    void r_fam_1_r_fam_3_aStaffRevocationSticksWhileTheSnilsStaysOnTheCard() throws Exception {
        String pavlov = pavlov();
        putOnCard(PETR, PAVLOV_SNILS);
        told(login(env, PAVLOV_OID));
        JsonNode link = activeLink(PETR, pavlov);
        ok(delete("zavuch.sosh1", "/people/" + PETR + "/family-links/" + link.get("id").asText()));

        inWithoutAPage(login(env, PAVLOV_OID));
        assertNull(activeLink(PETR, pavlov), "the card's SNILS does not overturn the revocation");
    }

    @Test
    void r_fam_3_refusals() {
        refused(400, "invalid_snils", api.post("zavuch.sosh1", snilsPath(PETR), Map.of("snils", "165-432-987 89")));
        refused(400, "invalid_snils", api.post("zavuch.sosh1", snilsPath(PETR), Map.of("snils", "000-000-000 00")));
        refused(400, "invalid_snils", api.post("zavuch.sosh1", snilsPath(PETR), Map.of()));
        HttpResponse<String> english = api.post("zavuch.sosh1", snilsPath(PETR), Map.of("snils", "12"), "en");
        assertTrue(StaffApi.json(english).get("message").asText().startsWith("The SNILS is wrong"), english.body());
        // R-FAM-5: the child's own SNILS is no parent's.
        refused(400, "childs_own_snils", api.post("zavuch.sosh1", snilsPath(PETR), Map.of("snils", "123-456-789 64")));
        // The ОДО where Пётр is enrolled sees the card's SNILS, never changes them.
        JsonNode entry = putOnCard(PETR, PAVLOV_SNILS);
        JsonNode seen = ok(api.get("metodist.ddut", snilsPath(PETR)));
        assertFalse(seen.get("mayChange").asBoolean());
        assertEquals("***-***-*** 88", seen.get("items").get(0).get("snilsMasked").asText());
        refused(403, "not_home_organization", api.post("metodist.ddut", snilsPath(PETR), Map.of("snils", "198-765-432 47")));
        refused(403, "not_home_organization", delete("metodist.ddut", snilsPath(PETR) + "/" + entry.get("id").asText()));
        // Another school knows nothing of Пётр; a parent's card has no parents' SNILS; an unknown entry is absent.
        refused(404, "not_found", api.get("smirnov.oleg", snilsPath(PETR)));
        refused(400, "not_a_child", api.get("zavuch.sosh1", snilsPath(MARIA)));
        refused(404, "not_found", delete("zavuch.sosh1", snilsPath(PETR) + "/no-such-entry"));
        refused(404, "not_found", delete("zavuch.sosh1", snilsPath(VERA) + "/" + entry.get("id").asText()));
        assertTrue(ok(api.get("zavuch.sosh1", snilsPath(PETR))).get("mayChange").asBoolean());
    }
}
