package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Seed 002, рис. 2-4 on a phone (Debian's Chromium, headless, 390×844): a parent without a school
 * account chooses «Вход для родителей», picks herself at the ESIA emulator, «Обратиться в
 * организацию» → «Продолжить», fills the form with the script's cascade (type → organisation →
 * class, the classes fetched from the server), «Отправить», and reads her number; the next login
 * shows it pending. Nothing scrolls sideways. Screenshots land in target/screenshots.
 */
@ExtendWith(KeycloakExtension.class)
class AccessRequestBrowserIT {

    private static DiaryApplication application;
    private static WebDriver chromium;

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
        application = DiaryApplication.start(env);
        chromium = Phone.start();
    }

    @AfterAll
    static void stop(TestEnvironment env) throws Exception {
        try {
            if (chromium != null) {
                chromium.quit();
            }
            if (application != null) {
                application.close();
            }
        } finally {
            env.resetRealm();
        }
    }

    @Test
    void r_req_1_r_req_2_parentOnAPhoneFillsTheFormWithTheCascadeAndGetsANumber(TestEnvironment env) {
        // Соколова Елена (ESIA 1000000008, child Вера 1000000009) has no school account.
        chromium.get(application.loginUrl(env, "request-1"));
        chromium.findElement(By.id("school-esia-role-parent")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        chromium.findElement(By.id("person-1000000008")).click();

        waitForPage("unidentified");
        chromium.findElement(By.id("school-esia-contact")).click();
        waitForPage("contact");
        Phone.assertFitsWidth(chromium, "contact page");
        screenshot("request-01-contact");
        assertEquals("Продолжить", chromium.findElement(By.id("school-esia-continue")).getText().trim());
        chromium.findElement(By.id("school-esia-continue")).click();

        waitForPage("request");
        Phone.assertFitsWidth(chromium, "request form");
        assertEverythingInsideTheScreen("request form");
        screenshot("request-02-form");
        assertEquals("Соколова Елена Викторовна", chromium.findElement(By.id("school-request-fullname")).getText().trim());
        assertEquals("12.03.1988", chromium.findElement(By.id("school-request-birthdate")).getText().trim());
        assertTrue(chromium.findElement(By.cssSelector("input[name=child][value='1000000009']")).isSelected(), "the only child is chosen");
        // The script hides «Выбрать»: the selects fill themselves.
        for (WebElement refresh : chromium.findElements(By.className("school-request-refresh"))) {
            assertFalse(refresh.isDisplayed(), "«Выбрать» shown with the script on");
        }
        WebElement organisation = chromium.findElement(By.id("organization"));
        assertFalse(organisation.isEnabled(), "no organisation before a type");
        assertEquals("Сначала выберите тип организации", new Select(organisation).getFirstSelectedOption().getText());
        assertEquals("Сначала выберите организацию", new Select(chromium.findElement(By.id("schoolClass"))).getFirstSelectedOption().getText());

        new Select(chromium.findElement(By.id("schoolType"))).selectByVisibleText("Общеобразовательная");
        waitFor(d -> d.findElement(By.id("organization")).isEnabled());
        assertEquals(List.of("Выберите", "МАОУ СОШ № 1 г. Южно-Сахалинска", "МАОУ СОШ № 2 г. Корсакова"),
                new Select(chromium.findElement(By.id("organization"))).getOptions().stream().map(WebElement::getText).toList());
        new Select(chromium.findElement(By.id("organization"))).selectByVisibleText("МАОУ СОШ № 1 г. Южно-Сахалинска");
        waitFor(d -> d.findElement(By.id("schoolClass")).isEnabled());
        assertEquals(List.of("Выберите", "1А", "5Б", "9А", "11А"),
                new Select(chromium.findElement(By.id("schoolClass"))).getOptions().stream().map(WebElement::getText).toList());
        new Select(chromium.findElement(By.id("schoolClass"))).selectByVisibleText("5Б");
        chromium.findElement(By.id("comment")).sendKeys("Дочь Вера, 5Б. Логин не выдавали.");
        Phone.assertFitsWidth(chromium, "filled request form");
        assertEverythingInsideTheScreen("filled request form");
        screenshot("request-03-form-filled");

        chromium.findElement(By.id("school-request-send")).click();
        waitForPage("sent");
        Phone.assertFitsWidth(chromium, "request sent");
        assertEverythingInsideTheScreen("request sent");
        screenshot("request-04-sent");
        String number = chromium.findElement(By.id("school-request-number")).getText().trim();
        assertTrue(AccessRequestFlow.NUMBER.matcher(number).matches(), number);
        String body = chromium.findElement(By.tagName("body")).getText();
        assertTrue(body.contains("Успешно создан запрос получения доступа в систему"), body);
        assertTrue(body.contains("Ожидайте рассмотрения запроса сотрудниками организации."), body);

        // «Выйти», and the next login shows the request waiting.
        chromium.findElement(By.id("school-esia-exit")).click();
        waitFor(d -> !d.findElements(By.id("school-esia-role-parent")).isEmpty());
        chromium.manage().deleteAllCookies();
        chromium.get(application.loginUrl(env, "request-2"));
        chromium.findElement(By.id("school-esia-role-parent")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        chromium.findElement(By.id("person-1000000008")).click();
        waitForPage("pending");
        Phone.assertFitsWidth(chromium, "pending request");
        assertEverythingInsideTheScreen("pending request");
        screenshot("request-05-pending");
        assertEquals(List.of(number), chromium.findElements(By.cssSelector("#school-request-pending li[data-number]")).stream()
                .map(li -> li.getAttribute("data-number")).toList());
        assertTrue(chromium.findElement(By.id("school-request-another")).isDisplayed());
    }

    private static void waitForPage(String page) {
        waitFor(d -> !d.findElements(By.cssSelector("#school-esia-account[data-page=" + page + "]")).isEmpty());
    }

    private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        Phone.waitFor(chromium, condition);
    }

    private static void screenshot(String name) {
        Phone.screenshot(chromium, name);
    }

    /** Every element of our page ends inside the 390 px screen. */
    private static void assertEverythingInsideTheScreen(String what) {
        Object widest = ((JavascriptExecutor) chromium).executeScript(
                "return Math.max(...Array.from(document.querySelectorAll('#school-esia-account *'))"
                        + ".filter(e => e.getClientRects().length > 0).map(e => e.getBoundingClientRect().right));");
        assertTrue(((Number) widest).doubleValue() <= Phone.WIDTH, what + ": something ends at " + widest + " px");
    }
}
