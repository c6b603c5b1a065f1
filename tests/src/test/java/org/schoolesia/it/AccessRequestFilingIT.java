package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * «Обратиться в организацию» → «Продолжить» → the form → «Отправить» (issue #5; seed 002, рис. 2-4;
 * R-REQ-1, R-REQ-2, R-ESIA-4) over HTTP against the real server, without a script: the cascade is
 * re-rendered by «Выбрать». Every test starts from a fresh demo realm (so the rate-limit slots,
 * keyed by the realm's id, start empty too).
 *
 * <p>ESIA emulator persons: 1000000006 Кузнецов Андрей (confirmed parent, child 1000000007 Илья),
 * 1000000008 Соколова Елена (parent, child 1000000009 Вера), 1000000010 Орлова Ольга (parent, no
 * children), 1000000004 (unconfirmed).
 */
@ExtendWith(KeycloakExtension.class)
class AccessRequestFilingIT {

    private static final String REALM = "/realms/" + DemoRealm.NAME;
    private static final String ANDREY = "1000000006";
    private static final String ILYA = "1000000007";
    private static final String ELENA = "1000000008";
    private static final String VERA = "1000000009";
    private static final String OLGA = "1000000010";
    private static final String UNCONFIRMED = "1000000004";
    private static final String NO_CHILDREN = "Для возможности подачи обращения в организацию необходимо заполнить сведения о детской "
            + "учетной записи в личном кабинете родителя на портале Госуслуг.";
    private static final String TOO_MANY = "Слишком много обращений. Попробуйте позже.";

    private final TestEnvironment env;

    AccessRequestFilingIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeAll
    static void faultless(TestEnvironment env) {
        env.emulator().faults().reset();
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
    }

    // --- the seed path ---------------------------------------------------------------------------

    @Test
    void r_req_1_r_req_2_parentFilesTheSeedPathAndGetsANumber() {
        Browser browser = env.browser();
        Browser.Page unidentified = AccessRequestFlow.login(env, browser, ANDREY, "parent");
        AccessRequestFlow.expect("unidentified", unidentified);

        // Рис. 2: what happens to the request, «Продолжить» and «Назад».
        Browser.Page contact = AccessRequestFlow.expect("contact", unidentified.submit("#school-esia-contact"));
        assertTrue(contact.text().contains("отправьте обращение в образовательную организацию"), contact.text());
        assertTrue(contact.text().contains("рассмотрят сотрудники выбранной организации"), contact.text());
        assertEquals("Продолжить", contact.document().selectFirst("#school-esia-continue").text());
        assertEquals("Назад", contact.document().selectFirst("#school-esia-back").text());
        Browser.Page back = AccessRequestFlow.expect("unidentified", contact.submit("#school-esia-back"));
        contact = AccessRequestFlow.expect("contact", back.submit("#school-esia-contact"));

        // Рис. 3: prefilled from ESIA, not editable.
        Browser.Page form = AccessRequestFlow.expect("request", contact.submit("#school-esia-continue"));
        Document doc = form.document();
        assertEquals("Форма подачи обращения", doc.selectFirst("#kc-page-title").text().trim());
        assertEquals("Кузнецов Андрей Викторович", text(doc, "#school-request-fullname"));
        assertEquals("19.08.1984", text(doc, "#school-request-birthdate"));
        assertEquals("andrey.kuznetsov@example.ru", text(doc, "#school-request-email"));
        assertEquals("Родитель", text(doc, "#school-request-role"));
        assertTrue(doc.select("input[name=firstName], input[name=lastName], input[name=email], input[name=birthDate]").isEmpty(),
                "who the person is is not a form field");
        assertEquals("Информация о детях была получена из Вашего профиля Госуслуг.", text(doc, "#school-request-children-source"));
        Element ilya = doc.selectFirst("input[name=child][value=" + ILYA + "]");
        assertNotNull(ilya, form.text());
        assertTrue(ilya.hasAttr("checked"), "the only child is chosen already");
        assertEquals("Кузнецов Илья Андреевич, 02.04.2015", doc.selectFirst("label[for=" + ilya.id() + "]").text());
        assertNull(doc.selectFirst("#school-request-no-children"));
        // «Сначала выберите…» until the level above is chosen.
        assertEquals(List.of("Выберите", "Дошкольная", "Общеобразовательная", "Дополнительное образование детей"),
                doc.select("select#schoolType option").eachText());
        assertEquals(List.of("Сначала выберите тип организации"), doc.select("select#organization option").eachText());
        assertTrue(doc.selectFirst("select#organization").hasAttr("disabled"));
        assertEquals(List.of("Сначала выберите организацию"), doc.select("select#schoolClass option").eachText());
        assertEquals("Дополнительный комментарий (необязательно)", doc.selectFirst("label[for=comment]").text().trim());
        assertEquals("1000", doc.selectFirst("textarea#comment").attr("maxlength"));
        assertEquals("Информация была получена из Вашего профиля на портале Госуслуг.", text(doc, "#school-request-source"));
        Element exit = doc.selectFirst("#school-esia-exit");
        assertEquals("Выйти", exit.text());
        assertTrue(exit.attr("href").contains("/login-actions/restart"), exit.attr("href"));
        assertEquals("Отправить", text(doc, "#school-request-send"));

        // Without a script: «Выбрать» brings the organisations of the type, then the classes of the organisation.
        Browser.Page typed = form.submit("#school-request-refresh-type", Map.of("schoolType", "school"));
        AccessRequestFlow.expect("request", typed);
        assertEquals(List.of("Выберите", "МАОУ СОШ № 1 г. Южно-Сахалинска", "МАОУ СОШ № 2 г. Корсакова"),
                typed.document().select("select#organization option").eachText());
        assertEquals(List.of("Сначала выберите организацию"), typed.document().select("select#schoolClass option").eachText());
        Browser.Page chosen = typed.submit("#school-request-refresh-organisation", Map.of("schoolType", "school", "organization", "sosh-1-ys"));
        assertEquals(List.of("Выберите", "1А", "5Б", "9А", "11А"), chosen.document().select("select#schoolClass option").eachText());
        assertEquals("sosh-1-ys", chosen.document().selectFirst("select#organization option[selected]").val());

        // (This HTTP browser does not read a select's choice back: the choices are posted as a browser would.)
        Browser.Page sent = AccessRequestFlow.send(chosen, AccessRequestFlow.fields("school", "sosh-1-ys",
                AccessRequestFlow.classId(chosen, "5Б"), ILYA, "Сын Илья, 5Б. Не помню логин."));
        // Рис. 4.
        String number = AccessRequestFlow.number(sent);
        assertTrue(sent.text().contains("Успешно создан запрос получения доступа в систему"), sent.text());
        assertTrue(sent.text().contains("Вашему обращению присвоен номер " + number), sent.text());
        assertTrue(sent.text().contains("Ожидайте рассмотрения запроса сотрудниками организации."), sent.text());
        assertTrue(sent.text().contains("МАОУ СОШ № 1 г. Южно-Сахалинска"), sent.text());
        assertEquals("Выйти", text(sent.document(), "#school-esia-exit"));

        // Audited: filed, with the number, the organisation and the ESIA person.
        JsonNode event = filedEvents().stream().filter(e -> number.equals(e.path("details").path("request_number").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no filing event for " + number + ": " + filedEvents()));
        assertEquals("filed", event.path("details").path("school_access_request").asText(), event.toString());
        assertEquals(ANDREY, event.path("details").path("esia_oid").asText(), event.toString());
        assertEquals(EsiaAccountLinkIT.organisationId(env, "sosh-1-ys"), event.path("details").path("organization_id").asText());

        // R-REQ-3: the next login waits for the staff.
        Browser.Page next = AccessRequestFlow.login(env, env.browser(), ANDREY, "parent");
        assertEquals(List.of(number), AccessRequestFlow.pendingNumbers(next));
        assertTrue(next.text().contains("Ваше обращение № " + number + " ожидает рассмотрения"), next.text());
        assertTrue(next.text().contains("МАОУ СОШ № 1 г. Южно-Сахалинска"), next.text());
        assertTrue(next.text().contains("Ожидайте рассмотрения запроса сотрудниками организации."), next.text());
        assertEquals("Обратиться в другую организацию", text(next.document(), "#school-request-another"));
        assertEquals("Выйти", text(next.document(), "#school-esia-exit"));
    }

    @Test
    void r_req_2_theSameOrganisationAgainGivesTheSameNumberAndAnotherOrganisationANewOne() {
        String first = AccessRequestFlow.fileRequest(env, env.browser(), ELENA, "parent", "sosh-1-ys", "1А", VERA, "первое");

        // From the pending page: «Обратиться в другую организацию», but the same one chosen.
        Browser browser = env.browser();
        Browser.Page form = AccessRequestFlow.openForm(env, browser, ELENA, "parent");
        Browser.Page chosen = AccessRequestFlow.refresh(form, "school", "sosh-1-ys");
        Browser.Page again = AccessRequestFlow.send(chosen, AccessRequestFlow.fields("school", "sosh-1-ys",
                AccessRequestFlow.classId(chosen, "9А"), VERA, "второе"));
        assertEquals(first, AccessRequestFlow.number(again));
        assertEquals("false", again.document().selectFirst("#school-request-sent").attr("data-created"));
        assertTrue(again.text().contains("Ваше обращение в эту организацию уже рассматривается."), again.text());
        assertFalse(again.text().contains("Успешно создан"), again.text());

        // Nothing new: the next login lists exactly one.
        assertEquals(List.of(first), AccessRequestFlow.pendingNumbers(AccessRequestFlow.login(env, env.browser(), ELENA, "parent")));

        // Another organisation: a new number; the kindergarten's group is its «Класс».
        String second = AccessRequestFlow.fileRequest(env, env.browser(), ELENA, "parent", "ds-15-ys", "Старшая группа", VERA, "");
        assertNotEquals(first, second);
        assertEquals(List.of(first, second), AccessRequestFlow.pendingNumbers(AccessRequestFlow.login(env, env.browser(), ELENA, "parent")));
        assertEquals(2, filedEvents().stream().filter(e -> "filed".equals(e.path("details").path("school_access_request").asText())).count());
    }

    @Test
    void aRepeatedPostAfterSendingFilesNothing() {
        Browser browser = env.browser();
        Browser.Page form = AccessRequestFlow.openForm(env, browser, ELENA, "parent");
        Browser.Page chosen = AccessRequestFlow.refresh(form, "school", "sosh-2-korsakov");
        Map<String, String> fields = AccessRequestFlow.fields("school", "sosh-2-korsakov", AccessRequestFlow.classId(chosen, "4А"), VERA, "");
        String number = AccessRequestFlow.number(AccessRequestFlow.send(chosen, fields));
        // The same post again (reload, double click): the pending request, no second one.
        Map<String, String> replay = new LinkedHashMap<>(fields);
        replay.put("send", "1");
        Browser.Page replayed = post(chosen, replay);
        assertTrue(replayed.status() < 500, replayed.status() + " " + replayed.text());
        assertEquals(List.of(number), AccessRequestFlow.pendingNumbers(replayed));
        assertEquals(1, filedEvents().size(), filedEvents().toString());
    }

    // --- who may file --------------------------------------------------------------------------

    @Test
    void r_req_1_parentWithoutChildrenOnGosuslugiSeesTheSeedTextAndCannotSend() {
        Browser browser = env.browser();
        Browser.Page form = AccessRequestFlow.openForm(env, browser, OLGA, "parent");
        assertEquals(NO_CHILDREN, text(form.document(), "#school-request-no-children"));
        assertNull(form.document().selectFirst("#school-request-send"), "no «Отправить»");
        assertTrue(form.document().select("input[name=child]").isEmpty());
        assertEquals("Выйти", text(form.document(), "#school-esia-exit"));

        // A hand-made «Отправить»: nothing filed.
        Map<String, String> forged = AccessRequestFlow.fields("supplementary", "ddut-ys", "", "1000000007", "");
        forged.put("send", "1");
        Browser.Page refused = post(form, forged);
        AccessRequestFlow.expect("request", refused);
        assertTrue(refused.text().contains(NO_CHILDREN), refused.text());
        assertTrue(filedEvents().isEmpty(), filedEvents().toString());
        AccessRequestFlow.expect("unidentified", AccessRequestFlow.login(env, env.browser(), OLGA, "parent"));
    }

    @Test
    void r_esia_4_anUnconfirmedPersonNeverReachesTheForm() {
        Browser browser = env.browser();
        Browser.Page unconfirmed = AccessRequestFlow.login(env, browser, UNCONFIRMED, "parent");
        AccessRequestFlow.expect("unconfirmed", unconfirmed);
        String action = unconfirmed.url();
        // Forged posts of every step of the form: the unconfirmed page, nothing filed.
        for (Map<String, String> forged : List.of(Map.of("contact", "1"), Map.of("continue", "1"), Map.of("another", "1"),
                Map.of("send", "1", "schoolType", "supplementary", "organization", "ddut-ys", "comment", ""))) {
            Browser.Page page = browser.post(action, forged);
            AccessRequestFlow.expect("unconfirmed", page);
        }
        assertTrue(filedEvents().isEmpty(), filedEvents().toString());
    }

    @Test
    void staffGetTheAdministratorsGuidanceAndNoForm() {
        Browser browser = env.browser();
        Browser.Page unidentified = AccessRequestFlow.login(env, browser, ELENA, "staff");
        Browser.Page contact = AccessRequestFlow.expect("contact", unidentified.submit("#school-esia-contact"));
        assertNotNull(contact.document().selectFirst("#school-esia-contact-staff"), contact.text());
        assertTrue(contact.text().contains("Обратитесь к ответственному сотруднику"), contact.text());
        assertNull(contact.document().selectFirst("#school-esia-continue"), "no «Продолжить» for staff");
        Browser.Page again = AccessRequestFlow.expect("contact", post(contact, Map.of("continue", "1")));
        Browser.Page forged = post(again, Map.of("send", "1", "schoolType", "school", "organization", "sosh-1-ys"));
        AccessRequestFlow.expect("contact", forged);
        assertTrue(filedEvents().isEmpty(), filedEvents().toString());
    }

    // --- the server checks every choice ---------------------------------------------------------

    @Test
    void invalidChoicesShowTheFormAgainWithTheMessageAtTheFieldAndNothingTypedLost() {
        Browser browser = env.browser();
        Browser.Page form = AccessRequestFlow.refresh(AccessRequestFlow.openForm(env, browser, ELENA, "parent"), "school", "sosh-2-korsakov");
        String korsakov1B = AccessRequestFlow.classId(form, "1Б");
        String comment = "Пожалуйста, <b>срочно</b> & \"спасибо\"\nвторая строка";

        Browser.Page page = check(form, AccessRequestFlow.fields("", "", "", VERA, comment), "schoolType", "Выберите тип организации.", comment);
        page = check(page, AccessRequestFlow.fields("school", "", "", VERA, comment), "organization", "Выберите организацию.", comment);
        page = check(page, AccessRequestFlow.fields("school", "no-such-school", "", VERA, comment), "organization",
                "Такой организации нет в списке. Выберите организацию из списка.", comment);
        // A kindergarten posted as a school.
        page = check(page, AccessRequestFlow.fields("school", "ds-15-ys", "", VERA, comment), "organization",
                "Такой организации нет в списке. Выберите организацию из списка.", comment);
        page = check(page, AccessRequestFlow.fields("authority", "sosh-1-ys", "", VERA, comment), "schoolType",
                "Такого типа организации нет в списке. Выберите тип из списка.", comment);
        page = check(page, AccessRequestFlow.fields("school", "sosh-1-ys", "", VERA, comment), "schoolClass", "Выберите класс.", comment);
        // Another school's class.
        page = check(page, AccessRequestFlow.fields("school", "sosh-1-ys", korsakov1B, VERA, comment), "schoolClass",
                "Такого класса нет в выбранной организации. Выберите класс из списка.", comment);
        String sosh1A = AccessRequestFlow.classId(page, "1А");
        // Another parent's child; no child.
        page = check(page, AccessRequestFlow.fields("school", "sosh-1-ys", sosh1A, ILYA, comment), "child", "Выберите ребенка из списка.", comment);
        page = check(page, AccessRequestFlow.fields("school", "sosh-1-ys", sosh1A, "", comment), "child", "Выберите ребенка.", comment);
        // 1001 characters; exactly 1000 pass.
        String longComment = "я".repeat(1001);
        page = check(page, AccessRequestFlow.fields("school", "sosh-1-ys", sosh1A, VERA, longComment), "comment",
                "Комментарий длиннее 1000 символов. Сократите его.", longComment);
        // The choices made survive the refusal.
        assertEquals("school", page.document().selectFirst("select#schoolType option[selected]").val());
        assertEquals("sosh-1-ys", page.document().selectFirst("select#organization option[selected]").val());
        assertEquals(sosh1A, page.document().selectFirst("select#schoolClass option[selected]").val());
        assertTrue(page.document().selectFirst("input[name=child][value=" + VERA + "]").hasAttr("checked"));
        assertTrue(filedEvents().isEmpty(), "nothing filed: " + filedEvents());

        String number = AccessRequestFlow.number(AccessRequestFlow.send(page,
                AccessRequestFlow.fields("school", "sosh-1-ys", sosh1A, VERA, "я".repeat(1000))));
        assertEquals(List.of(number), AccessRequestFlow.pendingNumbers(AccessRequestFlow.login(env, env.browser(), ELENA, "parent")));
    }

    @Test
    void aCommentWithMarkupIsTextOnEveryPage() {
        Browser browser = env.browser();
        Browser.Page form = AccessRequestFlow.openForm(env, browser, ANDREY, "parent");
        String script = "<script>alert(1)</script>";
        // Refused (no type): shown back in the textarea as text, never as markup.
        Browser.Page refused = AccessRequestFlow.send(form, AccessRequestFlow.fields("", "", "", ILYA, script));
        AccessRequestFlow.expect("request", refused);
        assertFalse(refused.body().contains(script), "raw markup on the page");
        assertTrue(refused.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), refused.body());
        assertEquals(script, refused.document().selectFirst("textarea#comment").text());
        assertTrue(refused.document().select("script").stream().noneMatch(s -> s.data().contains("alert(1)")));

        Browser.Page chosen = AccessRequestFlow.refresh(refused, "supplementary", "ddut-ys");
        Browser.Page sent = AccessRequestFlow.send(chosen, AccessRequestFlow.fields("supplementary", "ddut-ys",
                AccessRequestFlow.classId(chosen, "Объединение 36 Художник"), ILYA, script));
        AccessRequestFlow.number(sent);
        assertFalse(sent.body().contains(script), sent.body());
        Browser.Page pending = AccessRequestFlow.login(env, env.browser(), ANDREY, "parent");
        assertEquals(1, AccessRequestFlow.pendingNumbers(pending).size());
        assertFalse(pending.body().contains(script), pending.body());
    }

    // --- limits ---------------------------------------------------------------------------------

    @Test
    void tooManyRequestsOfOnePersonAreRefusedButThePendingOneIsStillGivenBack() {
        EsiaAccountLinkIT.stepConfig(env, Map.of("maxRequestsPerPerson", "2"));
        String first = AccessRequestFlow.fileRequest(env, env.browser(), ELENA, "parent", "sosh-1-ys", "1А", VERA, "");
        String second = AccessRequestFlow.fileRequest(env, env.browser(), ELENA, "parent", "ds-15-ys", "Старшая группа", VERA, "");

        Browser.Page form = AccessRequestFlow.openForm(env, env.browser(), ELENA, "parent");
        Browser.Page chosen = AccessRequestFlow.refresh(form, "supplementary", "ddut-ys");
        Browser.Page refused = AccessRequestFlow.send(chosen, AccessRequestFlow.fields("supplementary", "ddut-ys",
                AccessRequestFlow.classId(chosen, "Объединение 36 Художник"), VERA, "третье"));
        AccessRequestFlow.expect("request", refused);
        assertTrue(refused.text().contains(TOO_MANY), refused.text());
        assertEquals("третье", refused.document().selectFirst("textarea#comment").text());

        // Asking for a request still pending counts against nothing and still answers with its number.
        Browser.Page sosh1 = AccessRequestFlow.refresh(refused, "school", "sosh-1-ys");
        Browser.Page again = AccessRequestFlow.send(sosh1,
                AccessRequestFlow.fields("school", "sosh-1-ys", AccessRequestFlow.classId(sosh1, "1А"), VERA, ""));
        assertEquals(first, AccessRequestFlow.number(again));

        assertEquals(List.of(first, second), AccessRequestFlow.pendingNumbers(AccessRequestFlow.login(env, env.browser(), ELENA, "parent")));
        assertTrue(refusals().stream().anyMatch(e -> ELENA.equals(e.path("details").path("esia_oid").asText())
                && "too_many_requests".equals(e.path("details").path("reason").asText())), refusals().toString());
    }

    @Test
    void tooManyRequestsFromOneAddressAreRefusedWhoeverFilesThem() {
        EsiaAccountLinkIT.stepConfig(env, Map.of("maxRequestsPerAddress", "1"));
        AccessRequestFlow.fileRequest(env, env.browser(), ELENA, "parent", "sosh-1-ys", "1А", VERA, "");
        Browser.Page form = AccessRequestFlow.openForm(env, env.browser(), ANDREY, "parent");
        Browser.Page chosen = AccessRequestFlow.refresh(form, "supplementary", "ddut-ys");
        Browser.Page refused = AccessRequestFlow.send(chosen, AccessRequestFlow.fields("supplementary", "ddut-ys",
                AccessRequestFlow.classId(chosen, "Объединение 36 Художник"), ILYA, ""));
        AccessRequestFlow.expect("request", refused);
        assertTrue(refused.text().contains(TOO_MANY), refused.text());
        AccessRequestFlow.expect("unidentified", AccessRequestFlow.login(env, env.browser(), ANDREY, "parent"));
    }

    // --- English ---------------------------------------------------------------------------------

    @Test
    void theFormAndTheNumberInEnglish() {
        Browser browser = env.browser().language("en");
        Browser.Page form = AccessRequestFlow.openForm(env, browser, ANDREY, "parent");
        Document doc = form.document();
        assertEquals("Request form", doc.selectFirst("#kc-page-title").text().trim());
        assertTrue(form.text().contains("Full name"), form.text());
        assertTrue(form.text().contains("Date of birth"), form.text());
        assertEquals("Parent", text(doc, "#school-request-role"));
        assertEquals(List.of("Choose the type of organisation first"), doc.select("select#organization option").eachText());
        assertEquals(List.of("Choose the organisation first"), doc.select("select#schoolClass option").eachText());
        assertEquals("Send", text(doc, "#school-request-send"));
        assertEquals("Exit", text(doc, "#school-esia-exit"));
        assertFalse(form.text().contains("Отправить") || form.text().contains("Сначала выберите"), form.text());

        Browser.Page refused = AccessRequestFlow.send(form, AccessRequestFlow.fields("school", "", "", ILYA, ""));
        assertEquals("Choose the organisation.", text(refused.document(), "#input-error-organization"));

        Browser.Page chosen = AccessRequestFlow.refresh(refused, "school", "sosh-1-ys");
        Browser.Page sent = AccessRequestFlow.send(chosen, AccessRequestFlow.fields("school", "sosh-1-ys",
                AccessRequestFlow.classId(chosen, "11А"), ILYA, ""));
        String number = AccessRequestFlow.number(sent);
        assertTrue(sent.text().contains("Your request for access to the system has been created"), sent.text());
        assertTrue(sent.text().contains("Your request number is " + number), sent.text());
        Browser.Page pending = AccessRequestFlow.login(env, env.browser().language("en"), ANDREY, "parent");
        assertTrue(pending.text().contains("Your request No. " + number + " is awaiting review"), pending.text());
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** «Отправить» with {@code fields}: the form again, the message at {@code field}, the comment as typed. */
    private static Browser.Page check(Browser.Page form, Map<String, String> fields, String field, String message, String comment) {
        Browser.Page page = AccessRequestFlow.send(form, fields);
        assertEquals(200, page.status(), page.text());
        AccessRequestFlow.expect("request", page);
        Element error = page.document().selectFirst("#input-error-" + field);
        assertNotNull(error, "no message at " + field + ": " + page.text());
        assertEquals(message, error.text().trim());
        assertEquals(comment, page.document().selectFirst("textarea#comment").text(), "the comment as typed");
        return page;
    }

    /** A hand-made post to the action of the page's step form (its current session code). */
    private static Browser.Page post(Browser.Page page, Map<String, String> fields) {
        Element form = page.document().selectFirst("#school-esia-form");
        assertNotNull(form, "no step form on " + page.url() + ": " + page.text());
        return page.browser().post(form.absUrl("action"), fields);
    }

    private static String text(Document doc, String selector) {
        Element e = doc.selectFirst(selector);
        assertNotNull(e, "no " + selector + " in " + doc.text());
        return e.text().trim();
    }

    private List<JsonNode> events(String type) {
        List<JsonNode> events = new ArrayList<>();
        env.admin().get(REALM + "/events?max=1000&type=" + type).forEach(events::add);
        return events;
    }

    /** Filing events (new or given back), newest first. */
    private List<JsonNode> filedEvents() {
        return events("CUSTOM_REQUIRED_ACTION").stream()
                .filter(e -> "school_access_request".equals(e.path("details").path("custom_required_action").asText()))
                .toList();
    }

    private List<JsonNode> refusals() {
        return events("CUSTOM_REQUIRED_ACTION_ERROR");
    }
}
