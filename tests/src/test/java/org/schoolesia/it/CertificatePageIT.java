package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.personal.CertificateSection;
import org.schoolesia.it.pages.personal.PersonalPage;
import org.schoolesia.it.pages.personal.Screen;
import org.schoolesia.it.pages.staff.CertificatePanel;
import org.schoolesia.it.pages.staff.Dialog;
import org.schoolesia.it.pages.staff.StaffConsole;
import org.schoolesia.it.pages.Viewport;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 13 in Chromium at 390 px, in Russian, through the page objects: «Сертификат дополнительного
 * образования» on the personal page — a mother of two chooses the child (seed picture 25), gets the
 * certificate and sees its card (picture 26); a pupil one day before his 14th birthday sees why not,
 * a pupil on hers the button; with the module off, the reasons in plain words with what to do. In
 * the staff console the authorised ДДЮТ activates the certificate; school № 1's card has no such section.
 * Each state fits the phone, passes axe-core, and is kept as target/screenshots/certificate-*.png.
 */
@ExtendWith(KeycloakExtension.class)
class CertificatePageIT {

    private static final Set<String> SOSH_1 = Set.of("sosh-1-ys", "МАОУ СОШ № 1 г. Южно-Сахалинска", "Сахалинская обл",
            "Городской округ Южно-Сахалинск", "Южно-Сахалинск, г.", "school", "Общеобразовательная");
    private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static TestEnvironment env;
    private static String pageUrl;
    private static Screen screen;

    @BeforeAll
    static void start(TestEnvironment environment) {
        env = environment;
        pageUrl = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/personal/";
        screen = Screen.start(Screen.PHONE, "ru");
    }

    @AfterAll
    static void stop() {
        screen.close();
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        CertificateFixtures.prepare(env);
    }

    @Test
    void r_cert_2_and_3_aMotherOfTwoChoosesTheChildAndGetsTheCertificate() {
        CertificateSection section = certificateOf("ivanova.maria");
        assertEquals(List.of("Иванов Пётр Сергеевич", "Иванова Анна Сергеевна"), section.children());
        section.choose("Иванов Пётр Сергеевич");
        assertTrue(section.offersCertificate());
        assertEquals("Сертификата пока нет.", section.noCertificate());
        checkedAndKept("certificate-mother-before");

        String outcome = section.getCertificate();
        assertTrue(outcome.contains("Сертификат получен: номер "), outcome);
        assertTrue(section.hasCard());
        String number = section.number();
        assertTrue(number.matches("[1-9]\\d{11}") && outcome.contains(number), number);
        assertEquals("inactive", section.status());
        assertEquals("Неактивирован", section.statusText());
        LocalDate today = LocalDate.now(CertificateFixtures.SAKHALIN);
        assertEquals(RU_DATE.format(today), section.validFrom());
        assertEquals(RU_DATE.format(today.plusYears(1).minusDays(1)), section.validTo());
        assertFalse(section.offersCertificate(), "R-CERT-6 (1): no second button");
        assertEquals(List.of("already_has_certificate"), section.reasonCodes());
        assertTrue(section.text().contains("уполномоченную организацию"), section.text());
        assertTrue(section.offersCredentials(), "R-CERT-5: the ПФДО credentials link once the certificate is issued");
        String saved = section.downloadCredentials();
        assertTrue(saved.contains("Файл с учетными данными сохранен"), saved);
        checkedAndKept("certificate-mother-issued");

        section.choose("Иванова Анна Сергеевна");
        assertTrue(section.offersCertificate(), "Анна is 10: her mother applies");
        assertFalse(section.hasCard());
        assertFalse(screen.driver().getPageSource().contains("12345678964") || screen.driver().getPageSource().contains("2012-09-05"),
                "no SNILS, no birth date on the page");
    }

    @Test
    void r_cert_6_2_aPupilOf13Years364DaysSeesWhyNotAndOf14Years0DaysTheButton() {
        CertificateSection almost = certificateOf(CertificateFixtures.PUPIL_13Y364D);
        assertFalse(almost.offersCertificate());
        List<CertificateSection.Reason> reasons = almost.reasons();
        assertEquals(List.of("pupil_under_14"), reasons.stream().map(CertificateSection.Reason::code).toList());
        assertEquals("Учащийся младше 14 лет не может получить сертификат в своем личном кабинете.", reasons.get(0).text());
        assertTrue(reasons.get(0).help().startsWith("Что сделать:") && reasons.get(0).help().contains("родитель"), reasons.get(0).help());
        assertTrue(almost.text().contains("Почему нельзя получить сертификат сейчас"), almost.text());
        checkedAndKept("certificate-pupil-13y364d");

        CertificateSection birthday = certificateOf(CertificateFixtures.PUPIL_14Y0D);
        assertTrue(birthday.offersCertificate(), "the 14th birthday has begun on Sakhalin (R-AGE-1)");
        assertEquals(List.of(), birthday.reasons());
        checkedAndKept("certificate-pupil-14y0d");
    }

    @Test
    void r_cert_1_and_6_3_moduleOffAndNoChild_everyReasonInPlainWordsWithWhatToDo() {
        CertificateFixtures.realmAttribute(env, "schoolCertificates", "off");
        CertificateSection lonely = certificateOf(CertificateFixtures.LONELY_PARENT);
        assertFalse(lonely.offersCertificate());
        List<CertificateSection.Reason> reasons = lonely.reasons();
        assertEquals(List.of("no_linked_child", "module_off_realm"), reasons.stream().map(CertificateSection.Reason::code).toList());
        assertEquals("К вашей учетной записи не прикреплен ни один ребенок.", reasons.get(0).text());
        assertTrue(reasons.get(0).help().contains("классному руководителю"), reasons.get(0).help());
        assertEquals("Модуль сертификатов дополнительного образования в системе не подключен.", reasons.get(1).text());
        assertTrue(lonely.children().isEmpty());
        checkedAndKept("certificate-module-off");

        CertificateSection mother = certificateOf("ivanova.maria");
        assertFalse(mother.offersCertificate());
        assertEquals(List.of("module_off_realm"), mother.reasonCodes());
    }

    @Test
    void r_cert_4_theAuthorisedOrganisationActivatesInTheStaffConsoleAndASchoolCannot() throws Exception {
        PersonalApi personal = new PersonalApi(env);
        personal.createTestClient();
        String number = StaffApi.json(CertificateFixtures.issue(env, personal.token("ivanova.maria"), env.realmAdmin().userId("ivanov.petr")))
                .get("certificate").get("number").asText();
        Viewport v = Viewport.PHONE_RU;
        WebDriver chromium = v.start();
        try {
            chromium.get(staffPage());
            StaffPageLogin.logIn(chromium, env, staffPage(), StaffConsoleIT.DDUT_CHOICES, "metodist.ddut", () -> { });
            StaffConsole console = new StaffConsole(chromium).ready();
            console.people("students").open("Иванов Пётр");
            CertificatePanel panel = new CertificatePanel(chromium).waitShown();
            assertEquals(number, panel.number());
            assertEquals("Неактивирован", panel.statusText());
            assertTrue(panel.offers("activate") && panel.offers("revoke") && !panel.offers("suspend"));
            v.assertFits(chromium, "certificate card");
            panel.show();
            v.screenshot(chromium, "certificate", "staff-inactive");
            Dialog confirm = panel.start("activate");
            assertEquals("Активировать сертификат?", confirm.title());
            confirm.clickClosing("certificate-confirm");
            panel.waitStatus("active");
            assertEquals("Активный", panel.statusText());
            assertTrue(console.toasts().stream().anyMatch(t -> t.contains("Сертификат активирован")), console.toasts().toString());

            Dialog suspend = panel.start("suspend");
            assertTrue(suspend.clickExpectingError("certificate-confirm").contains("Укажите причину"));
            suspend.type("certificate-reason", "Нужна справка с места жительства");
            suspend.clickClosing("certificate-confirm");
            panel.waitStatus("suspended");
            panel.show();
            v.screenshot(chromium, "certificate", "staff-suspended");
            org.schoolesia.it.pages.staff.Accessibility.assertNoSeriousViolations(chromium, "certificate card");
        } finally {
            chromium.quit();
        }

        // School № 1 (not authorised) opens the same pupil: no certificate section at all.
        WebDriver school = v.start();
        try {
            school.get(staffPage());
            StaffPageLogin.logIn(school, env, staffPage(), SOSH_1, "zavuch.sosh1", () -> { });
            StaffConsole console = new StaffConsole(school).ready();
            console.people("students").open("Иванов Пётр");
            assertFalse(new CertificatePanel(school).shown());
        } finally {
            school.quit();
        }

        // The mother sees the suspension on her page.
        CertificateSection section = certificateOf("ivanova.maria");
        section.choose("Иванов Пётр Сергеевич");
        assertEquals("suspended", section.status());
        assertEquals("Приостановлен", section.statusText());
        assertTrue(section.text().contains("Нужна справка с места жительства"), section.text());
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String staffPage() {
        return env.keycloak().realmUrl(DemoRealm.NAME) + "/school/staff-page/";
    }

    private static CertificateSection certificateOf(String username) {
        screen.forgetSession();
        PersonalPage page = new PersonalPage(screen, pageUrl).open();
        StaffPageLogin.logIn(screen.driver(), env, pageUrl, SOSH_1, username, () -> { });
        page.waitShown();
        return new CertificateSection(screen);
    }

    private static void checkedAndKept(String name) {
        assertEquals(screen.width(), screen.viewportWidth(), "viewport");
        assertTrue(screen.sidewaysOverflow() <= 0, name + " scrolls sideways by " + screen.sidewaysOverflow() + " px");
        ((org.openqa.selenium.JavascriptExecutor) screen.driver()).executeScript(
                "document.getElementById('section-certificate').scrollIntoView(true);");
        screen.screenshot(name);
        assertEquals(List.of(), new PersonalPage(screen, pageUrl).seriousAccessibilityViolations(), name + ": axe-core");
    }
}
