package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.ContactPage;
import org.schoolesia.it.pages.LoginPage;
import org.schoolesia.it.pages.NotFoundPage;
import org.schoolesia.it.pages.PendingRequestPage;
import org.schoolesia.it.pages.RequestFormPage;
import org.schoolesia.it.pages.RequestSentPage;
import org.schoolesia.it.pages.Screen;
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
    private static Screen phone;

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
        application = DiaryApplication.start(env);
        chromium = Phone.start();
        phone = application.on(chromium, env);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.quit();
            }
        } finally {
            if (application != null) {
                application.close();
            }
        }
    }

    @Test
    void r_req_1_r_req_2_parentOnAPhoneFillsTheFormWithTheCascadeAndGetsANumber(TestEnvironment env) {
        // Соколова Елена (ESIA 1000000008, child Вера 1000000009) has no school account.
        ContactPage contact = LoginPage.open(phone, application.loginUrl(env, "request-1")).chooseParent()
                .signInAs("1000000008", NotFoundPage::new).contactOrganisation();
        contact.assertFitsThePhone("contact page");
        contact.screenshot("request-01-contact");
        assertEquals("Продолжить", contact.continueLabel());

        RequestFormPage form = contact.continueToForm();
        form.assertFitsThePhone("request form");
        form.assertEverythingInsideTheScreen("request form");
        form.screenshot("request-02-form");
        assertEquals("Соколова Елена Викторовна", form.fullName());
        assertEquals("12.03.1988", form.birthDate());
        assertTrue(form.childChosen("1000000009"), "the only child is chosen");
        // The script hides «Выбрать»: the selects fill themselves.
        assertFalse(form.showsRefreshButtons(), "«Выбрать» shown with the script on");
        assertFalse(form.canChooseOrganisation(), "no organisation before a type");
        assertEquals("Сначала выберите тип организации", form.organisationShown());
        assertEquals("Сначала выберите организацию", form.classShown());

        form.chooseType("Общеобразовательная");
        assertEquals(List.of("Выберите", "МАОУ СОШ № 1 г. Южно-Сахалинска", "МАОУ СОШ № 2 г. Корсакова"), form.organisations());
        form.chooseOrganisation("МАОУ СОШ № 1 г. Южно-Сахалинска");
        assertEquals(List.of("Выберите", "1А", "5Б", "9А", "11А"), form.classes());
        form.chooseClass("5Б").writeComment("Дочь Вера, 5Б. Логин не выдавали.");
        form.assertFitsThePhone("filled request form");
        form.assertEverythingInsideTheScreen("filled request form");
        form.screenshot("request-03-form-filled");

        RequestSentPage sent = form.send();
        sent.assertFitsThePhone("request sent");
        sent.assertEverythingInsideTheScreen("request sent");
        sent.screenshot("request-04-sent");
        String number = sent.number();
        assertTrue(AccessRequestFlow.NUMBER.matcher(number).matches(), number);
        String body = sent.text();
        assertTrue(body.contains("Успешно создан запрос получения доступа в систему"), body);
        assertTrue(body.contains("Ожидайте рассмотрения запроса сотрудниками организации."), body);

        // «Выйти», and the next login shows the request waiting.
        sent.exit();
        chromium.manage().deleteAllCookies();
        PendingRequestPage pending = LoginPage.open(phone, application.loginUrl(env, "request-2")).chooseParent()
                .signInAs("1000000008", PendingRequestPage::new);
        pending.assertFitsThePhone("pending request");
        pending.assertEverythingInsideTheScreen("pending request");
        pending.screenshot("request-05-pending");
        assertEquals(List.of(number), pending.numbers());
        assertTrue(pending.offersAnotherOrganisation());
    }
}
