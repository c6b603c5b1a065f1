package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The staff page on a phone (R-ODO-2, R-ODO-3): the ОДО's методист logs in through the page's own
 * PKCE login, lists students, issues a password to a child created by import, and is told where to
 * send a child enrolled from a school. Debian's Chromium, headless, 390×844 CSS pixels; screenshots
 * in target/screenshots/staff-page-*.png.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffPageIT {

    private static final String CSP = "default-src 'self'; connect-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; frame-ancestors 'none'";
    private static final String DDUT = "МАУДО ДДЮТ г.Южно-Сахалинск";
    private static final String SOSH_1 = "МАОУ СОШ № 1 г. Южно-Сахалинска";
    /** What a person picks on a login-by-organisation form (R-ORG-2) to reach the ОДО, by option value or text. */
    private static final Set<String> DDUT_CHOICES = Set.of("ddut-ys", DDUT, "Сахалинская обл", "Городской округ Южно-Сахалинск",
            "Южно-Сахалинск, г.", "supplementary", "Дополнительное образование детей");

    private static WebDriver chromium;
    private static String page;
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

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
    @Order(1)
    void pageFilesComeWithStrictHeadersAndNothingElseIsServed() throws Exception {
        HttpResponse<String> index = get(page);
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(List.of(CSP), index.headers().allValues("Content-Security-Policy"), "ours, not the realm's login-page policy");
        assertEquals("DENY", index.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-store", index.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertTrue(index.body().contains("Список родителей"));
        assertFalse(index.body().contains("<script>"), "no inline script: the policy forbids it");

        HttpResponse<String> script = get(page + "staff.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertFalse(script.body().contains("innerHTML"), "data goes in with textContent only");
        assertTrue(get(page + "staff.css").headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertEquals(200, get(page + "index.html").statusCode());

        // Without the slash the page's relative links would break: redirected.
        HttpResponse<String> bare = get(page.substring(0, page.length() - 1));
        assertEquals(301, bare.statusCode());
        assertTrue(bare.headers().firstValue("Location").orElse("").endsWith("/school/staff-page/"));

        for (String bad : List.of("%2e%2e/%2e%2e/META-INF/beans.xml", "..%2F..%2FMETA-INF%2Fbeans.xml", "missing.js",
                "staff.js.bak", "META-INF/beans.xml", "org/schoolesia/school/api/StaffPageResource.class")) {
            // Encoded dot segments are refused by the HTTP layer already (400); the resource's own check gives 404.
            int status = get(page + bad).statusCode();
            assertTrue(status == 404 || status == 400, bad + " → " + status);
        }
    }

    @Test
    @Order(2)
    void methodistIssuesAPasswordToAnImportedChildOnAPhone(TestEnvironment env) throws Exception {
        chromium.get(page);
        logInAt(env, "metodist.ddut");
        waitFor(d -> DDUT.equals(text("org-name")));
        assertEquals("Соколова Ирина Павловна", text("staff-name"));
        assertFitsPhoneWidth("list page");
        screenshot("01-list-before-loading");

        chromium.findElement(By.id("switch-student")).click();
        assertEquals("Список учеников", text("list-title"));
        assertEquals("Все ученики", new Select(chromium.findElement(By.id("f-status"))).getFirstSelectedOption().getText());
        assertEquals("50", new Select(chromium.findElement(By.id("f-max"))).getFirstSelectedOption().getText());
        chromium.findElement(By.id("load")).click();
        waitFor(d -> text("people-body").contains("Кузнецов Илья"));
        assertTrue(text("people-body").contains("Иванов Пётр"), "a child enrolled from the school is listed too");
        assertTrue(text("people-body").contains("02.04.2015"));
        assertFitsPhoneWidth("students");
        screenshot("02-students");

        WebElement surname = chromium.findElement(By.id("f-surname"));
        surname.sendKeys("Кузн");
        surname.sendKeys(Keys.ENTER);
        waitFor(d -> !text("people-body").contains("Иванов"));
        assertTrue(text("people-body").contains("Кузнецов Илья Андреевич"));

        person("Кузнецов Илья").click();
        waitFor(d -> chromium.findElement(By.id("card-body")).isDisplayed());
        assertEquals("Сведения об ученике: Кузнецов Илья Андреевич", text("card-title"));
        assertEquals("kuznetsov.ilya", text("c-login"));
        assertEquals("02.04.2015", text("c-birth"));
        assertEquals("Мужской", text("c-gender"));
        assertTrue(text("c-relatives").contains("Кузнецов Андрей Викторович"));
        assertFalse(chromium.findElement(By.id("credentials-elsewhere")).isDisplayed());
        assertFitsPhoneWidth("card");
        screenshot("03-card-imported-child");

        chromium.findElement(By.id("change-password")).click();
        WebElement fresh = chromium.findElement(By.id("p-new"));
        WebElement confirmation = chromium.findElement(By.id("p-confirm"));
        waitFor(d -> fresh.isDisplayed());
        assertEquals(fresh, chromium.switchTo().activeElement(), "the dialog starts in «Новый пароль»");
        assertTrue(chromium.findElement(By.id("p-temporary")).isSelected(), "«Пользователь должен сменить пароль…» is ticked");

        fresh.sendKeys("Secret-pass-1");
        confirmation.sendKeys("Secret-pass-2");
        chromium.findElement(By.id("password-save")).click();
        assertEquals("Пароли не совпадают", text("password-error"));
        assertFitsPhoneWidth("password dialog");
        screenshot("04-password-mismatch");

        fresh.clear();
        confirmation.clear();
        fresh.sendKeys("Short-1");
        confirmation.sendKeys("Short-1");
        chromium.findElement(By.id("password-save")).click();
        assertTrue(text("password-error").contains("не менее 8 символов"));

        fresh.clear();
        confirmation.clear();
        fresh.sendKeys("Secret-pass-1");
        confirmation.sendKeys("Secret-pass-1");
        confirmation.sendKeys(Keys.ENTER);
        waitFor(d -> chromium.findElement(By.id("card-success")).isDisplayed());
        assertEquals("Пароль изменён. Передайте логин и пароль родителю (ученику).", text("card-success"));
        assertFalse(chromium.findElement(By.id("password-dialog")).isDisplayed());
        assertEquals("", js("return document.getElementById('p-new').value + document.getElementById('p-confirm').value;"),
                "the password is not kept in the page");
        screenshot("05-password-changed");

        JsonNode child = env.admin().users(DemoRealm.NAME, "kuznetsov.ilya").get(0);
        assertTrue(child.get("requiredActions").toString().contains("UPDATE_PASSWORD"), "first login forces a new password");

        // Keyboard: the dialog opens and Esc closes it, leaving nothing typed behind.
        chromium.findElement(By.id("change-password")).sendKeys(Keys.ENTER);
        waitFor(d -> fresh.isDisplayed());
        fresh.sendKeys("typed-but-cancelled");
        fresh.sendKeys(Keys.ESCAPE);
        waitFor(d -> !fresh.isDisplayed());
        assertEquals("", fresh.getDomProperty("value"));

        chromium.findElement(By.id("card-back")).click();
        waitFor(d -> chromium.findElement(By.id("view-list")).isDisplayed());
        surname = chromium.findElement(By.id("f-surname"));
        surname.clear();
        surname.sendKeys("Иван");
        chromium.findElement(By.id("load")).click();
        waitFor(d -> text("people-body").contains("Иванов Пётр"));
        person("Иванов Пётр").click();
        waitFor(d -> chromium.findElement(By.id("card-body")).isDisplayed());
        assertEquals("Сведения об ученике: Иванов Пётр Сергеевич", text("card-title"));
        assertFalse(chromium.findElement(By.id("change-password")).isDisplayed(), "no «Сменить пароль» for a school's child (R-ODO-2)");
        String elsewhere = text("credentials-elsewhere");
        assertTrue(elsewhere.startsWith("Учетные данные выдаёт организация, где обучается ребёнок: обратитесь в " + SOSH_1), elsewhere);
        assertTrue(text("c-relatives").contains("Иванова Мария Петровна"));
        assertFitsPhoneWidth("card of a school's child");
        screenshot("06-card-school-child");
    }

    @Test
    @Order(3)
    void logoutEndsTheSessionAndAParentIsTurnedAway(TestEnvironment env) throws Exception {
        chromium.findElement(By.id("logout")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(page) && d.findElement(By.id("view-problem")).isDisplayed());
        assertEquals("Вы вышли из кабинета сотрудника.", text("problem-text"));
        screenshot("07-logged-out");

        chromium.findElement(By.id("problem-login")).click();
        // The Keycloak session is gone: the login form is shown again.
        logInAt(env, "ivanova.maria");
        waitFor(d -> d.findElement(By.id("view-problem")).isDisplayed());
        assertEquals("Доступно только сотрудникам образовательной организации.", text("problem-text"));
        assertTrue(chromium.findElement(By.id("problem-logout")).isDisplayed(), "«Выйти» is offered");
        assertFalse(chromium.findElement(By.id("top")).isDisplayed());
        assertFitsPhoneWidth("refusal");
        screenshot("08-parent-refused");

        chromium.findElement(By.id("problem-logout")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(page) && "Вы вышли из кабинета сотрудника.".equals(text("problem-text")));
    }

    private static void logInAt(TestEnvironment env, String username) {
        StaffPageLogin.logIn(chromium, env, page, DDUT_CHOICES, username, () -> screenshot("00-login-" + username));
    }

    private static WebElement person(String namePrefix) {
        return chromium.findElements(By.cssSelector("#people-body a")).stream()
                .filter(a -> a.getText().startsWith(namePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError(namePrefix + " is not in the list: " + text("people-body")));
    }

    private static String text(String id) {
        return chromium.findElement(By.id(id)).getText();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) chromium).executeScript(script);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
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

    private static void assertFitsPhoneWidth(String what) {
        Phone.assertFitsWidth(chromium, what);
    }

    private static void screenshot(String name) {
        Phone.screenshot(chromium, "staff-page-" + name);
    }
}
