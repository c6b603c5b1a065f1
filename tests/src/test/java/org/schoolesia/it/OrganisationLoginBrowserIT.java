package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * R-ODO-2 on a phone: Debian's Chromium, headless at 390×844, goes through the cascade
 * Регион → … → «МАУДО ДДЮТ г.Южно-Сахалинск» and logs a school student in at the ОДО with his
 * school password. Screenshots land in target/screenshots.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganisationLoginBrowserIT {

    private static DiaryApplication application;
    private static WebDriver chromium;

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        application = DiaryApplication.start(env);

        chromium = Phone.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.quit();
        }
        if (application != null) {
            application.close();
        }
    }

    @Test
    @Order(1)
    void r_odo_2_studentOnAPhoneChoosesTheOdoAndLogsInWithHisSchoolPassword(TestEnvironment env) throws Exception {
        chromium.get(application.loginUrl(env, "s1"));
        assertFitsPhoneWidth("organisation login page");
        screenshot("org-01-login-page");

        // One region in the demo: chosen by itself.
        assertEquals("Сахалинская обл", new Select(chromium.findElement(By.id("schoolRegion"))).getFirstSelectedOption().getText());
        choose("schoolMunicipality", "Городской округ Южно-Сахалинск");
        // One settlement in that district: chosen by itself.
        assertEquals("Южно-Сахалинск, г.", new Select(chromium.findElement(By.id("schoolSettlement"))).getFirstSelectedOption().getText());
        // The script filters the types to those of Южно-Сахалинск.
        List<String> types = new Select(chromium.findElement(By.id("schoolType"))).getOptions().stream().map(o -> o.getText()).toList();
        assertEquals(List.of("Выберите…", "Дошкольная", "Общеобразовательная", "Дополнительное образование детей"), types);
        choose("schoolType", "Дополнительное образование детей");
        assertEquals("МАУДО ДДЮТ г.Южно-Сахалинск",
                new Select(chromium.findElement(By.id("organization"))).getFirstSelectedOption().getText());

        chromium.findElement(By.id("username")).sendKeys("ivanov.petr");
        chromium.findElement(By.id("password")).sendKeys(OrganisationLoginIT.PASSWORD);
        assertFitsPhoneWidth("filled organisation login page");
        screenshot("org-02-cascade-filled");
        // R-ESIA-2: the Госуслуги role buttons, outside the password form (LoginPagesBrowserIT checks the order).
        assertTrue(chromium.findElement(By.id("school-esia-roles-title")).getText().toLowerCase().contains("госуслуги"));
        assertEquals(List.of("вход для родителей", "вход для учащихся", "вход для педагогов и сотрудников"),
                chromium.findElements(By.cssSelector("#school-esia-roles a")).stream().map(b -> b.getText().toLowerCase()).toList());
        assertTrue(chromium.findElements(By.id("social-esia")).isEmpty(), "no role-less ESIA link");
        assertEquals("ВОЙТИ", chromium.findElement(By.id("kc-login")).getText());

        chromium.findElement(By.id("kc-login")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(application.callback()));
        assertEquals("Дневник: вход выполнен", chromium.findElement(By.id("signed-in")).getText());
    }

    @Test
    @Order(2)
    void wrongOrganisationOnAPhoneShowsTheUsualMessage(TestEnvironment env) throws Exception {
        // Signed out on this phone, but the organisation cookie stays.
        chromium.get(env.keycloak().realmUrl(DemoRealm.NAME) + "/.well-known/openid-configuration");
        chromium.manage().deleteCookieNamed("KEYCLOAK_IDENTITY");
        chromium.manage().deleteCookieNamed("KEYCLOAK_SESSION");
        chromium.get(application.loginUrl(env, "s2"));
        // The organisation remembered from the last login is chosen; opening the district again
        // offers every organisation, and choosing one fills the levels above it.
        assertEquals("МАУДО ДДЮТ г.Южно-Сахалинск",
                new Select(chromium.findElement(By.id("organization"))).getFirstSelectedOption().getText());
        choose("schoolMunicipality", "Выберите…");
        assertEquals(5, new Select(chromium.findElement(By.id("organization"))).getOptions().size());
        choose("organization", "МБДОУ Детский сад № 15 г. Южно-Сахалинска");
        assertEquals("Дошкольная", new Select(chromium.findElement(By.id("schoolType"))).getFirstSelectedOption().getText());
        chromium.findElement(By.id("username")).sendKeys("ivanov.petr");
        chromium.findElement(By.id("password")).sendKeys(OrganisationLoginIT.PASSWORD);
        chromium.findElement(By.id("kc-login")).click();
        waitFor(d -> !d.findElements(By.id("input-error-username")).isEmpty());
        assertTrue(chromium.findElement(By.id("input-error-username")).getText().contains("Неправильное имя пользователя или пароль"));
        assertFitsPhoneWidth("error page");
        screenshot("org-03-wrong-organisation");
    }

    private static void choose(String select, String visibleText) {
        new Select(chromium.findElement(By.id(select))).selectByVisibleText(visibleText);
    }

    private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        Phone.waitFor(chromium, condition);
    }

    private static void assertFitsPhoneWidth(String what) {
        Phone.assertFitsWidth(chromium, what);
    }

    private static void screenshot(String name) {
        Phone.screenshot(chromium, name);
    }
}
