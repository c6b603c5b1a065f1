package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * A parent on a phone: Debian's Chromium, headless at 390×844, logs in to the demo school
 * application through Keycloak and the ESIA emulator. Screenshots land in target/screenshots.
 */
@ExtendWith(KeycloakExtension.class)
class EsiaBrowserIT {

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
    static void stop() {
        if (chromium != null) {
            chromium.quit();
        }
        if (application != null) {
            application.close();
        }
    }

    @Test
    void parentOnAPhoneLogsInThroughGosuslugi(TestEnvironment env) throws Exception {
        chromium.get(application.loginUrl(env, "s1"));
        assertEquals("ru", chromium.findElement(By.tagName("html")).getAttribute("lang").substring(0, 2));
        assertFitsPhoneWidth("login page");
        screenshot("01-keycloak-login");
        assertTrue(chromium.findElement(By.id("social-esia")).getText().contains("Госуслуг"));

        chromium.findElement(By.id("social-esia")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        assertFitsPhoneWidth("ESIA picker");
        screenshot("02-esia-emulator-picker");

        chromium.findElement(By.id("person-1000000001")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(application.callback()));
        screenshot("03-application-signed-in");
        assertEquals("Дневник: вход выполнен", chromium.findElement(By.id("signed-in")).getText());
        assertTrue(application.receivedCode() != null && !application.receivedCode().isEmpty(), "the application received a code");
        assertEquals(1, env.admin().users(DemoRealm.NAME, "esia-1000000001").size());
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
