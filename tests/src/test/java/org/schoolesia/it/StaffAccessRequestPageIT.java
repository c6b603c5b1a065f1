package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.schoolesia.it.pages.staff.Accessibility;
import org.schoolesia.it.pages.staff.Dialog;
import org.schoolesia.it.pages.staff.RequestView;
import org.schoolesia.it.pages.staff.RequestsQueue;
import org.schoolesia.it.pages.staff.StaffConsole;
import org.schoolesia.it.pages.Viewport;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * «Обращения» in the staff console (R-REQ-3, R-REQ-4, R-FAM-1): on a phone in Russian the завуч
 * opens a pending request with what Госуслуги said, is refused a rejection without a reason,
 * creates the parent's account with a comment and sees it resolved; on a desktop in English the
 * завуч links a second request to the better of two accounts; the queue and a decided request
 * are then read at the other two viewports. axe-core on each state, the decision dialog by
 * keyboard. Screenshots: target/screenshots/staff-requests-{width}-{language}-*.png.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffAccessRequestPageIT {

    private static final String SOSH_1 = "МАОУ СОШ № 1 г. Южно-Сахалинска";
    /** What the login-by-organisation form (R-ORG-2) needs to reach the school, by option value or text. */
    static final Set<String> SOSH_1_CHOICES = Set.of("sosh-1-ys", SOSH_1, "Сахалинская обл", "Городской округ Южно-Сахалинск",
            "Южно-Сахалинск, г.", "school", "Общеобразовательная");
    /** The person's comment: shown as typed, never as markup. */
    private static final String PERSON_COMMENT = "<b>Здравствуйте!</b> Дочь учится в 1А";

    private static String page;
    private static String sokolova;
    private static String andrey;

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        page = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/staff-page/";
    }

    @Test
    @Order(1)
    void zavuchCreatesTheParentsAccountFromARequestOnAPhone(TestEnvironment env) throws Exception {
        Viewport v = Viewport.PHONE_RU;
        sokolova = AccessRequestFlow.fileRequest(env, env.browser(), "1000000008", "parent", "sosh-1-ys", "1А", "1000000009", PERSON_COMMENT);
        WebDriver chromium = v.start();
        try {
            RequestsQueue queue = logIn(chromium, env, v, "#/requests");
            assertEquals("Ожидают", queue.statusFilter());
            assertEquals("requests", queue.currentNav());
            String row = queue.rows();
            for (String shown : List.of(sokolova, "Соколова Елена Викторовна", "Родитель", "Соколова Вера Алексеевна", "1А", "Ожидает")) {
                assertTrue(row.contains(shown), shown + " in " + row);
            }
            assertFalse(row.contains("просрочено"), row);
            assertFalse(queue.overdueBanner(), "nothing is overdue yet");
            v.assertFits(chromium, "requests list");
            shot(chromium, v, "01-list");
            Accessibility.assertNoSeriousViolations(chromium, "requests " + v);

            RequestView request = queue.open(sokolova);
            assertEquals("Обращение № " + sokolova, request.heading());
            assertEquals("Соколова Елена Викторовна", request.field("rq-name"));
            assertEquals("12.03.1988", request.field("rq-birth"));
            assertEquals("elena.sokolova@example.ru", request.field("rq-email"));
            assertEquals("***-***-*** 85", request.field("rq-snils"));
            assertEquals("Соколова Вера Алексеевна", request.field("rq-child-name"));
            assertEquals(PERSON_COMMENT, request.field("rq-comment"), "the comment as typed");
            assertEquals(0L, request.markupInComment(), "no markup from data");
            assertTrue(request.candidates().contains("Похожих учетных записей"), request.candidates());
            assertFalse(request.action("rq-link").isEnabled(), "nothing to link to");
            // Вера, a pupil of the school, matches the child by SNILS: chosen already (R-FAM-1).
            assertTrue(request.childCandidates().contains("Соколова Вера Алексеевна"), request.childCandidates());
            assertTrue(request.childCandidates().contains("Совпадает: СНИЛС, ФИО, дата рождения."), request.childCandidates());
            assertFalse(request.checkedChild().isEmpty());
            v.assertFits(chromium, "request");
            shot(chromium, v, "02-request");
            request.scrollToAccounts();
            shot(chromium, v, "02b-request-actions");
            Accessibility.assertNoSeriousViolations(chromium, "request " + v);

            // «Отклонить» needs a reason; the dialog by keyboard; «Отмена» leaves the request as it was.
            Dialog reject = request.decide("rq-reject");
            assertEquals("Отклонить обращение", reject.title());
            assertTrue(reject.clickExpectingError("decision-confirm").startsWith("Укажите причину отказа"));
            Accessibility.assertNoSeriousViolations(chromium, "decision dialog " + v);
            Accessibility.assertDialogKeyboard(chromium, request.action("rq-reject"), 6);
            request.decide("rq-reject").clickClosing("decision-cancel");

            Dialog create = request.decide("rq-create");
            assertEquals("Создать учетную запись", create.title());
            assertEquals("1000", create.field("decision-comment").getDomAttribute("maxlength"));
            assertTrue(create.text("decision-what").contains("Соколова Елена Викторовна"), create.text("decision-what"));
            assertTrue(create.text("decision-what").contains("Родитель будет связан с ребенком Соколова Вера Алексеевна (sokolova.vera)."),
                    create.text("decision-what"));
            create.field("decision-comment").sendKeys("Учетная запись создана, добро пожаловать!");
            assertEquals("41 / 1000", create.text("decision-count"));
            v.assertFits(chromium, "decision dialog");
            shot(chromium, v, "03-decision");
            create.clickClosing("decision-confirm");

            RequestsQueue after = new StaffConsole(chromium).requests();
            assertEquals("Обращение № " + sokolova + " разрешено: учетная запись создана и связана с Госуслугами.", after.success());
            shot(chromium, v, "04-after-decision");
        } finally {
            chromium.quit();
        }
    }

    @Test
    @Order(2)
    void zavuchLinksTheBetterOfTwoAccountsOnADesktopInEnglish(TestEnvironment env) throws Exception {
        Viewport v = Viewport.DESKTOP_EN;
        // Кузнецов Андрей asks the school: two accounts of the school may be his, the better one first,
        // the other refused with the reason.
        String andreyAccount = EsiaAccountLinkIT.createAccount(env, "kuznetsov.av", "parent", "sosh-1-ys", "Андрей", "Кузнецов",
                "1984-08-19", Map.of("middleName", "Викторович"));
        EsiaAccountLinkIT.createAccount(env, "kuznetsov.aa", "parent", "sosh-1-ys", "Алексей", "Кузнецов", "1990-01-01",
                Map.of("middleName", "Андреевич"));
        andrey = AccessRequestFlow.fileRequest(env, env.browser(), "1000000006", "parent", "sosh-1-ys", "5Б", null, null);
        WebDriver chromium = v.start();
        try {
            RequestsQueue queue = logIn(chromium, env, v, "#/requests");
            assertEquals("Pending", queue.statusFilter());
            assertTrue(queue.rows().contains(andrey), queue.rows());
            assertFalse(queue.rows().contains(sokolova), "decided: no longer pending");
            shot(chromium, v, "01-list");
            Accessibility.assertNoSeriousViolations(chromium, "requests " + v);

            RequestView request = queue.open(andrey);
            assertEquals("Request No. " + andrey, request.heading());
            List<WebElement> choices = request.accountChoices();
            assertEquals(2, choices.size(), request.candidates());
            assertEquals(andreyAccount, choices.get(0).getDomProperty("value"), "best match first");
            assertTrue(choices.get(0).isEnabled());
            assertFalse(choices.get(1).isEnabled(), "a refused account cannot be chosen");
            assertTrue(request.candidates().contains("Matches: name, date of birth. Differs: SNILS."), request.candidates());
            assertTrue(request.candidates().contains("Cannot be linked: "), request.candidates());
            v.assertFits(chromium, "candidates");
            shot(chromium, v, "02-candidates");
            Accessibility.assertNoSeriousViolations(chromium, "request " + v);

            request.action("rq-link").click();
            assertEquals("Choose the account to link the request with.", request.actionError());
            request.choose(choices.get(0));
            Dialog link = request.decide("rq-link");
            assertEquals("Link with an account", link.title());
            assertTrue(link.text("decision-what").contains("Кузнецов Андрей Викторович (kuznetsov.av)"), link.text("decision-what"));
            link.field("decision-comment").sendKeys("Linked with your account");
            shot(chromium, v, "03-decision");
            link.clickClosing("decision-confirm");
            RequestsQueue after = new StaffConsole(chromium).requests();
            assertEquals("Request No. " + andrey + " resolved: the account is linked with Gosuslugi.", after.success());
            shot(chromium, v, "04-after-decision");
        } finally {
            chromium.quit();
        }

        // The server agrees: Елена's account exists and is Вера's parent (R-FAM-1).
        StaffApi api = new StaffApi(env);
        api.createTestClient();
        JsonNode people = StaffApi.json(api.get("zavuch.sosh1", "/people?role=parent&surname="
                + java.net.URLEncoder.encode("Соколова", java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(1, people.get("total").asInt(), people.toString());
        String parentId = people.get("items").get(0).get("id").asText();
        JsonNode vera = StaffApi.json(api.get("zavuch.sosh1", "/people/" + api.userId("sokolova.vera")));
        assertEquals(parentId, vera.get("parents").get(0).get("id").asText(), vera.toString());
    }

    @Test
    @Order(3)
    void decidedRequestsReadTheSameAtTheOtherViewports(TestEnvironment env) throws Exception {
        for (Viewport v : List.of(Viewport.DESKTOP_RU, Viewport.PHONE_EN)) {
            WebDriver chromium = v.start();
            try {
                RequestsQueue queue = logIn(chromium, env, v, "#/requests").show("all");
                assertTrue(queue.rows().contains(sokolova) && queue.rows().contains(andrey), queue.rows());
                assertTrue(queue.rows().contains(v.text("Разрешено", "Resolved")), queue.rows());
                v.assertFits(chromium, "all requests");
                shot(chromium, v, "05-all");
                Accessibility.assertNoSeriousViolations(chromium, "all requests " + v);

                RequestView decided = queue.open(sokolova);
                assertTrue(decided.decided());
                assertFalse(decided.pending(), "no actions on a decided request");
                assertEquals(v.text("Разрешено", "Resolved"), decided.field("rq-d-status"));
                assertEquals("Петрова Елена Николаевна", decided.field("rq-d-by"));
                assertEquals("Учетная запись создана, добро пожаловать!", decided.field("rq-d-comment"));
                assertTrue(decided.field("rq-d-account").startsWith("Соколова Елена Викторовна"), decided.field("rq-d-account"));
                v.assertFits(chromium, "decided request");
                shot(chromium, v, "06-decided-request");
                Accessibility.assertNoSeriousViolations(chromium, "decided request " + v);
                decided.back();
            } finally {
                chromium.quit();
            }
        }
    }

    private static RequestsQueue logIn(WebDriver chromium, TestEnvironment env, Viewport v, String route) {
        chromium.get(page + route);
        StaffPageLogin.logIn(chromium, env, page, SOSH_1_CHOICES, "zavuch.sosh1", () -> { });
        new StaffConsole(chromium).ready();
        return new StaffConsole(chromium).requests();
    }

    private static void shot(WebDriver chromium, Viewport v, String name) {
        v.screenshot(chromium, "staff-requests", name);
    }
}
