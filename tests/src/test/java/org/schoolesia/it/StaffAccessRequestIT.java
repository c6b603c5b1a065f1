package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Access requests «Обратиться в организацию», the staff side (R-REQ-3, R-REQ-4, R-LINK-3,
 * R-FAM-1): requests are filed through the real ESIA login flow, then listed, read and decided over
 * {@code /realms/{realm}/school/access-requests} by staff of the organisation chosen — and by
 * nobody else (security rule 4: another organisation's request looks exactly like an absent one).
 */
@ExtendWith(KeycloakExtension.class)
class StaffAccessRequestIT {

    private static final String REALM = "/realms/" + DemoRealm.NAME;
    private static final String SOSH_1 = "sosh-1-ys";
    private static final String DDUT = "ddut-ys";
    /** The ДДЮТ's only group («Класс» is required where an organisation has classes). */
    private static final String DDUT_CLASS = "Объединение 36 Художник";
    private static final ZoneId SAKHALIN = ZoneId.of("Asia/Sakhalin");

    /** Кузнецов Андрей at ESIA: parent of Илья (1000000007); local parent account kuznetsov.andrey at the ДДЮТ, not linked. */
    private static final String ANDREY_OID = "1000000006";
    private static final String ILYA_OID = "1000000007";
    /** Соколова Елена at ESIA: parent of Вера (1000000009); no local account. */
    private static final String ELENA_OID = "1000000008";
    private static final String VERA_OID = "1000000009";
    /** Орлова Ольга at ESIA: no local account. */
    private static final String OLGA_OID = "1000000010";

    private static final String ANDREY = "00000000-0000-4000-8000-000000000020";
    private static final String ILYA = "00000000-0000-4000-8000-000000000021";
    private static final String MARIA = "00000000-0000-4000-8000-000000000010";
    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String METODIST = "00000000-0000-4000-8000-000000000002";

    private static final String NOT_FOUND_RU = "{\"error\":\"not_found\",\"message\":\"Не найдено.\"}";

    private final TestEnvironment env;
    private final StaffApi api;

    StaffAccessRequestIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
    }

    // --- who sees what (R-REQ-3, security rule 4) -----------------------------------------------

    @Test
    void r_req_3_eachOrganisationSeesOnlyItsOwnRequests_andAnotherOrganisationsLookAbsent() {
        String elena = file(ELENA_OID, "parent", SOSH_1, "1А", VERA_OID, "Прошу привязать, ребёнок в 1А");
        String andrey = file(ANDREY_OID, "parent", DDUT, DDUT_CLASS, ILYA_OID, null);

        JsonNode school = ok(list("zavuch.sosh1", "status=all"));
        assertEquals(1, school.get("total").asInt(), school.toString());
        JsonNode item = school.get("items").get(0);
        assertEquals(elena, item.get("number").asText());
        assertEquals("pending", item.get("status").asText());
        assertEquals("parent", item.get("role").asText());
        assertEquals("Соколова", item.get("person").get("lastName").asText());
        assertEquals("Елена", item.get("person").get("firstName").asText());
        assertEquals("Викторовна", item.get("person").get("middleName").asText());
        assertEquals("1988-03-12", item.get("person").get("birthDate").asText());
        assertEquals("Вера", item.get("child").get("firstName").asText());
        assertEquals("2016-09-10", item.get("child").get("birthDate").asText());
        assertEquals("1А", item.get("className").asText());
        assertFalse(item.get("overdue").asBoolean());
        assertTrue(item.get("decidedAt").isNull(), "nulls are written: " + item);
        java.time.Instant.parse(item.get("createdAt").asText());
        assertEquals(3, school.get("overdueDays").asInt());
        assertEquals(0, school.get("overdueTotal").asInt());
        assertEquals(0, school.get("first").asInt());
        assertEquals(50, school.get("max").asInt());

        JsonNode odo = ok(list("metodist.ddut", "status=all"));
        assertEquals(1, odo.get("total").asInt(), odo.toString());
        assertEquals(andrey, odo.get("items").get(0).get("number").asText());
        assertEquals(0, ok(list("vospitatel.ds15", "status=all")).get("total").asInt());
        assertEquals(0, ok(list("smirnov.oleg", "")).get("total").asInt());

        // The ДДЮТ's request by id and by number, an unknown id, a malformed one: one and the same 404.
        String andreyId = odo.get("items").get(0).get("id").asText();
        List<String> foreign = List.of(andreyId, andrey, andrey.replace("-", ""));
        List<String> absent = List.of("00000000-0000-4000-8000-000000000999", "123-456-785", "not-a-request", "x".repeat(200));
        for (String ref : concat(foreign, absent)) {
            assertNotFound(get("zavuch.sosh1", "/" + enc(ref)), "GET " + ref);
            assertNotFound(post("zavuch.sosh1", "/" + enc(ref) + "/resolve", Map.of("accountId", ANDREY)), "resolve " + ref);
            assertNotFound(post("zavuch.sosh1", "/" + enc(ref) + "/reject", Map.of("comment", "нет")), "reject " + ref);
            assertNotFound(post("zavuch.sosh1", "/" + enc(ref) + "/resolve", Map.of("createAccount", true)), "create " + ref);
        }
        // Nothing happened to it.
        JsonNode still = ok(get("metodist.ddut", "/" + andrey));
        assertEquals("pending", still.get("status").asText());
        assertTrue(still.get("decision").isNull());
        assertEquals(andreyId, still.get("id").asText());
        assertEquals(andreyId, ok(get("metodist.ddut", "/" + andreyId)).get("id").asText());

        // Only staff, only with a token meant for the staff API.
        HttpResponse<String> anonymous = send("GET", null, "", null, "ru");
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        refused(403, "not_staff", get("kuznetsov.andrey", ""));
    }

    @Test
    void r_req_3_oneRequestShowsWhatEsiaSaidAndTheAccountsItMayBelongTo() {
        long mark = env.emulator().servedCount();
        String number = file(ANDREY_OID, "parent", DDUT, DDUT_CLASS, ILYA_OID, "Мой сын Илья ходит в ДДЮТ");
        // Issue 14: the chosen child's documents are read when the request is sent, and only his.
        assertEquals(List.of("GET /rs/prns/" + ANDREY_OID + "/kids/" + ILYA_OID + "/docs?embed=(elements)"),
                env.emulator().servedSince(mark).stream().filter(call -> call.contains("/docs")).toList());
        HttpResponse<String> response = get("metodist.ddut", "/" + number);
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode r = ok(response);
        assertEquals(number, r.get("number").asText());
        JsonNode person = r.get("person");
        assertEquals("Кузнецов", person.get("lastName").asText());
        assertEquals("1984-08-19", person.get("birthDate").asText());
        assertEquals("andrey.kuznetsov@example.ru", person.get("email").asText());
        assertEquals("***-***-*** 47", person.get("snilsMasked").asText());
        assertTrue(person.get("trusted").asBoolean());
        assertFalse(response.body().contains("19876543247") || response.body().contains("198-765-432"), "no SNILS in clear");
        JsonNode child = r.get("child");
        assertEquals("Илья", child.get("firstName").asText());
        assertEquals("2015-04-02", child.get("birthDate").asText());
        assertEquals("***-***-*** 80", child.get("snilsMasked").asText());
        assertTrue(child.get("birthCertificate").asText().startsWith("IV-МЮ "), child.toString());
        assertEquals("Мой сын Илья ходит в ДДЮТ", r.get("comment").asText());
        assertTrue(r.get("decision").isNull());

        JsonNode candidates = r.get("candidates");
        assertEquals("kuznetsov.andrey", candidates.get(0).get("username").asText(), candidates.toString());
        JsonNode best = candidates.get(0);
        assertEquals(ANDREY, best.get("id").asText());
        assertEquals("1984-08-19", best.get("birthdate").asText());
        assertTrue(best.get("nameMatches").asBoolean());
        assertTrue(best.get("birthDateMatches").asBoolean());
        assertFalse(best.get("snilsMatches").asBoolean(), "the card has no SNILS");
        assertTrue(best.get("refusal").isNull(), best.toString());
        for (JsonNode c : candidates) {
            assertFalse("kuznetsov.ilya".equals(c.get("username").asText()), "a parent's request offers parents' accounts only");
        }
        JsonNode children = r.get("childCandidates");
        assertEquals(ILYA, children.get(0).get("id").asText(), children.toString());
        assertTrue(children.get(0).get("nameMatches").asBoolean());
        assertTrue(children.get(0).get("birthDateMatches").asBoolean());

        // English for an English caller.
        HttpResponse<String> en = send("GET", "metodist.ddut", "/not-there", null, "en");
        assertEquals("{\"error\":\"not_found\",\"message\":\"Not found.\"}", en.body());
    }

    // --- filters --------------------------------------------------------------------------------

    /** Issue 14: ESIA failing the chosen child's documents loses no request: it is filed, without the certificate. */
    @Test
    void issue14_aRequestIsFiledWithoutTheCertificateWhenEsiaCannotShowTheChildsDocuments() {
        env.emulator().faults().arm(org.schoolesia.emulator.Fault.KIDS_DOCS_SERVER_ERROR);
        String number;
        try {
            number = file(ANDREY_OID, "parent", DDUT, DDUT_CLASS, ILYA_OID, null);
        } finally {
            env.emulator().faults().disarm(org.schoolesia.emulator.Fault.KIDS_DOCS_SERVER_ERROR);
        }
        JsonNode child = ok(get("metodist.ddut", "/" + number)).get("child");
        assertEquals("Илья", child.get("firstName").asText());
        assertEquals("***-***-*** 80", child.get("snilsMasked").asText());
        assertFalse(child.hasNonNull("birthCertificate"), child.toString());
    }

    @Test
    void listFiltersByStatusRoleClassDatesNumberAndOverdue() {
        String elena = file(ELENA_OID, "parent", SOSH_1, "1А", VERA_OID, null);
        String olga = file(OLGA_OID, "student", SOSH_1, "5Б", null, null);
        String andrey = file(ANDREY_OID, "parent", SOSH_1, "1А", ILYA_OID, null);
        ok(post("zavuch.sosh1", "/" + andrey + "/reject", Map.of("comment", "Ребёнок не учится в нашей школе")));

        assertEquals(List.of(andrey, olga, elena), numbers(list("zavuch.sosh1", "status=all")), "newest first");
        assertEquals(List.of(andrey, olga, elena), numbers(list("zavuch.sosh1", "")), "all by default");
        assertEquals(List.of(olga, elena), numbers(list("zavuch.sosh1", "status=pending")));
        assertEquals(List.of(andrey), numbers(list("zavuch.sosh1", "status=rejected")));
        assertEquals(List.of(), numbers(list("zavuch.sosh1", "status=resolved")));
        assertEquals(List.of(andrey, elena), numbers(list("zavuch.sosh1", "role=parent")));
        assertEquals(List.of(olga), numbers(list("zavuch.sosh1", "role=student")));
        assertEquals(List.of(elena), numbers(list("zavuch.sosh1", "role=parent&status=pending&class=" + enc("1А"))));
        assertEquals(List.of(olga), numbers(list("zavuch.sosh1", "class=" + enc("5Б"))));
        assertEquals(List.of(olga), numbers(list("zavuch.sosh1", "number=" + enc(olga.replace("-", " ")))));

        // Days in the organisation's time zone, both ends included.
        LocalDate today = LocalDate.now(SAKHALIN);
        assertEquals(3, ok(list("zavuch.sosh1", "from=" + today + "&to=" + today)).get("total").asInt());
        assertEquals(3, ok(list("zavuch.sosh1", "from=" + today.minusDays(7))).get("total").asInt());
        assertEquals(0, ok(list("zavuch.sosh1", "to=" + today.minusDays(1))).get("total").asInt());
        assertEquals(0, ok(list("zavuch.sosh1", "from=" + today.plusDays(1))).get("total").asInt());

        // Paging.
        JsonNode page = ok(list("zavuch.sosh1", "first=1&max=1"));
        assertEquals(3, page.get("total").asInt());
        assertEquals(List.of(olga), numbers(page));
        assertEquals(1, page.get("max").asInt());

        // Keyset paging (issue 14): "next" leads through every request exactly once, in order, while another is filed
        // meanwhile (newer than the cursor: it never shifts a page); with "after" the total counts from the cursor on.
        JsonNode walk = ok(list("zavuch.sosh1", "max=1"));
        List<String> walked = new ArrayList<>(numbers(walk));
        String filedMeanwhile = null;
        while (walk.hasNonNull("next")) {
            if (filedMeanwhile == null) {
                filedMeanwhile = file(ANDREY_OID, "student", SOSH_1, "5Б", null, null);
            }
            walk = ok(list("zavuch.sosh1", "max=1&after=" + enc(walk.get("next").asText())));
            assertEquals(3 - walked.size(), walk.get("total").asInt(), walk.toString());
            walked.addAll(numbers(walk));
        }
        assertEquals(List.of(andrey, olga, elena), walked);
        assertEquals(List.of(filedMeanwhile, andrey), numbers(list("zavuch.sosh1", "max=2")), "a new walk starts with it");
        String cursor = ok(list("zavuch.sosh1", "max=1")).get("next").asText();

        // Overdue: fresh requests are not overdue whatever the setting; the setting is the realm's.
        JsonNode overdue = ok(list("zavuch.sosh1", "overdue=true"));
        assertEquals(0, overdue.get("total").asInt());
        assertEquals(3, overdue.get("overdueDays").asInt());
        setRealmAttribute("schoolAccessRequestOverdueDays", "7");
        JsonNode week = ok(list("zavuch.sosh1", "status=pending"));
        assertEquals(7, week.get("overdueDays").asInt());
        assertEquals(0, week.get("overdueTotal").asInt());
        week.get("items").forEach(i -> assertFalse(i.get("overdue").asBoolean()));
        setRealmAttribute("schoolAccessRequestOverdueDays", "soon");
        assertEquals(3, ok(list("zavuch.sosh1", "")).get("overdueDays").asInt(), "an unreadable setting falls back to 3");

        // Bad values: 400 with a message in the caller's language.
        for (String bad : List.of("status=open", "role=staff", "role=teacher", "from=12.05.2026", "to=2026-13-01",
                "from=" + today + "&to=" + today.minusDays(1), "overdue=yes", "number=123-456-789", "number=abc",
                "max=0", "max=101", "max=ten", "first=-1", "class=" + "А".repeat(256),
                "after=" + enc("%%%"), "after=" + enc(java.util.Base64.getUrlEncoder().encodeToString("1|2|3".getBytes())),
                "first=1&after=" + enc(cursor))) {
            HttpResponse<String> r = list("zavuch.sosh1", bad);
            assertEquals(400, r.statusCode(), bad + " → " + r.body());
            JsonNode body = StaffApi.json(r);
            assertTrue(body.get("error").asText().startsWith("invalid_"), bad + " → " + r.body());
            assertFalse(body.get("message").asText().startsWith("school"), "a text, not a key: " + r.body());
        }
        assertEquals("Статус может быть: pending (ожидают), resolved (разрешены), rejected (отклонены) или all (все).",
                StaffApi.json(list("zavuch.sosh1", "status=open")).get("message").asText());
    }

    // --- deciding -------------------------------------------------------------------------------

    @Test
    void r_req_3_resolvingLinksTheAccount_andTheNextEsiaLoginGoesStraightIn() throws Exception {
        EsiaAccountLinkIT.assertPage("unidentified", new EsiaFlow(env).loginAs(ANDREY_OID, "parent"));
        String number = file(ANDREY_OID, "parent", DDUT, DDUT_CLASS, ILYA_OID, null);

        JsonNode decided = ok(post("metodist.ddut", "/" + number + "/resolve",
                Map.of("accountId", ANDREY, "childAccountId", ILYA, "comment", "Связали с вашей учетной записью.")));
        assertEquals("resolved", decided.get("status").asText());
        JsonNode decision = decided.get("decision");
        assertEquals("resolved", decision.get("status").asText());
        assertEquals("Связали с вашей учетной записью.", decision.get("comment").asText());
        assertEquals(METODIST, decision.get("decidedBy").get("id").asText());
        assertEquals("Соколова Ирина Павловна", decision.get("decidedBy").get("name").asText());
        assertEquals(ANDREY, decision.get("account").get("id").asText());
        assertEquals("kuznetsov.andrey", decision.get("account").get("username").asText());
        assertEquals("Кузнецов Андрей Викторович", decision.get("account").get("name").asText());
        assertEquals(decision.get("decidedAt").asText(), decided.get("decidedAt").asText());
        assertFalse(decided.has("candidates"), "a decided request offers no accounts");
        assertEquals("resolved", ok(get("metodist.ddut", "/" + number)).get("status").asText());
        assertEquals(0, ok(list("metodist.ddut", "status=pending")).get("total").asInt());
        assertEquals(List.of(number), numbers(list("metodist.ddut", "status=resolved")));

        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page in = flow.loginAs(ANDREY_OID, "parent");
        assertTrue(EsiaAccountLinkIT.isCode(in), in.status() + " " + in.location() + ": " + in.text());
        assertEquals("kuznetsov.andrey", EsiaFlow.claims(flow.redeem(EsiaFlow.codeFrom(in)).get("id_token").asText())
                .get("preferred_username").asText());
        JsonNode link = ok(api.get("metodist.ddut", "/people/" + ANDREY + "/esia-link"));
        assertEquals("linked", link.get("status").asText());
        assertEquals(ANDREY_OID, link.get("esiaOid").asText());

        // Decided once: neither a second resolution nor a rejection changes it.
        refused(409, "already_decided", post("metodist.ddut", "/" + number + "/reject", Map.of("comment", "передумали")));
        HttpResponse<String> again = post("metodist.ddut", "/" + number + "/resolve", Map.of("accountId", ANDREY));
        refused(409, "already_decided", again);
        assertEquals("По обращению " + number + " уже принято решение. Обновите список, чтобы увидеть его.",
                StaffApi.json(again).get("message").asText());
    }

    @Test
    void r_fam_1_creatingAParentsAccountFromTheRequestLinksItToTheChild() throws Exception {
        // Вера is a pupil of the school (the demo has her; created here if it does not).
        String vera = api.userId("sokolova.vera") != null ? api.userId("sokolova.vera")
                : EsiaAccountLinkIT.createAccount(env, "sokolova.vera", "student", SOSH_1, "Вера", "Соколова",
                "2016-09-10", Map.of("middleName", "Алексеевна"));
        String number = file(ELENA_OID, "parent", SOSH_1, "1А", VERA_OID, null);
        JsonNode r = ok(get("zavuch.sosh1", "/" + number));
        assertEquals(0, r.get("candidates").size(), "no parent account of hers exists: " + r.get("candidates"));
        assertEquals(vera, r.get("childCandidates").get(0).get("id").asText(), r.get("childCandidates").toString());

        int users = api.userCount();
        JsonNode decided = ok(post("zavuch.sosh1", "/" + number + "/resolve",
                Map.of("createAccount", true, "childAccountId", vera, "comment", "Учетная запись создана")));
        assertEquals(users + 1, api.userCount());
        JsonNode account = decided.get("decision").get("account");
        String accountId = account.get("id").asText();
        assertEquals("Соколова Елена Викторовна", account.get("name").asText());

        JsonNode card = ok(api.get("zavuch.sosh1", "/people/" + accountId));
        assertEquals("parent", card.get("role").asText());
        assertEquals(SOSH_1, card.get("homeOrganization").get("alias").asText());
        assertEquals("1988-03-12", card.get("birthdate").asText());
        assertEquals("***-***-*** 85", card.get("snilsMasked").asText());
        JsonNode veraCard = ok(api.get("zavuch.sosh1", "/people/" + vera));
        assertEquals(List.of(accountId), ids(veraCard.get("parents")), "R-FAM-1: the child's card names the new parent");
        assertEquals(List.of(vera), ids(card.get("children")));
        // Issue 12: the link is a row of the family capability, made by the decision (source request, the staff member).
        JsonNode links = ok(api.get("zavuch.sosh1", "/people/" + vera + "/family-links"));
        assertEquals(1, links.get("total").asInt(), links.toString());
        assertEquals("request", links.get("items").get(0).get("source").asText());
        assertEquals(accountId, links.get("items").get(0).get("parent").get("id").asText());
        assertTrue(links.get("items").get(0).get("active").asBoolean());

        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page in = flow.loginAs(ELENA_OID, "parent");
        assertTrue(EsiaAccountLinkIT.isCode(in), in.status() + " " + in.location() + ": " + in.text());
        assertEquals(account.get("username").asText(), EsiaFlow.claims(flow.redeem(EsiaFlow.codeFrom(in)).get("id_token").asText())
                .get("preferred_username").asText());
    }

    @Test
    void r_link_3_aParentsRequestNeverEntersAStudentsAccount_norAnAccountLinkedToSomeoneElse() {
        String number = file(ANDREY_OID, "parent", DDUT, DDUT_CLASS, ILYA_OID, null);

        HttpResponse<String> child = post("metodist.ddut", "/" + number + "/resolve", Map.of("accountId", ILYA, "comment", "ошибка"));
        refused(409, "link_refused", child);
        assertEquals("wrong_role", StaffApi.json(child).get("reason").asText());
        assertEquals("Роль учетной записи не совпадает с ролью в обращении: родителя связывают только с учетной записью родителя, "
                + "ученика — только с учетной записью ученика.", StaffApi.json(child).get("message").asText());

        // Иванова Мария is a member of the ДДЮТ, but her account belongs to school № 1 (R-ODO-2): not the ДДЮТ's to link.
        HttpResponse<String> elsewhere = post("metodist.ddut", "/" + number + "/resolve", Map.of("accountId", MARIA));
        refused(409, "link_refused", elsewhere);
        assertEquals("not_home_organization", StaffApi.json(elsewhere).get("reason").asText());
        // Nor may the ДДЮТ make the father a parent of Пётр, a school № 1 pupil who attends the ДДЮТ (R-FAM-1).
        HttpResponse<String> otherChild = post("metodist.ddut", "/" + number + "/resolve",
                Map.of("accountId", ANDREY, "childAccountId", PETR));
        refused(409, "child_refused", otherChild);
        assertEquals("not_home_organization", StaffApi.json(otherChild).get("reason").asText());

        // Accounts outside the organisation, a child on the wrong kind of account, neither or both choices.
        refused(404, "account_not_found", post("metodist.ddut", "/" + number + "/resolve",
                Map.of("accountId", "00000000-0000-4000-8000-000000000001")));
        refused(404, "child_not_found", post("metodist.ddut", "/" + number + "/resolve",
                Map.of("accountId", ANDREY, "childAccountId", MARIA)));
        refused(400, "account_required", post("metodist.ddut", "/" + number + "/resolve", Map.of("comment", "без выбора")));
        refused(400, "account_ambiguous", post("metodist.ddut", "/" + number + "/resolve",
                Map.of("accountId", ANDREY, "createAccount", true)));
        refused(400, "invalid_request", post("metodist.ddut", "/" + number + "/resolve", "[1,2]"));
        refused(400, "invalid_request", post("metodist.ddut", "/" + number + "/resolve", Map.of("accountId", List.of(ANDREY))));

        JsonNode still = ok(get("metodist.ddut", "/" + number));
        assertEquals("pending", still.get("status").asText());
        assertEquals("none", ok(api.get("metodist.ddut", "/people/" + ILYA + "/esia-link")).get("status").asText());
        assertEquals("none", ok(api.get("metodist.ddut", "/people/" + ANDREY + "/esia-link")).get("status").asText());
    }

    @Test
    void aCommentOver1000CharactersDecidesNothing_andHtmlIsKeptAsText() {
        String html = "<img src=x onerror=alert(1)><b>Жирный</b> & \"кавычки\" 'апостроф' </p>";
        String number = file(ANDREY_OID, "parent", DDUT, DDUT_CLASS, ILYA_OID, html);
        JsonNode filed = ok(get("metodist.ddut", "/" + number));
        assertEquals(html, filed.get("comment").asText(), "the person's comment verbatim");

        String tooLong = "я".repeat(1001);
        HttpResponse<String> r = post("metodist.ddut", "/" + number + "/reject", Map.of("comment", tooLong));
        refused(400, "comment_too_long", r);
        assertEquals("Комментарий длиннее 1000 символов. Сократите его.", StaffApi.json(r).get("message").asText());
        refused(400, "comment_too_long", post("metodist.ddut", "/" + number + "/resolve", Map.of("accountId", ANDREY, "comment", tooLong)));
        HttpResponse<String> en = send("POST", "metodist.ddut", "/" + number + "/reject", Map.of("comment", tooLong), "en");
        assertEquals("The comment is longer than 1000 characters. Please shorten it.", StaffApi.json(en).get("message").asText());
        assertEquals("pending", ok(get("metodist.ddut", "/" + number)).get("status").asText());
        assertEquals("none", ok(api.get("metodist.ddut", "/people/" + ANDREY + "/esia-link")).get("status").asText());

        String staffHtml = "<script>alert('x')</script>\nОтказано: <a href=\"javascript:alert(1)\">ссылка</a>";
        JsonNode rejected = ok(post("metodist.ddut", "/" + number + "/reject", Map.of("comment", staffHtml)));
        assertEquals("rejected", rejected.get("status").asText());
        assertEquals(staffHtml, rejected.get("decision").get("comment").asText());
        assertTrue(rejected.get("decision").get("account").isNull());
        JsonNode reread = ok(get("metodist.ddut", "/" + number));
        assertEquals(staffHtml, reread.get("decision").get("comment").asText());
        assertEquals(html, reread.get("comment").asText());

        // Exactly 1000 characters is fine.
        String again = file(ANDREY_OID, "parent", DDUT, DDUT_CLASS, ILYA_OID, null);
        assertEquals("rejected", ok(post("metodist.ddut", "/" + again + "/reject", Map.of("comment", "ю".repeat(1000))))
                .get("status").asText());
    }

    @Test
    void twoDecisionsAtOnce_exactlyOneWins() throws Exception {
        // Tokens first: the race is between the decisions, not the logins.
        api.token("metodist.ddut");
        api.token("zavuch.sosh1");
        // Resolve and reject race.
        String number = file(ANDREY_OID, "parent", DDUT, DDUT_CLASS, ILYA_OID, null);
        List<HttpResponse<String>> race = concurrently(
                () -> post("metodist.ddut", "/" + number + "/resolve", Map.of("accountId", ANDREY, "comment", "связано")),
                () -> post("metodist.ddut", "/" + number + "/reject", Map.of("comment", "отклонено")));
        HttpResponse<String> winner = exactlyOneWinner(race);
        JsonNode now = ok(get("metodist.ddut", "/" + number));
        assertEquals(StaffApi.json(winner).get("status").asText(), now.get("status").asText());
        assertEquals(StaffApi.json(winner).get("decision").get("comment").asText(), now.get("decision").get("comment").asText());
        assertEquals(1, decisionEvents(number).size(), "one decision audited: " + json(decisionEvents(number)));
        String link = ok(api.get("metodist.ddut", "/people/" + ANDREY + "/esia-link")).get("status").asText();
        assertEquals("resolved".equals(now.get("status").asText()) ? "linked" : "none", link);

        // Two accounts created at once: one account, one decision.
        String elena = file(ELENA_OID, "parent", SOSH_1, "1А", VERA_OID, null);
        int users = api.userCount();
        List<HttpResponse<String>> creation = concurrently(
                () -> post("zavuch.sosh1", "/" + elena + "/resolve", Map.of("createAccount", true, "comment", "первый")),
                () -> post("zavuch.sosh1", "/" + elena + "/resolve", Map.of("createAccount", true, "comment", "второй")));
        HttpResponse<String> created = exactlyOneWinner(creation);
        assertEquals(users + 1, api.userCount(), "exactly one account");
        JsonNode decided = ok(get("zavuch.sosh1", "/" + elena));
        assertEquals("resolved", decided.get("status").asText());
        assertEquals(StaffApi.json(created).get("decision").get("account").get("id").asText(),
                decided.get("decision").get("account").get("id").asText());
        assertEquals(1, decisionEvents(elena).size(), json(decisionEvents(elena)));
    }

    // --- audit ----------------------------------------------------------------------------------

    @Test
    void everyStepIsAnAuditEvent() {
        String resolved = file(ANDREY_OID, "parent", DDUT, DDUT_CLASS, ILYA_OID, "комментарий заявителя");
        String rejected = file(OLGA_OID, "student", SOSH_1, "5Б", null, null);
        ok(post("metodist.ddut", "/" + resolved + "/resolve", Map.of("accountId", ANDREY, "comment", "секретный комментарий")));
        ok(post("zavuch.sosh1", "/" + rejected + "/reject", Map.of("comment", "не учится у нас")));

        Map<String, List<String>> steps = new HashMap<>();
        for (EventRepresentation e : requestEvents()) {
            steps.computeIfAbsent(detail(e, "request_number"), k -> new ArrayList<>()).add(detail(e, "school_access_request"));
            String event = json(e);
            assertFalse(event.contains("комментарий") || event.contains("не учится"), "no comments in events: " + event);
        }
        assertEquals(List.of("resolved", "filed"), steps.get(resolved), "newest first: " + steps);
        assertEquals(List.of("rejected", "filed"), steps.get(rejected), steps.toString());

        EventRepresentation resolution = decisionEvents(resolved).get(0);
        assertEquals(METODIST, detail(resolution, "decided_by"));
        assertEquals(ANDREY, resolution.getUserId());
        assertEquals(ANDREY_OID, detail(resolution, "esia_oid"));
        assertEquals(env.realmAdmin().organisationId(DDUT), detail(resolution, "organization_id"));
        EventRepresentation rejection = decisionEvents(rejected).get(0);
        assertEquals(api.userId("zavuch.sosh1"), detail(rejection, "decided_by"));
        assertEquals("student", detail(rejection, "school_role"));
    }

    // --- filing, through the person's real ESIA login -------------------------------------------

    /** Files a request as the person would (R-REQ-1, R-REQ-2) and returns its number. */
    private String file(String oid, String role, String organisation, String className, String childOid, String comment) {
        return AccessRequestFlow.fileRequest(env, env.browser(), oid, role, organisation, className, childOid, comment);
    }

    // --- the API --------------------------------------------------------------------------------

    private String base() {
        return env.keycloak().realmUrl(DemoRealm.NAME) + "/school/access-requests";
    }

    private HttpResponse<String> list(String staff, String query) {
        return get(staff, query.isEmpty() ? "" : "?" + query);
    }

    private HttpResponse<String> get(String staff, String path) {
        return send("GET", staff, path, null, "ru");
    }

    private HttpResponse<String> post(String staff, String path, Object body) {
        return send("POST", staff, path, body, "ru");
    }

    private HttpResponse<String> send(String method, String staff, String path, Object body, String language) {
        return api.call(method, staff, base() + path, body, language);
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        return StaffApi.json(r);
    }

    private static void refused(int status, String error, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(error, StaffApi.json(r).get("error").asText(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
    }

    private static void assertNotFound(HttpResponse<String> r, String what) {
        assertEquals(404, r.statusCode(), what + ": " + r.body());
        assertEquals(NOT_FOUND_RU, r.body(), what);
    }

    private static List<String> numbers(HttpResponse<String> r) {
        return numbers(ok(r));
    }

    private static List<String> numbers(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("number").asText()));
        return out;
    }

    private static List<String> ids(JsonNode people) {
        List<String> out = new ArrayList<>();
        people.forEach(p -> out.add(p.get("id").asText()));
        return out;
    }

    private static HttpResponse<String> exactlyOneWinner(List<HttpResponse<String>> race) {
        List<HttpResponse<String>> won = race.stream().filter(r -> r.statusCode() == 200).toList();
        List<HttpResponse<String>> lost = race.stream().filter(r -> r.statusCode() != 200).toList();
        String all = race.stream().map(r -> r.statusCode() + " " + r.body()).toList().toString();
        assertEquals(1, won.size(), all);
        assertEquals(409, lost.get(0).statusCode(), all);
        assertEquals("already_decided", StaffApi.json(lost.get(0)).get("error").asText(), all);
        return won.get(0);
    }

    private static List<HttpResponse<String>> concurrently(Callable<HttpResponse<String>> a, Callable<HttpResponse<String>> b)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Callable<HttpResponse<String>> task : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> out = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private void setRealmAttribute(String name, String value) {
        RealmResource realm = env.realmAdmin().realm();
        RealmRepresentation settings = realm.toRepresentation();
        Map<String, String> attributes = settings.getAttributes() == null ? new HashMap<>() : new HashMap<>(settings.getAttributes());
        attributes.put(name, value);
        settings.setAttributes(attributes);
        realm.update(settings);
    }

    /** Our request events, newest first. */
    private List<EventRepresentation> requestEvents() {
        return env.realmAdmin().realm().getEvents(List.of("CUSTOM_REQUIRED_ACTION"), null, null, null, null, null, null, 1000).stream()
                .filter(e -> "school_access_request".equals(detail(e, "custom_required_action")))
                .toList();
    }

    private List<EventRepresentation> decisionEvents(String number) {
        return requestEvents().stream().filter(e -> number.equals(detail(e, "request_number")))
                .filter(e -> List.of("resolved", "rejected").contains(String.valueOf(detail(e, "school_access_request"))))
                .toList();
    }

    private static String detail(EventRepresentation event, String name) {
        return event.getDetails() == null ? null : event.getDetails().get(name);
    }

    private static String json(Object value) {
        try {
            return StaffApi.JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
