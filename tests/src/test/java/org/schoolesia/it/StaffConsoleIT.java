package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.staff.Accessibility;
import org.schoolesia.it.pages.staff.Dialog;
import org.schoolesia.it.pages.staff.Enrolment;
import org.schoolesia.it.pages.staff.PeopleList;
import org.schoolesia.it.pages.staff.PersonCard;
import org.schoolesia.it.pages.staff.StaffConsole;
import org.schoolesia.it.pages.Viewport;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The staff console (R-ODO-1..3, R-LINK-4) in Chromium, at 390 px and 1280 px, in Russian and in
 * English: the ОДО's методист lists students, opens a card, issues a password (typed, and
 * generated and shown once), is told what the card lacks to allow the Госуслуги link, is told whom to contact for
 * a school's child, enrols by quick entry and sees an import refused row by row; a parent is
 * turned away; logout ends the session. axe-core checks each state; every dialog is used by
 * keyboard alone. Screenshots: target/screenshots/staff-console-{width}-{language}-*.png.
 */
@ExtendWith(KeycloakExtension.class)
class StaffConsoleIT {

    static final String CSP = "default-src 'self'; connect-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; frame-ancestors 'none'";
    private static final String DDUT = "МАУДО ДДЮТ г.Южно-Сахалинск";
    private static final String SOSH_1 = "МАОУ СОШ № 1 г. Южно-Сахалинска";
    /** What a person picks on a login-by-organisation form (R-ORG-2) to reach the ОДО, by option value or text. */
    static final Set<String> DDUT_CHOICES = Set.of("ddut-ys", DDUT, "Сахалинская обл", "Городской округ Южно-Сахалинск",
            "Южно-Сахалинск, г.", "supplementary", "Дополнительное образование детей");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static String page;

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        page = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/staff-page/";
    }

    static Stream<Viewport> viewports() {
        return Viewport.covering().stream();
    }

    @Test
    void pageFilesComeWithStrictHeadersAndNothingElseIsServed() throws Exception {
        HttpResponse<String> index = get(page);
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(List.of(CSP), index.headers().allValues("Content-Security-Policy"), "ours, not the realm's login-page policy");
        assertEquals("DENY", index.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-store", index.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertFalse(index.body().contains("<script>"), "no inline script: the policy forbids it");
        assertFalse(index.body().contains("style="), "no inline style: the policy forbids it");
        assertTrue(index.body().contains("<script type=\"module\" src=\"main.js\"></script>"));

        for (String module : List.of("main.js", "people.js", "enrolment.js", "esia-link.js", "requests.js", "payloads.js", "family.js")) {
            HttpResponse<String> script = get(page + module);
            assertEquals(200, script.statusCode(), module);
            assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), module);
            assertFalse(script.body().contains("innerHTML"), module + ": data goes in as text only");
            assertFalse(java.util.regex.Pattern.compile("'[^'\\n]*[А-Яа-яЁё][^'\\n]*'").matcher(script.body()).find(),
                    module + ": every Russian text lives in the message bundles, none in the script");
        }
        assertEquals(200, get(page + "staff.css").statusCode());

        HttpResponse<String> bare = get(page.substring(0, page.length() - 1));
        assertEquals(301, bare.statusCode(), "without the slash the page's relative links would break");
        assertTrue(bare.headers().firstValue("Location").orElse("").endsWith("/school/staff-page/"));
        for (String bad : List.of("%2e%2e/%2e%2e/META-INF/beans.xml", "..%2F..%2FMETA-INF%2Fbeans.xml", "missing.js",
                "main.js.bak", "META-INF/beans.xml", "org/schoolesia/school/api/PageResource.class", "staff.js")) {
            int status = get(page + bad).statusCode();
            assertTrue(status == 404 || status == 400, bad + " → " + status);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("viewports")
    void methodistListsOpensACardAndIssuesAPassword(Viewport v, TestEnvironment env) throws Exception {
        WebDriver chromium = v.start();
        try {
            StaffConsole console = logIn(chromium, env, v, "metodist.ddut");
            assertEquals(DDUT, console.organisation());
            assertEquals(v.language(), console.language(), "the console follows Keycloak's choice of language");
            assertEquals("parents", console.currentNav());
            v.assertFits(chromium, "parents");
            shot(chromium, v, "01-parents");
            Accessibility.assertNoSeriousViolations(chromium, "parents " + v);

            PeopleList students = console.people("students");
            assertEquals(v.text("Список учеников", "Students"), students.heading());
            assertEquals(v.text("Все ученики", "All students"), students.statusFilter());
            assertEquals("50", students.pageSize());
            assertTrue(students.rows().contains("Кузнецов Илья"), students.rows());
            assertTrue(students.rows().contains("Иванов Пётр"), "a child enrolled from the school is listed too");
            v.assertFits(chromium, "students");
            shot(chromium, v, "02-students");
            Accessibility.assertNoSeriousViolations(chromium, "students " + v);

            students.search("Кузн");
            assertFalse(students.rows().contains("Иванов"), students.rows());
            PersonCard card = students.open("Кузнецов Илья");
            assertEquals(v.text("Сведения об ученике: ", "Student: ") + "Кузнецов Илья Андреевич", card.title());
            assertEquals("kuznetsov.ilya", card.login());
            assertTrue(card.facts().contains(v.text("02.04.2015", "04/02/2015")), card.facts());
            assertTrue(card.facts().contains(v.text("Мужской", "Male")), card.facts());
            assertTrue(card.relatives().contains("Кузнецов Андрей Викторович"), card.relatives());
            assertTrue(card.canChangePassword());
            assertEquals("", card.credentialsElsewhere());
            v.assertFits(chromium, "card");
            shot(chromium, v, "03-card");
            Accessibility.assertNoSeriousViolations(chromium, "card " + v);

            // Keyboard only: Enter opens, focus starts in «Новый пароль», Tab stays inside, Esc closes and forgets.
            card.changePasswordButton().sendKeys(org.openqa.selenium.Keys.ENTER);
            Dialog password = card.dialog();
            assertEquals("password-new", chromium.switchTo().activeElement().getDomAttribute("id"), "the dialog starts in «Новый пароль»");
            assertTrue(password.field("password-temporary").isSelected(), "«Пользователь должен сменить пароль…» is ticked");
            password.field("password-new").sendKeys("typed-but-cancelled");
            Accessibility.assertNoSeriousViolations(chromium, "password dialog " + v);
            Accessibility.assertDialogKeyboard(chromium, card.changePasswordButton(), 8);

            Dialog again = card.changePassword();
            assertEquals("", again.field("password-new").getDomProperty("value"), "nothing typed is kept after Esc");
            again.type("password-new", "Secret-pass-1").type("password-confirm", "Secret-pass-2");
            assertEquals(v.text("Пароли не совпадают", "The passwords do not match"), again.clickExpectingError("password-save"));
            v.assertFits(chromium, "password dialog");
            shot(chromium, v, "04-password-mismatch");
            again.type("password-new", "Short-1").type("password-confirm", "Short-1");
            again.click("password-save");
            Viewport.waitFor(chromium, d -> again.error().contains(v.text("не менее 8 символов", "at least 8 characters")));
            again.type("password-new", "Secret-pass-1").type("password-confirm", "Secret-pass-1");
            again.clickClosing("password-save");
            Viewport.waitFor(chromium, d -> console.toasts().stream().anyMatch(t -> t.contains(
                    v.text("Пароль изменён. Передайте логин и пароль родителю (ученику).", "Password changed."))));
            shot(chromium, v, "05-password-changed");
            JsonNode child = env.admin().users(DemoRealm.NAME, "kuznetsov.ilya").get(0);
            assertTrue(child.get("requiredActions").toString().contains("UPDATE_PASSWORD"), "first login forces a new password");

            // A generated password is shown once, to hand over; closing forgets it.
            Dialog generate = card.changePassword();
            generate.click("password-generate");
            String generated = generate.field("password-new").getDomProperty("value");
            assertTrue(generated.length() >= 12 && generated.matches(".*[A-Z].*") && generated.matches(".*[a-z].*") && generated.matches(".*\\d.*"), generated);
            assertEquals(generated, generate.field("password-confirm").getDomProperty("value"));
            generate.click("password-save");
            Viewport.waitFor(chromium, d -> !d.findElements(By.id("issued-password")).isEmpty());
            Dialog issued = card.dialog();
            assertEquals(generated, issued.text("issued-password"));
            assertEquals("kuznetsov.ilya", issued.text("issued-login"));
            shot(chromium, v, "06-password-shown-once");
            Accessibility.assertNoSeriousViolations(chromium, "password shown once " + v);
            issued.clickClosing("issued-done");
            assertFalse(chromium.getPageSource().contains(generated), "the password is not kept in the page");

            // «Госуслуги (ЕСИА)» (R-LINK-4): allow the link, then withdraw the permission.
            assertTrue(card.hasEsiaSection(), "the home organisation links its own pupil");
            assertEquals(v.text("Не привязана", "Not linked"), card.esiaStatus());
            Dialog allow = card.esiaAction("esia-authorise");
            assertEquals(v.text("Разрешить привязку к Госуслугам", "Allow linking to Gosuslugi"), allow.title());
            Accessibility.assertNoSeriousViolations(chromium, "esia confirmation " + v);
            Accessibility.assertDialogKeyboard(chromium, card.esiaButton("esia-authorise"), 4);
            // The demo's imported child has no SNILS on the card: the server names what is missing, nothing changes.
            Dialog refused = card.esiaAction("esia-authorise");
            String missing = refused.clickExpectingError("esia-confirm");
            assertTrue(missing.startsWith(v.text("Заполните в карточке", "Fill in on the card")), missing);
            v.assertFits(chromium, "esia refusal");
            shot(chromium, v, "07-esia-card-incomplete");
            refused.clickClosing("esia-confirm-cancel");
            assertEquals(v.text("Не привязана", "Not linked"), card.esiaStatus());

            // R-ODO-2: a child enrolled from a school gets credentials there.
            PeopleList back = card.back();
            back.search("Иван");
            PersonCard school = back.open("Иванов Пётр");
            assertEquals(v.text("Сведения об ученике: ", "Student: ") + "Иванов Пётр Сергеевич", school.title());
            assertFalse(school.canChangePassword(), "no «Сменить пароль» for a school's child (R-ODO-2)");
            assertFalse(school.hasEsiaSection(), "the school links its pupil, not the ОДО");
            assertTrue(school.credentialsElsewhere().startsWith(v.text(
                    "Учетные данные выдаёт организация, где обучается ребёнок: обратитесь в ",
                    "Credentials are issued by the organisation where the child studies: contact ") + SOSH_1), school.credentialsElsewhere());
            assertTrue(school.relatives().contains("Иванова Мария Петровна"));
            v.assertFits(chromium, "card of a school's child");
            shot(chromium, v, "08-card-school-child");
            Accessibility.assertNoSeriousViolations(chromium, "card of a school's child " + v);
        } finally {
            chromium.quit();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("viewports")
    void methodistEnrolsByQuickEntryAndSeesABadImportRefused(Viewport v, TestEnvironment env) throws Exception {
        WebDriver chromium = v.start();
        try {
            Enrolment enrolment = logIn(chromium, env, v, "metodist.ddut").enrolment();
            assertEquals(v.text("Зачисление", "Enrolment"), enrolment.heading());
            assertTrue(enrolment.offersOtherOrganisations(), "an ОДО enrols pupils of other organisations (R-ODO-1)");
            String found = enrolment.searchOthers("Иванов", null);
            assertTrue(found.contains("Иванов Пётр Сергеевич"), found);
            assertTrue(found.contains(v.text("Уже зачислен", "Already enrolled")), found);
            v.assertFits(chromium, "enrolment");
            shot(chromium, v, "09-enrolment");
            Accessibility.assertNoSeriousViolations(chromium, "enrolment " + v);

            // One child per viewport: the runs do not meet.
            String first = switch (v.toString()) {
                case "390-ru" -> "Антон";
                case "390-en" -> "Борис";
                case "1280-ru" -> "Виктор";
                default -> "Глеб";
            };
            String outcome = enrolment.quickEntry("Тестов", first, "Ильич", "2016-05-04", "M", "Тестова", "Анна", "Ивановна", "1985-02-03", "F");
            assertTrue(outcome.contains(v.text("Учетные записи созданы", "Accounts created")), outcome);
            assertTrue(outcome.toLowerCase().contains("testov"), "the new logins, each a link to its card: " + outcome);
            shot(chromium, v, "10-quick-entry");

            Path csv = Files.createTempFile("import", ".csv");
            Files.writeString(csv, "Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС\nТестов;Дмитрий;Ильич;31.02.2016;М;\n", StandardCharsets.UTF_8);
            String refused = enrolment.importFile(csv);
            assertTrue(refused.contains(v.text("Строка 2", "Row 2")), refused);
            shot(chromium, v, "11-import-refused");
            Accessibility.assertNoSeriousViolations(chromium, "import refused " + v);
        } finally {
            chromium.quit();
        }
    }

    @Test
    void theLanguageSwitchRerendersAndIsKept(TestEnvironment env) throws Exception {
        Viewport v = Viewport.DESKTOP_RU;
        WebDriver chromium = v.start();
        try {
            StaffConsole console = logIn(chromium, env, v, "metodist.ddut");
            assertEquals("Список родителей", console.heading());
            console.switchLanguage("en", "Parents");
            assertEquals("Log out", chromium.findElement(By.id("logout")).getText());
            assertEquals("en", chromium.findElement(By.tagName("html")).getDomAttribute("lang"));
            shot(chromium, v, "12-switched-to-english");
            chromium.navigate().refresh();
            console.ready();
            assertEquals("Parents", console.heading(), "the choice is kept on this browser");
            console.switchLanguage("ru", "Список родителей");
        } finally {
            chromium.quit();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("viewports")
    void aParentIsTurnedAwayAndLogoutEndsTheSession(Viewport v, TestEnvironment env) throws Exception {
        WebDriver chromium = v.start();
        try {
            StaffConsole console = logIn(chromium, env, v, "metodist.ddut");
            console.logout();
            // The Keycloak session is gone: the console asks Keycloak, which shows its login form again.
            chromium.get(page);
            StaffPageLogin.logIn(chromium, env, page, DDUT_CHOICES, "ivanova.maria", () -> { });
            assertEquals(v.text("Доступно только сотрудникам образовательной организации.",
                    "Only staff of an educational organisation may do this."), console.problem());
            assertTrue(console.problemLogout().isDisplayed(), "«Выйти» is offered");
            v.assertFits(chromium, "refusal");
            shot(chromium, v, "13-parent-refused");
            Accessibility.assertNoSeriousViolations(chromium, "refusal " + v);
            console.problemLogout().click();
            Viewport.waitFor(chromium, d -> !d.findElements(By.id("kc-login")).isEmpty());
        } finally {
            chromium.quit();
        }
    }

    static StaffConsole logIn(WebDriver chromium, TestEnvironment env, Viewport v, String username) {
        chromium.get(page);
        StaffPageLogin.logIn(chromium, env, page, DDUT_CHOICES, username, () -> shot(chromium, v, "00-login"));
        return new StaffConsole(chromium).ready();
    }

    private static void shot(WebDriver chromium, Viewport v, String name) {
        v.screenshot(chromium, "staff-console", name);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
