package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * What a parent on a phone (Chromium, 390×844) found confusing on the login pages (issue 10):
 * the order of the login page (R-ESIA-1/2), «Отказаться» at Госуслуги, the expired-page dead end,
 * and the organisation cascade (R-ORG-2). Screenshots land in target/screenshots.
 */
@ExtendWith(KeycloakExtension.class)
class LoginPagesBrowserIT {

    private static final String REALM = "/realms/" + DemoRealm.NAME;
    /** Longer than a 390 px select can show: the real name of a Sakhalin ОДО. */
    private static final String LONG_NAME = "МБУ ДО Центр детского творчества «Радуга» имени Героя Советского Союза "
            + "А. П. Чехова г. Южно-Сахалинска";

    private static DiaryApplication application;
    private static WebDriver chromium;

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
        // Before any page: the login page reads a fresh organisation list for the new realm.
        ObjectNode org = new ObjectMapper().createObjectNode();
        org.put("name", LONG_NAME);
        org.put("alias", "cdt-raduga-ys");
        org.put("enabled", true);
        ObjectNode attributes = org.putObject("attributes");
        attributes.putArray("region").add("Сахалинская обл");
        attributes.putArray("municipality").add("Городской округ Южно-Сахалинск");
        attributes.putArray("settlement").add("Южно-Сахалинск, г.");
        attributes.putArray("type").add("supplementary");
        env.admin().post(REALM + "/organizations", org);
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

    @BeforeEach
    void signedOut() {
        chromium.manage().deleteAllCookies();
    }

    @Test
    void r_esia_1_loginPageOnAPhoneStartsWithGosuslugiAndKeepsEachButtonWithItsForm(TestEnvironment env) {
        chromium.get(application.loginUrl(env, "order"));
        Phone.waitFor(chromium, d -> !d.findElements(By.id("school-esia-role-parent")).isEmpty());
        Phone.assertFitsWidth(chromium, "ESIA-first login page");
        Phone.screenshot(chromium, "pages-01-esia-first");
        // ESIA-first (the default): «Вход для родителей» before the five selects.
        assertTrue(top("school-esia-role-staff") < top("schoolRegion"), "the role buttons come before the organisation cascade");
        assertTrue(top("school-esia-role-parent") < Phone.HEIGHT, "«Вход для родителей» is on the first screen");
        assertEachButtonWithItsForm();

        // An admin may put the password form first (Authentication → the flow → ⚙ of the step).
        String config = setLoginOrder(env, "password-first");
        try {
            chromium.get(application.loginUrl(env, "order2"));
            Phone.waitFor(chromium, d -> !d.findElements(By.id("school-esia-role-parent")).isEmpty());
            Phone.screenshot(chromium, "pages-02-password-first");
            assertTrue(top("kc-login") < top("school-esia-role-parent"), "password first: «ВОЙТИ» before Госуслуги");
            assertEachButtonWithItsForm();
        } finally {
            env.admin().delete(REALM + "/authentication/config/" + config);
        }
    }

    private static void assertEachButtonWithItsForm() {
        WebElement form = chromium.findElement(By.id("kc-form-login"));
        assertEquals(1, form.findElements(By.id("kc-login")).size(), "«ВОЙТИ» submits the password form");
        assertTrue(form.findElements(By.cssSelector("#school-esia-roles, .school-esia-role")).isEmpty(),
                "the Госуслуги buttons are not inside the password form");
        // «ВОЙТИ» directly under the password: nothing of Госуслуги between them.
        int password = top("password");
        int login = top("kc-login");
        assertTrue(password < login);
        for (WebElement role : chromium.findElements(By.cssSelector(".school-esia-role"))) {
            int y = role.getRect().getY();
            assertFalse(y > password && y < login, "«" + role.getText() + "» sits between the password and «ВОЙТИ»");
        }
        assertEquals("ВОЙТИ", chromium.findElement(By.id("kc-login")).getText());
    }

    @Test
    void r_esia_2_declineAtGosuslugiBringsACalmNoteAndAStaleReloadOffersAFreshStart(TestEnvironment env) {
        chromium.get(application.loginUrl(env, "decline"));
        Phone.waitFor(chromium, d -> !d.findElements(By.id("school-esia-role-parent")).isEmpty());
        chromium.findElement(By.id("school-esia-role-parent")).click();
        Phone.waitFor(chromium, d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        chromium.findElement(By.id("deny")).click();
        Phone.waitFor(chromium, d -> !d.findElements(By.id("school-esia-roles")).isEmpty());
        Phone.assertFitsWidth(chromium, "login page after «Отказаться»");
        Phone.screenshot(chromium, "pages-03-declined");
        String page = chromium.findElement(By.tagName("body")).getText();
        assertFalse(page.contains("Доступ запрещен"), page);
        assertTrue(chromium.findElements(By.cssSelector(".pf-v5-c-alert.pf-m-danger")).isEmpty(), "no red alert: " + page);
        List<WebElement> notes = chromium.findElements(By.cssSelector(".pf-v5-c-alert.pf-m-info"));
        assertEquals(1, notes.size(), page);
        assertEquals("Вход через Госуслуги отменен. Выберите способ входа.", notes.get(0).getText().trim());

        // Reloading that address (the answer of Госуслуги was used once): no dead end, no button that is not there.
        chromium.navigate().refresh();
        Phone.waitFor(chromium, d -> !d.findElements(By.id("kc-error-message")).isEmpty());
        Phone.assertFitsWidth(chromium, "stale Госуслуги answer");
        Phone.screenshot(chromium, "pages-04-stale-esia-answer");
        String stale = chromium.findElement(By.tagName("body")).getText();
        assertFalse(stale.contains("Вход с учетной записью портала Госуслуг"), stale);
        startAgain();
    }

    @Test
    void expiredLoginPageOffersStartAgainWithTheRealLabels(TestEnvironment env) {
        chromium.get(application.loginUrl(env, "expired"));
        Phone.waitFor(chromium, d -> !d.findElements(By.id("kc-form-login")).isEmpty());
        // A tab left on a step the login has moved past (Keycloak's "page has expired"): the
        // step's address, without its one-time code, naming an execution that is no longer current.
        String action = chromium.findElement(By.id("kc-form-login")).getAttribute("action");
        String stale = action.replaceAll("([?&])session_code=[^&]*&?", "$1")
                .replaceAll("execution=[^&]*", "execution=" + java.util.UUID.randomUUID());
        chromium.get(stale);
        Phone.waitFor(chromium, d -> d.findElements(By.id("kc-form-login")).isEmpty());
        Phone.assertFitsWidth(chromium, "expired page");
        Phone.screenshot(chromium, "pages-05-expired");
        String page = chromium.findElement(By.tagName("body")).getText();
        assertFalse(page.contains("Нажмите здесь"), page);
        assertTrue(page.contains("Страница входа устарела"), page);
        startAgain();
    }

    /** «Начать вход заново» leads to the login page, with Госуслуги ready. */
    private static void startAgain() {
        WebElement restart = chromium.findElement(By.id("school-restart-login"));
        assertEquals("Начать вход заново", restart.getText().trim());
        restart.click();
        Phone.waitFor(chromium, d -> !d.findElements(By.id("school-esia-role-parent")).isEmpty());
        assertTrue(chromium.findElements(By.cssSelector(".pf-v5-c-alert.pf-m-danger")).isEmpty(),
                chromium.findElement(By.tagName("body")).getText());
    }

    @Test
    void r_org_2_cascadeDropsAutomaticChoicesOfAnotherSettlementAndShowsLongNamesInFull(TestEnvironment env) {
        chromium.get(application.loginUrl(env, "cascade"));
        Phone.waitFor(chromium, d -> !d.findElements(By.id("schoolMunicipality")).isEmpty());
        choose("schoolMunicipality", "Корсаковский городской округ");
        // Корсаков has one school: settlement, type and organisation follow, and say so.
        assertEquals("Корсаков, г.", chosen("schoolSettlement"));
        assertEquals("Общеобразовательная", chosen("schoolType"));
        assertEquals("МАОУ СОШ № 2 г. Корсакова", chosen("organization"));
        assertTrue(chromium.findElement(By.id("organization-auto")).isDisplayed(), "the automatic choice is visible");
        Phone.screenshot(chromium, "pages-06-cascade-korsakov");

        // Another district: what was chosen for Корсаков by itself goes; nothing is picked for the person.
        choose("schoolMunicipality", "Городской округ Южно-Сахалинск");
        assertEquals("Южно-Сахалинск, г.", chosen("schoolSettlement"));
        assertEquals("Выберите…", chosen("schoolType"));
        assertEquals("Выберите…", chosen("organization"));
        assertFalse(chromium.findElement(By.id("organization-auto")).isDisplayed());
        Phone.screenshot(chromium, "pages-07-cascade-another-district");

        // A long name, chosen, is readable in full at 390 px.
        choose("schoolType", "Дополнительное образование детей");
        assertEquals("Выберите…", chosen("organization"), "two ОДО: the person chooses");
        choose("organization", LONG_NAME);
        WebElement full = chromium.findElement(By.id("organization-chosen"));
        assertTrue(full.isDisplayed());
        assertEquals(LONG_NAME, full.getText().trim());
        Object cut = ((JavascriptExecutor) chromium).executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth;", full);
        assertTrue(((Number) cut).intValue() <= 0, "the chosen name is cut by " + cut + " px");
        // A short name fits its select and is not repeated.
        assertFalse(chromium.findElement(By.id("schoolSettlement-chosen")).isDisplayed());
        Phone.assertFitsWidth(chromium, "long organisation name");
        Phone.screenshot(chromium, "pages-08-cascade-long-name");
    }

    private static String setLoginOrder(TestEnvironment env, String order) {
        String flow = URLEncoder.encode("school browser forms", StandardCharsets.UTF_8).replace("+", "%20");
        for (JsonNode execution : env.admin().get(REALM + "/authentication/flows/" + flow + "/executions")) {
            if ("school-organisation-password-form".equals(execution.path("providerId").asText())) {
                String location = env.admin().post(REALM + "/authentication/executions/" + execution.get("id").asText() + "/config",
                        Map.of("alias", "school login order", "config", Map.of("schoolLoginOrder", order)));
                return location.substring(location.lastIndexOf('/') + 1);
            }
        }
        throw new AssertionError("no school-organisation-password-form step in 'school browser forms'");
    }

    private static int top(String id) {
        return chromium.findElement(By.id(id)).getRect().getY();
    }

    private static void choose(String select, String visibleText) {
        new Select(chromium.findElement(By.id(select))).selectByVisibleText(visibleText);
    }

    private static String chosen(String select) {
        return new Select(chromium.findElement(By.id(select))).getFirstSelectedOption().getText();
    }
}
