package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.fasterxml.jackson.databind.JsonNode;
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
 * application through Keycloak and the ESIA emulator with «Вход для родителей» (R-ESIA-2), into
 * the account linked to her (ivanova.maria). Screenshots land in target/screenshots.
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
        // R-ESIA-2: the role first, then Госуслуги; the old single provider link is gone.
        assertTrue(chromium.findElement(By.id("school-esia-roles-title")).getText().toLowerCase().contains("госуслуги"));
        assertEquals("вход для родителей", chromium.findElement(By.id("school-esia-role-parent")).getText().toLowerCase());
        assertTrue(chromium.findElements(By.id("social-esia")).isEmpty(), "no role-less ESIA link");
        int users = env.admin().userCount(DemoRealm.NAME);

        chromium.findElement(By.id("school-esia-role-parent")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        assertFitsPhoneWidth("ESIA picker");
        screenshot("02-esia-emulator-picker");

        chromium.findElement(By.id("person-1000000001")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(application.callback()));
        screenshot("03-application-signed-in");
        assertEquals("Дневник: вход выполнен", chromium.findElement(By.id("signed-in")).getText());
        assertTrue(application.receivedCode() != null && !application.receivedCode().isEmpty(), "the application received a code");
        // She entered her linked parent account ivanova.maria: nothing was created.
        assertEquals(users, env.admin().userCount(DemoRealm.NAME));
        assertTrue(env.admin().users(DemoRealm.NAME, "esia-1000000001").isEmpty());
        JsonNode maria = env.admin().get("/realms/" + DemoRealm.NAME + "/users?exact=true&username=ivanova.maria").get(0);
        assertEquals(1, env.admin().get("/realms/" + DemoRealm.NAME + "/users/" + maria.get("id").asText() + "/sessions").size(),
                "the session is ivanova.maria's");
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
