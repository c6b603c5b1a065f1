package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Seed 003 on a phone: Debian's Chromium, headless at 390×844. A parent chooses «Вход для
 * родителей», picks himself at the ESIA emulator, presses «Привязать учетную запись», goes through
 * the organisation cascade, types his school login and password, «Войти», and lands in the
 * application; after the cut-off the page explains that a responsible employee links instead.
 * Screenshots land in target/screenshots.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EsiaAccountBrowserIT {

    private static final String REALM = "/realms/" + DemoRealm.NAME;

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

    @BeforeEach
    void signedOut(TestEnvironment env) {
        // Nobody is signed in on this phone: Keycloak's cookies go.
        chromium.get(env.keycloak().realmUrl(DemoRealm.NAME) + "/.well-known/openid-configuration");
        chromium.manage().deleteAllCookies();
    }

    @Test
    @Order(1)
    void r_link_2_parentOnAPhoneLinksHisAccountBeforeTheCutoff(TestEnvironment env) {
        stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF));
        chromium.get(application.loginUrl(env, "link-1"));
        assertEquals("Вход для родителей", chromium.findElement(By.id("school-esia-role-parent")).getText());
        chromium.findElement(By.id("school-esia-role-parent")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        chromium.findElement(By.id("person-1000000006")).click();

        waitForPage("unidentified");
        assertFitsPhoneWidth("unidentified page");
        screenshot("link-01-unidentified");
        assertEquals("Привязать учетную запись", chromium.findElement(By.id("school-esia-show-link")).getText().trim());
        assertTrue(chromium.findElement(By.id("school-esia-contact")).isDisplayed());
        chromium.findElement(By.id("school-esia-show-link")).click();

        waitForPage("link");
        assertFitsPhoneWidth("link form");
        // The organisation list offers every organisation before the rest is chosen (R-ORG-2); the
        // narrowing by district and type is checked on its own below.
        choose("organization", "МАУДО ДДЮТ г.Южно-Сахалинск");
        chromium.findElement(By.id("username")).sendKeys("kuznetsov.andrey");
        chromium.findElement(By.id("password")).sendKeys(EsiaAccountLinkIT.PASSWORD);
        assertFitsPhoneWidth("filled link form");
        screenshot("link-02-form-filled");
        assertEquals("ВОЙТИ", chromium.findElement(By.id("school-esia-link")).getText().trim().toUpperCase(java.util.Locale.ROOT));
        chromium.findElement(By.id("school-esia-link")).click();

        waitFor(d -> d.getCurrentUrl().startsWith(application.callback()));
        screenshot("link-03-application-signed-in");
        assertEquals("Дневник: вход выполнен", chromium.findElement(By.id("signed-in")).getText());
        assertTrue(application.receivedCode() != null && !application.receivedCode().isEmpty(), "the application received a code");

        // Linked: a FEDERATED_IDENTITY_LINK of ours for kuznetsov.andrey and ESIA person 1000000006.
        String andrey = env.admin().get(REALM + "/users?exact=true&username=kuznetsov.andrey").get(0).get("id").asText();
        boolean linked = false;
        for (JsonNode event : env.admin().get(REALM + "/events?max=100&type=FEDERATED_IDENTITY_LINK")) {
            linked |= andrey.equals(event.path("userId").asText()) && "1000000006".equals(event.path("details").path("esia_oid").asText());
        }
        assertTrue(linked, "no link event for kuznetsov.andrey");
    }

    @Test
    @Order(2)
    void r_link_4_afterTheCutoffThePageNamesTheResponsibleEmployeeAndFitsThePhone(TestEnvironment env) {
        stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.DEMO_CUTOFF));
        chromium.get(application.loginUrl(env, "link-2"));
        chromium.findElement(By.id("school-esia-role-parent")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        // Олег has no parent account: not identified.
        chromium.findElement(By.id("person-1000000003")).click();

        waitForPage("unidentified");
        assertFitsPhoneWidth("unidentified page after the cut-off");
        screenshot("link-04-after-cutoff");
        assertTrue(chromium.findElements(By.id("school-esia-show-link")).isEmpty(), "no «Привязать учетную запись» after the cut-off");
        String closed = chromium.findElement(By.id("school-esia-self-link-closed")).getText();
        assertTrue(closed.contains("ответственный сотрудник"), closed);
        assertTrue(chromium.findElement(By.id("school-esia-self-link-closed")).isDisplayed());
        assertTrue(chromium.findElement(By.id("school-esia-contact")).isDisplayed());
        assertEquals("Обратиться в организацию", chromium.findElement(By.id("school-esia-contact")).getText().trim());
        // Every line of text stays inside the screen.
        Object widest = ((org.openqa.selenium.JavascriptExecutor) chromium).executeScript(
                "return Math.max(...Array.from(document.querySelectorAll('#school-esia-account *')).map(e => e.getBoundingClientRect().right));");
        assertTrue(((Number) widest).doubleValue() <= Phone.WIDTH, "something of the page ends at " + widest + " px");
    }

    @Test
    @Order(3)
    void r_org_2_theCascadeOnTheLinkFormNarrowsTheOrganisationsAsOnTheLoginPage(TestEnvironment env) {
        stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF));
        chromium.get(application.loginUrl(env, "link-3"));
        chromium.findElement(By.id("school-esia-role-parent")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        chromium.findElement(By.id("person-1000000003")).click();
        waitForPage("unidentified");
        chromium.findElement(By.id("school-esia-show-link")).click();
        waitForPage("link");

        // As on the password login page (OrganisationLoginBrowserIT): one region, chosen by itself;
        // the district's only settlement chosen by itself; the district's only ОДО chosen by itself.
        assertEquals("Сахалинская обл", new Select(chromium.findElement(By.id("schoolRegion"))).getFirstSelectedOption().getText());
        choose("schoolMunicipality", "Городской округ Южно-Сахалинск");
        assertEquals("Южно-Сахалинск, г.", new Select(chromium.findElement(By.id("schoolSettlement"))).getFirstSelectedOption().getText());
        choose("schoolType", "Дополнительное образование детей");
        screenshot("link-05-cascade");
        assertEquals("МАУДО ДДЮТ г.Южно-Сахалинск", new Select(chromium.findElement(By.id("organization"))).getFirstSelectedOption().getText());
    }

    private static void waitForPage(String page) {
        waitFor(d -> !d.findElements(By.cssSelector("#school-esia-account[data-page=" + page + "]")).isEmpty());
    }

    private static void stepConfig(TestEnvironment env, Map<String, String> changes) {
        String configId = null;
        for (JsonNode execution : env.admin().get(REALM + "/authentication/flows/esia%20first%20login/executions")) {
            if ("school-esia-account".equals(execution.path("providerId").asText())) {
                configId = execution.path("authenticationConfig").asText(null);
            }
        }
        ObjectNode config = (ObjectNode) env.admin().get(REALM + "/authentication/config/" + configId);
        changes.forEach(((ObjectNode) config.get("config"))::put);
        env.admin().put(REALM + "/authentication/config/" + configId, config);
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
