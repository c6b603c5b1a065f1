package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Seed 003 on a phone: Debian's Chromium, headless at 390×844. A parent chooses «Вход для
 * родителей», picks himself at the ESIA emulator, presses «Привязать учетную запись», goes through
 * the organisation cascade, types his school login and password, «Войти», and lands in the
 * application; after the cut-off the page explains that a responsible employee links instead, and
 * once a staff member has linked him he goes straight in. A confirmed student is linked by SNILS
 * without any page of ours; a staff member with two accounts chooses one.
 * Screenshots land in target/screenshots.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EsiaAccountBrowserIT {

    private static final String REALM = "/realms/" + DemoRealm.NAME;
    /** Кузнецов Андрей's account (kuznetsov.andrey) and the SNILS his ESIA account carries. */
    private static final String ANDREY = "00000000-0000-4000-8000-000000000020";
    private static final String ANDREY_ESIA_SNILS = "19876543247";

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

    @Test
    @Order(4)
    void r_link_2_confirmedStudentIsLinkedBySnilsAndGoesStraightIn(TestEnvironment env) {
        // The demo realm links by SNILS: Иванов Пётр's confirmed ESIA SNILS is on ivanov.petr's card.
        String petr = env.admin().get(REALM + "/users?exact=true&username=ivanov.petr").get(0).get("id").asText();
        chromium.get(application.loginUrl(env, "snils-1"));
        assertEquals("Вход для учащихся", chromium.findElement(By.id("school-esia-role-student")).getText());
        chromium.findElement(By.id("school-esia-role-student")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        chromium.findElement(By.id("person-1000000002")).click();

        // No page of ours on the way: straight from the emulator into the application.
        waitFor(d -> d.getCurrentUrl().startsWith(application.callback()) || !d.findElements(By.id("school-esia-account")).isEmpty());
        screenshot("link-06-snils-application-signed-in");
        assertTrue(chromium.getCurrentUrl().startsWith(application.callback()),
                "expected the application, got " + chromium.getCurrentUrl() + ": " + chromium.findElement(By.tagName("body")).getText());
        assertEquals("Дневник: вход выполнен", chromium.findElement(By.id("signed-in")).getText());
        assertTrue(application.receivedCode() != null && !application.receivedCode().isEmpty(), "the application received a code");
        assertEquals(1, env.admin().get(REALM + "/users/" + petr + "/sessions").size(), "the session is ivanov.petr's");
        boolean bySnils = false;
        for (JsonNode event : env.admin().get(REALM + "/events?max=100&type=FEDERATED_IDENTITY_LINK")) {
            bySnils |= petr.equals(event.path("userId").asText()) && "1000000002".equals(event.path("details").path("esia_oid").asText())
                    && "snils".equals(event.path("details").path("link_method").asText());
        }
        assertTrue(bySnils, "no SNILS link event for ivanov.petr");
    }

    @Test
    @Order(5)
    void r_esia_2_staffMemberWithTwoAccountsChoosesOnThePhone(TestEnvironment env) {
        // Смирнов Олег (ESIA 1000000003, staff account smirnov.oleg at СОШ № 2 Корсаков) gets a second
        // staff account at ДДЮТ, linked to him as a realm admin links in the admin console.
        String second = EsiaAccountLinkIT.createAccount(env, "smirnov.ddut", "staff", "ddut-ys", "Олег", "Смирнов", "1979-02-17", Map.of());
        env.admin().post(REALM + "/users/" + second + "/federated-identity/esia",
                Map.of("identityProvider", "esia", "userId", "1000000003", "userName", "esia-1000000003"));
        String oleg = env.admin().get(REALM + "/users?exact=true&username=smirnov.oleg").get(0).get("id").asText();

        chromium.get(application.loginUrl(env, "chooser-1"));
        assertEquals("Вход для педагогов и сотрудников", chromium.findElement(By.id("school-esia-role-staff")).getText());
        chromium.findElement(By.id("school-esia-role-staff")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        chromium.findElement(By.id("person-1000000003")).click();

        waitForPage("chooser");
        assertFitsPhoneWidth("account chooser");
        assertEverythingInsideTheScreen("account chooser");
        screenshot("link-07-chooser");
        assertEquals("Выберите учетную запись", chromium.findElement(By.id("kc-page-title")).getText().trim());
        List<WebElement> accounts = chromium.findElements(By.cssSelector("button[id^=school-esia-account-]"));
        assertEquals(2, accounts.size(), chromium.findElement(By.tagName("body")).getText());
        List<String> organisations = accounts.stream().map(b -> b.findElement(By.className("school-esia-account-org")).getText().trim()).toList();
        assertTrue(organisations.contains("МАУДО ДДЮТ г.Южно-Сахалинск"), organisations.toString());
        assertTrue(organisations.contains("МАОУ СОШ № 2 г. Корсакова"), organisations.toString());
        WebElement ddut = accounts.get(organisations.indexOf("МАУДО ДДЮТ г.Южно-Сахалинск"));
        assertEquals(second, ddut.getAttribute("value"));
        assertTrue(ddut.getText().contains("smirnov.ddut"), ddut.getText());
        ddut.click();

        waitFor(d -> d.getCurrentUrl().startsWith(application.callback()));
        screenshot("link-08-chooser-application-signed-in");
        assertEquals("Дневник: вход выполнен", chromium.findElement(By.id("signed-in")).getText());
        assertTrue(application.receivedCode() != null && !application.receivedCode().isEmpty(), "the application received a code");
        // He entered the account he chose.
        assertEquals(1, env.admin().get(REALM + "/users/" + second + "/sessions").size(), "the session is smirnov.ddut's");
        assertEquals(0, env.admin().get(REALM + "/users/" + oleg + "/sessions").size(), "smirnov.oleg was not entered");
    }

    @Test
    @Order(6)
    void r_link_4_afterTheCutoffTheStaffLinksAndTheParentThenGoesStraightIn(TestEnvironment env) throws Exception {
        // A fresh realm: Кузнецов Андрей (1000000006) linked himself in the first test.
        env.resetRealm();
        application.close();
        application = DiaryApplication.start(env);
        StaffApi staff = new StaffApi(env);
        staff.createTestClient();
        stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.DEMO_CUTOFF));

        chromium.get(application.loginUrl(env, "staff-link-1"));
        chromium.findElement(By.id("school-esia-role-parent")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        chromium.findElement(By.id("person-1000000006")).click();
        waitForPage("unidentified");
        assertFitsPhoneWidth("unidentified page of an unlinked parent after the cut-off");
        assertEverythingInsideTheScreen("unidentified page of an unlinked parent after the cut-off");
        screenshot("link-09-unlinked-after-cutoff");
        assertTrue(chromium.findElements(By.id("school-esia-show-link")).isEmpty(), "no «Привязать учетную запись» after the cut-off");
        String closed = chromium.findElement(By.id("school-esia-self-link-closed")).getText();
        assertTrue(closed.contains("ответственный сотрудник"), closed);

        // The methodologist of ДДЮТ fills the card's SNILS (a direct link needs it) and links ESIA person 1000000006.
        String andreyPath = REALM + "/users/" + ANDREY;
        ObjectNode andrey = (ObjectNode) env.admin().get(andreyPath);
        ((ObjectNode) andrey.get("attributes")).putArray("snils").add(ANDREY_ESIA_SNILS);
        env.admin().put(andreyPath, andrey);
        HttpResponse<String> linked = staffPut(staff, "metodist.ddut", "/people/" + ANDREY + "/esia-link", "{\"esiaOid\":\"1000000006\"}");
        assertEquals(200, linked.statusCode(), linked.body());
        assertEquals("linked", StaffApi.json(linked).get("status").asText(), linked.body());
        assertEquals("staff", StaffApi.json(linked).get("method").asText(), linked.body());

        chromium.manage().deleteAllCookies();
        chromium.get(application.loginUrl(env, "staff-link-2"));
        chromium.findElement(By.id("school-esia-role-parent")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        chromium.findElement(By.id("person-1000000006")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(application.callback()) || !d.findElements(By.id("school-esia-account")).isEmpty());
        screenshot("link-10-staff-linked-application-signed-in");
        assertTrue(chromium.getCurrentUrl().startsWith(application.callback()),
                "expected the application, got " + chromium.getCurrentUrl() + ": " + chromium.findElement(By.tagName("body")).getText());
        assertEquals("Дневник: вход выполнен", chromium.findElement(By.id("signed-in")).getText());
        assertEquals(1, env.admin().get(andreyPath + "/sessions").size(), "the session is kuznetsov.andrey's");
        HttpResponse<String> status = staff.get("metodist.ddut", "/people/" + ANDREY + "/esia-link");
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("staff", StaffApi.json(status).get("method").asText(), "still the staff link: " + status.body());
    }

    private static void waitForPage(String page) {
        waitFor(d -> !d.findElements(By.cssSelector("#school-esia-account[data-page=" + page + "]")).isEmpty());
    }

    private static void stepConfig(TestEnvironment env, Map<String, String> changes) {
        EsiaAccountLinkIT.stepConfig(env, changes);
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

    /** Every element of our page ends inside the 390 px screen. */
    private static void assertEverythingInsideTheScreen(String what) {
        Object widest = ((JavascriptExecutor) chromium).executeScript(
                "return Math.max(...Array.from(document.querySelectorAll('#school-esia-account *')).map(e => e.getBoundingClientRect().right));");
        assertTrue(((Number) widest).doubleValue() <= Phone.WIDTH, what + ": something ends at " + widest + " px");
    }

    /** A PUT to the staff REST API as the staff page sends it. */
    private static HttpResponse<String> staffPut(StaffApi staff, String asUser, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(staff.base() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("Accept-Language", "ru")
                .header("Authorization", "Bearer " + staff.token(asUser)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
