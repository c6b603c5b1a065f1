package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.schoolesia.it.pages.personal.PersonalPage;
import org.schoolesia.it.pages.personal.Screen;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * «Персональные настройки» in Chromium (issue 11), at 390 px and 1280 px, in Russian and English:
 * a linked parent, an unlinked mother with a pending and a rejected request, a pupil; each page
 * fits its width, passes axe-core without serious or critical violations, and is kept as a
 * screenshot (target/screenshots/personal-*.png). Reached from another school application's session
 * without signing in again; Keycloak's account console lists it.
 */
@ExtendWith(KeycloakExtension.class)
class PersonalPageIT {

    /** What a person picks on the login-by-organisation form (R-ORG-2) for school № 1, by option value or text. */
    static final Set<String> SOSH_1 = Set.of("sosh-1-ys", "МАОУ СОШ № 1 г. Южно-Сахалинска", "Сахалинская обл",
            "Городской округ Южно-Сахалинск", "Южно-Сахалинск, г.", "school", "Общеобразовательная");
    private static final Map<String, Screen> SCREENS = new LinkedHashMap<>();
    private static TestEnvironment env;
    private static String pageUrl;
    private static PersonalFixtures.Requests filed;

    @BeforeAll
    static void start(TestEnvironment environment) throws Exception {
        env = environment;
        env.resetRealm();
        pageUrl = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/personal/";
        filed = PersonalFixtures.unlinkedMotherWithTwoRequests(env);
        PersonalFixtures.pupilInClass(env, "ivanov.petr", "sosh-1-ys", "5Б");
    }

    @AfterAll
    static void stop() {
        SCREENS.values().forEach(Screen::close);
        SCREENS.clear();
    }

    static Stream<Arguments> screens() {
        return Stream.of(Arguments.of(Screen.PHONE, "ru"), Arguments.of(Screen.PHONE, "en"),
                Arguments.of(Screen.DESKTOP, "ru"), Arguments.of(Screen.DESKTOP, "en"));
    }

    @ParameterizedTest(name = "{0} px, {1}")
    @MethodSource("screens")
    void linkedParentSeesHerGosuslugiLinkMaskedAndHerOrganisations(int width, String language) {
        Screen screen = screen(width, language);
        PersonalPage page = signedIn(screen, "ivanova.maria");
        boolean ru = language.equals("ru");
        assertEquals(ru ? "Персональные настройки" : "Personal settings", page.heading());
        assertTrue(page.personLine().startsWith("Иванова Мария Петровна"), page.personLine());
        assertTrue(page.personLine().contains(ru ? "Родитель (законный представитель)" : "Parent (legal representative)"), page.personLine());
        assertEquals(List.of("esia", "requests", "organisations", "children", "child-access", "certificate"), page.sectionIds());
        assertEquals(ru ? List.of("Госуслуги", "Мои обращения", "Мои организации", "Мои дети", "Доступ для учеников до 14 лет",
                        "Сертификат дополнительного образования")
                : List.of("Gosuslugi", "My requests", "My organisations", "My children", "Access for pupils under 14",
                        "Supplementary education certificate"),
                page.sectionTitles());
        PersonalPage.Esia esia = page.esia();
        assertEquals("linked", esia.status());
        assertEquals(ru ? "Учетная запись Госуслуг привязана" : "Your Gosuslugi account is linked", esia.statusText());
        assertEquals("*******001", esia.oidMasked());
        assertNull(esia.howTo());
        assertTrue(page.esiaText().contains(ru ? "Перенесена при настройке системы" : "Carried over when the system was set up"), page.esiaText());
        assertFalse(screen.driver().getPageSource().contains("1000000001"), "never the oid in full");
        assertEquals(List.of(), page.requests());
        assertTrue(page.requestsText().contains(ru ? "Обращений в организации нет." : "You have sent no requests to organisations."));
        List<PersonalPage.Organisation> orgs = page.organisations();
        assertEquals(List.of("sosh-1-ys", "ddut-ys", "ds-15-ys"), orgs.stream().map(PersonalPage.Organisation::alias).toList(),
                "home first, then by name");
        assertTrue(orgs.get(0).home());
        assertTrue(orgs.get(0).text().contains(ru ? "Основная организация" : "Home organisation"), orgs.get(0).text());
        checkedAndKept(screen, page, "personal-linked-parent");
    }

    @ParameterizedTest(name = "{0} px, {1}")
    @MethodSource("screens")
    void unlinkedMotherSeesHowToGetLinkedHerPendingRequestAndTheRejectionComment(int width, String language) {
        Screen screen = screen(width, language);
        PersonalPage page = signedIn(screen, PersonalFixtures.UNLINKED_MOTHER);
        boolean ru = language.equals("ru");
        PersonalPage.Esia esia = page.esia();
        assertEquals("none", esia.status());
        assertEquals(ru ? "Учетная запись Госуслуг не привязана" : "No Gosuslugi account is linked", esia.statusText());
        assertNull(esia.oidMasked());
        assertTrue(esia.howTo().contains(ru ? "«Обратиться в организацию»" : "\"Contact the organisation\""), esia.howTo());

        List<PersonalPage.Request> requests = page.requests();
        assertEquals(List.of(filed.pending(), filed.rejected()), requests.stream().map(PersonalPage.Request::number).toList(), "newest first");
        PersonalPage.Request pending = requests.get(0);
        assertEquals(ru ? "Ожидает рассмотрения" : "Waiting for a decision", pending.statusText());
        assertNull(pending.comment());
        assertTrue(pending.text().contains("МАУДО ДДЮТ г.Южно-Сахалинск"), pending.text());
        assertTrue(pending.text().contains(ru ? "Обращение № " + filed.pending() : "Request No. " + filed.pending()), pending.text());
        PersonalPage.Request rejected = requests.get(1);
        assertEquals("rejected", rejected.status());
        assertEquals(ru ? "Отклонено" : "Rejected", rejected.statusText());
        assertEquals(PersonalFixtures.REJECTION, rejected.comment(), "the staff comment as text, markup characters and all");
        assertTrue(rejected.text().contains("Соколова Вера") && rejected.text().contains("1А"), rejected.text());
        assertTrue(screen.driver().findElements(By.cssSelector("#requests b, #requests script")).isEmpty());
        assertFalse(screen.driver().getPageSource().contains("17654321985"), "no SNILS on the page");
        checkedAndKept(screen, page, "personal-unlinked-requests");
        page.scrollToRequest(filed.rejected());
        screen.screenshot("personal-unlinked-rejected");
    }

    @ParameterizedTest(name = "{0} px, {1}")
    @MethodSource("screens")
    void pupilSeesHisSchoolAndClass(int width, String language) {
        Screen screen = screen(width, language);
        PersonalPage page = signedIn(screen, "ivanov.petr");
        boolean ru = language.equals("ru");
        assertTrue(page.personLine().contains(ru ? "Обучающийся" : "Pupil"), page.personLine());
        List<PersonalPage.Organisation> orgs = page.organisations();
        assertEquals("sosh-1-ys", orgs.get(0).alias());
        assertEquals("5Б", orgs.get(0).classes());
        assertEquals("ddut-ys", orgs.get(1).alias(), "the ОДО that enrolled him (R-ODO-1)");
        assertFalse(orgs.get(1).home());
        assertEquals("none", page.esia().status());
        checkedAndKept(screen, page, "personal-pupil");
    }

    /**
     * Keycloak's account console (account theme {@code school}) lists «Персональные настройки» before
     * its own groups (keycloak.v3 finds a module only among the items before the first group) and
     * loads our module, which links to the page and fetches nothing.
     */
    @Test
    void theAccountConsoleMenuLinksToThePage() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String console = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                env.keycloak().realmUrl(DemoRealm.NAME) + "/account/")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher icon = java.util.regex.Pattern.compile("href=\"([^\"]+)/favicon\\.svg\"").matcher(console);
        assertTrue(icon.find(), "the console's resource URL: " + console);
        String resources = env.keycloak().baseUrl() + icon.group(1).replaceFirst("^https?://[^/]+", "");
        assertTrue(resources.contains("/account/school"), "the realm's account theme is school: " + resources);
        var content = StaffApi.json(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(resources + "/content.json")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("personalInfo", content.get(0).get("label").asText());
        assertEquals("schoolPersonalSettings", content.get(1).get("label").asText());
        assertEquals("content/:componentId", content.get(1).get("path").asText(), "keycloak.v3 finds the module by this parameter");
        assertEquals("accountSecurity", content.get(2).get("label").asText(), "Keycloak's items stay");
        String module = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(resources + content.get(1).get("modulePath").asText()))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(module.contains("export default function") && module.contains("/school/personal/"), module);
        assertFalse(module.contains("fetch("), "links, never fetches: it holds no token for our API");
    }

    /**
     * The same path a person takes in Chromium: signed in to Keycloak's account console (the demo's
     * accounts hold the realm's default roles, manage-account among them), the menu item
     * «Персональные настройки», its button, and the page, with no second login.
     */
    @Test
    void fromTheAccountConsoleMenuToThePageWithoutSigningInAgain() {
        Screen screen = screen(Screen.DESKTOP, "ru");
        String console = env.keycloak().realmUrl(DemoRealm.NAME) + "/account/";
        signedInAt(screen, console, "ivanova.maria");
        screen.waitFor(d -> !d.findElements(By.linkText("Персональные настройки")).isEmpty());
        screen.driver().findElement(By.linkText("Персональные настройки")).click();
        screen.waitFor(d -> !d.findElements(By.id("school-personal-open")).isEmpty());
        screen.screenshot("personal-account-console-item");
        assertTrue(screen.driver().findElements(By.xpath("//*[contains(text(), 'пошло не так')]")).isEmpty(),
                "the console shows its error page");
        screen.driver().findElement(By.id("school-personal-open")).click();
        PersonalPage page = new PersonalPage(screen, pageUrl).waitShown();
        assertTrue(screen.driver().getCurrentUrl().startsWith(pageUrl), screen.driver().getCurrentUrl());
        assertTrue(page.personLine().startsWith("Иванова Мария Петровна"), page.personLine());
        screen.screenshot("personal-from-account-console");
        // «Приложения» lists the page too (client school-personal, always displayed) as a link to open.
        screen.driver().get(console + "applications");
        By item = By.xpath("//*[@data-testid='applications-list-item'][.//*[@id='toggle-school-personal']]");
        screen.waitFor(d -> !d.findElements(item).isEmpty());
        assertTrue(screen.driver().findElement(item).getText().contains("Персональные настройки"),
                screen.driver().findElement(item).getText());
    }

    /** Signed in to another school application (the staff console, client school-staff): the documented URL opens at once. */
    @Test
    void anotherApplicationsSessionOpensThePageDirectly() {
        Screen screen = screen(Screen.PHONE, "ru");
        signedInAt(screen, env.keycloak().realmUrl(DemoRealm.NAME) + "/school/staff-page/", "zavuch.sosh1");
        PersonalPage page = new PersonalPage(screen, pageUrl).open().waitShown();
        assertTrue(page.isShowing(), "no login form in between");
        assertTrue(page.personLine().startsWith("Петрова Елена Николаевна"), page.personLine());
        assertTrue(page.personLine().contains("Сотрудник"), page.personLine());
        assertTrue(page.esia().howTo().contains("администратор"), page.esia().howTo());
        checkedAndKept(screen, page, "personal-staff");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A fresh login as {@code username} (password at school № 1, R-ORG-2) to the application at {@code url}. */
    private static void signedInAt(Screen screen, String url, String username) {
        screen.forgetSession();
        screen.driver().get(url);
        StaffPageLogin.logIn(screen.driver(), env, url, SOSH_1, username, () -> { });
    }

    private static Screen screen(int width, String language) {
        return SCREENS.computeIfAbsent(width + "-" + language, k -> Screen.start(width, language));
    }

    /** A fresh login as {@code username} (password at school № 1, R-ORG-2), then the page with its sections. */
    private static PersonalPage signedIn(Screen screen, String username) {
        screen.forgetSession();
        PersonalPage page = new PersonalPage(screen, pageUrl).open();
        StaffPageLogin.logIn(screen.driver(), env, pageUrl, SOSH_1, username, () -> { });
        return page.waitShown();
    }

    private static void checkedAndKept(Screen screen, PersonalPage page, String name) {
        assertEquals(screen.width(), screen.viewportWidth(), "viewport");
        assertTrue(screen.sidewaysOverflow() <= 0, name + " scrolls sideways by " + screen.sidewaysOverflow() + " px");
        screen.screenshot(name);
        assertEquals(List.of(), page.seriousAccessibilityViolations(), name + ": axe-core");
    }
}
