package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * «Обращения» on the staff page at phone width (R-REQ-3): the завуч opens the list, a pending
 * request with what Госуслуги said, creates the parent's account with a comment, and the list shows
 * the request resolved. Debian's Chromium, headless, 390×844; screenshots in
 * target/screenshots/staff-requests-*.png.
 */
@ExtendWith(KeycloakExtension.class)
class StaffAccessRequestPageIT {

    private static final String SOSH_1 = "МАОУ СОШ № 1 г. Южно-Сахалинска";
    /** What the login-by-organisation form (R-ORG-2) needs to reach the school, by option value or text. */
    private static final Set<String> SOSH_1_CHOICES = Set.of("sosh-1-ys", SOSH_1, "Сахалинская обл", "Городской округ Южно-Сахалинск",
            "Южно-Сахалинск, г.", "school", "Общеобразовательная");
    /** The person's comment: shown as typed, never as markup. */
    private static final String PERSON_COMMENT = "<b>Здравствуйте!</b> Дочь учится в 1А";

    private static WebDriver chromium;
    private static String page;

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        page = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/staff-page/";
        chromium = Phone.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    @Test
    void zavuchCreatesTheParentsAccountFromARequest_andTheListShowsItResolved(TestEnvironment env) throws Exception {
        String number = AccessRequestFlow.fileRequest(env, env.browser(), "1000000008", "parent", "sosh-1-ys", "1А",
                "1000000009", PERSON_COMMENT);

        chromium.get(page + "#requests");
        logInAt(env, "zavuch.sosh1");
        waitFor(d -> d.findElement(By.id("view-requests")).isDisplayed() && text("requests-body").contains(number));
        assertEquals("Ожидают", new Select(chromium.findElement(By.id("r-status"))).getFirstSelectedOption().getText());
        assertEquals("true", chromium.findElement(By.id("switch-requests")).getDomAttribute("aria-pressed"));
        String row = text("requests-body");
        assertTrue(row.contains("Соколова Елена Викторовна"), row);
        assertTrue(row.contains("Родитель"), row);
        assertTrue(row.contains("Соколова Вера Алексеевна"), row);
        assertTrue(row.contains("1А"), row);
        assertTrue(row.contains("Ожидает"), row);
        assertFalse(row.contains("просрочено"), row);
        assertFalse(chromium.findElement(By.id("requests-overdue")).isDisplayed(), "nothing is overdue yet");
        Phone.assertFitsWidth(chromium, "requests list");
        screenshot("01-list");

        chromium.findElement(By.linkText("№ " + number)).click();
        waitFor(d -> d.findElement(By.id("request-body")).isDisplayed());
        assertEquals("Обращение № " + number, text("request-title"));
        assertEquals("Соколова Елена Викторовна", text("rq-name"));
        assertEquals("12.03.1988", text("rq-birth"));
        assertEquals("elena.sokolova@example.ru", text("rq-email"));
        assertEquals("***-***-*** 85", text("rq-snils"));
        assertEquals("Соколова Вера Алексеевна", text("rq-child-name"));
        assertEquals(PERSON_COMMENT, text("rq-comment"), "the comment as typed");
        assertEquals(0L, js("return document.querySelectorAll('#rq-comment *').length;"), "no markup from data");
        assertTrue(text("rq-candidates").contains("Похожих учетных записей"), text("rq-candidates"));
        assertFalse(chromium.findElement(By.id("rq-link")).isEnabled(), "nothing to link to");
        // Вера, a pupil of the school (the demo's sokolova.vera), matches the child by SNILS: chosen already (R-FAM-1).
        assertTrue(text("rq-child-candidates").contains("Соколова Вера Алексеевна"), text("rq-child-candidates"));
        assertTrue(text("rq-child-candidates").contains("Совпадает: СНИЛС, ФИО, дата рождения."), text("rq-child-candidates"));
        assertEquals(Boolean.TRUE, js("return document.querySelector('input[name=rq-child]:checked').value !== '';"));
        Phone.assertFitsWidth(chromium, "request");
        screenshot("02-request");
        js("document.getElementById('rq-accounts').scrollIntoView();");
        screenshot("02b-request-actions");

        // «Отклонить» needs a reason; «Отмена» leaves the request as it was.
        chromium.findElement(By.id("rq-reject")).click();
        waitFor(d -> d.findElement(By.id("decision-comment")).isDisplayed());
        assertEquals("Отклонить обращение", text("decision-title"));
        chromium.findElement(By.id("decision-confirm")).click();
        assertTrue(text("decision-error").startsWith("Укажите причину отказа"), text("decision-error"));
        chromium.findElement(By.id("decision-cancel")).click();
        waitFor(d -> !d.findElement(By.id("decision-dialog")).isDisplayed());

        chromium.findElement(By.id("rq-create")).click();
        WebElement comment = chromium.findElement(By.id("decision-comment"));
        waitFor(d -> comment.isDisplayed());
        assertEquals("Создать учетную запись", text("decision-title"));
        assertEquals("1000", comment.getDomAttribute("maxlength"));
        assertTrue(text("decision-what").contains("Соколова Елена Викторовна"), text("decision-what"));
        assertTrue(text("decision-what").contains("Родитель будет связан с ребенком Соколова Вера Алексеевна (sokolova.vera)."),
                text("decision-what"));
        comment.sendKeys("Учетная запись создана, добро пожаловать!");
        assertEquals("41 / 1000", text("decision-count"));
        Phone.assertFitsWidth(chromium, "decision dialog");
        screenshot("03-decision");
        chromium.findElement(By.id("decision-confirm")).click();

        waitFor(d -> d.findElement(By.id("view-requests")).isDisplayed() && d.findElement(By.id("requests-success")).isDisplayed());
        assertEquals("Обращение № " + number + " разрешено: учетная запись создана и связана с Госуслугами.", text("requests-success"));
        waitFor(d -> !text("requests-body").contains(number));
        screenshot("04-after-decision");

        new Select(chromium.findElement(By.id("r-status"))).selectByVisibleText("Все");
        chromium.findElement(By.id("r-load")).click();
        waitFor(d -> text("requests-body").contains(number));
        assertTrue(text("requests-body").contains("Разрешено"), text("requests-body"));
        Phone.assertFitsWidth(chromium, "all requests");
        screenshot("05-resolved");

        chromium.findElement(By.linkText("№ " + number)).click();
        waitFor(d -> d.findElement(By.id("rq-decision")).isDisplayed());
        assertEquals("Разрешено", text("rq-d-status"));
        assertEquals("Петрова Елена Николаевна", text("rq-d-by"));
        assertEquals("Учетная запись создана, добро пожаловать!", text("rq-d-comment"));
        assertTrue(text("rq-d-account").startsWith("Соколова Елена Викторовна"), text("rq-d-account"));
        assertFalse(chromium.findElement(By.id("rq-accounts")).isDisplayed(), "no actions on a decided request");
        screenshot("06-decided-request");

        // Кузнецов Андрей asks the school too: two accounts of the school may be his, the better one first,
        // the other refused with the reason; the завуч links the better one.
        String andreyAccount = EsiaAccountLinkIT.createAccount(env, "kuznetsov.av", "parent", "sosh-1-ys", "Андрей", "Кузнецов",
                "1984-08-19", java.util.Map.of("middleName", "Викторович"));
        EsiaAccountLinkIT.createAccount(env, "kuznetsov.aa", "parent", "sosh-1-ys", "Алексей", "Кузнецов", "1990-01-01",
                java.util.Map.of("middleName", "Андреевич"));
        String andrey = AccessRequestFlow.fileRequest(env, env.browser(), "1000000006", "parent", "sosh-1-ys", "5Б", null, null);
        chromium.findElement(By.id("request-back")).click();
        waitFor(d -> d.findElement(By.id("view-requests")).isDisplayed());
        new Select(chromium.findElement(By.id("r-status"))).selectByVisibleText("Ожидают");
        chromium.findElement(By.id("r-load")).click();
        waitFor(d -> text("requests-body").contains(andrey));
        chromium.findElement(By.linkText("№ " + andrey)).click();
        waitFor(d -> d.findElement(By.id("request-body")).isDisplayed() && text("request-title").contains(andrey));
        List<WebElement> choices = chromium.findElements(By.cssSelector("#rq-candidates input[name=rq-account]"));
        assertEquals(2, choices.size(), text("rq-candidates"));
        assertEquals(andreyAccount, choices.get(0).getDomProperty("value"), "best match first");
        assertTrue(choices.get(0).isEnabled());
        assertFalse(choices.get(1).isEnabled(), "a refused account cannot be chosen");
        String candidates = text("rq-candidates");
        assertTrue(candidates.contains("Совпадает: ФИО, дата рождения. Не совпадает: СНИЛС."), candidates);
        assertTrue(candidates.contains("Связать нельзя: СНИЛС или дата рождения в карточке не совпадают с данными Госуслуг."), candidates);
        Phone.assertFitsWidth(chromium, "candidates");
        js("document.getElementById('rq-accounts').scrollIntoView();");
        screenshot("07-candidates");

        chromium.findElement(By.id("rq-link")).click();
        assertEquals("Выберите учетную запись, с которой нужно связать обращение.", text("rq-action-error"));
        ((JavascriptExecutor) chromium).executeScript("arguments[0].click();", choices.get(0));
        chromium.findElement(By.id("rq-link")).click();
        waitFor(d -> d.findElement(By.id("decision-comment")).isDisplayed());
        assertTrue(text("decision-what").contains("Кузнецов Андрей Викторович (kuznetsov.av)"), text("decision-what"));
        chromium.findElement(By.id("decision-comment")).sendKeys("Связали с вашей учетной записью");
        chromium.findElement(By.id("decision-confirm")).click();
        waitFor(d -> d.findElement(By.id("requests-success")).isDisplayed());
        assertEquals("Обращение № " + andrey + " разрешено: учетная запись связана с Госуслугами.", text("requests-success"));

        // The server agrees.
        StaffApi api = new StaffApi(env);
        api.createTestClient();
        JsonNode people = StaffApi.json(api.get("zavuch.sosh1", "/people?role=parent&surname=" + java.net.URLEncoder.encode("Соколова",
                java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(1, people.get("total").asInt(), people.toString());
        String parentId = people.get("items").get(0).get("id").asText();
        JsonNode vera = StaffApi.json(api.get("zavuch.sosh1", "/people/" + api.userId("sokolova.vera")));
        assertEquals(parentId, vera.get("parents").get(0).get("id").asText(), vera.toString());
    }

    private static void logInAt(TestEnvironment env, String username) {
        StaffPageLogin.logIn(chromium, env, page, SOSH_1_CHOICES, username, () -> { });
    }

    private static String text(String id) {
        return chromium.findElement(By.id(id)).getText();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) chromium).executeScript(script);
    }

    private static void waitFor(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(chromium, Duration.ofSeconds(30)).until(condition::apply);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void screenshot(String name) {
        Phone.screenshot(chromium, "staff-requests-" + name);
    }
}
