package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schoolesia.it.pages.OrganisationCascade.Level.MUNICIPALITY;
import static org.schoolesia.it.pages.OrganisationCascade.Level.ORGANISATION;
import static org.schoolesia.it.pages.OrganisationCascade.Level.REGION;
import static org.schoolesia.it.pages.OrganisationCascade.Level.SETTLEMENT;
import static org.schoolesia.it.pages.OrganisationCascade.Level.TYPE;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.DiaryPage;
import org.schoolesia.it.pages.LoginPage;
import org.schoolesia.it.pages.OrganisationCascade;
import org.schoolesia.it.pages.Screen;
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
    private static Screen phone;

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        application = DiaryApplication.start(env);
        chromium = Phone.start();
        phone = application.on(chromium, env);
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
    void r_odo_2_studentOnAPhoneChoosesTheOdoAndLogsInWithHisSchoolPassword(TestEnvironment env) {
        LoginPage login = LoginPage.open(phone, application.loginUrl(env, "s1"));
        login.assertFitsThePhone("organisation login page");
        login.screenshot("org-01-login-page");

        OrganisationCascade organisation = login.organisation();
        // One region in the demo: chosen by itself.
        assertEquals("Сахалинская обл", organisation.chosen(REGION));
        organisation.chooseMunicipality("Городской округ Южно-Сахалинск");
        // One settlement in that district: chosen by itself.
        assertEquals("Южно-Сахалинск, г.", organisation.chosen(SETTLEMENT));
        // The script filters the types to those of Южно-Сахалинск.
        assertEquals(List.of("Выберите…", "Дошкольная", "Общеобразовательная", "Дополнительное образование детей"),
                organisation.options(TYPE));
        organisation.chooseType("Дополнительное образование детей");
        assertEquals("МАУДО ДДЮТ г.Южно-Сахалинск", organisation.chosen(ORGANISATION));

        login.enterLogin("ivanov.petr", OrganisationLoginIT.PASSWORD);
        login.assertFitsThePhone("filled organisation login page");
        login.screenshot("org-02-cascade-filled");
        // R-ESIA-2: the Госуслуги role buttons, outside the password form (LoginPagesBrowserIT checks the order).
        assertTrue(login.esiaTitle().toLowerCase().contains("госуслуги"));
        assertEquals(List.of("вход для родителей", "вход для учащихся", "вход для педагогов и сотрудников"),
                login.roleLabels().stream().map(String::toLowerCase).toList());
        assertTrue(!login.hasRolelessEsiaLink(), "no role-less ESIA link");
        assertEquals("ВОЙТИ", login.logInLabel());

        login.logIn();
        new DiaryPage(phone);
    }

    @Test
    @Order(2)
    void r_odo_2_wrongOrganisationOnAPhoneShowsTheUsualMessage(TestEnvironment env) {
        // Signed out on this phone, but the organisation cookie stays.
        chromium.get(env.keycloak().realmUrl(DemoRealm.NAME) + "/.well-known/openid-configuration");
        chromium.manage().deleteCookieNamed("KEYCLOAK_IDENTITY");
        chromium.manage().deleteCookieNamed("KEYCLOAK_SESSION");
        LoginPage login = LoginPage.open(phone, application.loginUrl(env, "s2"));
        // The organisation remembered from the last login is chosen; opening the district again
        // offers every organisation, and choosing one fills the levels above it.
        OrganisationCascade organisation = login.organisation();
        assertEquals("МАУДО ДДЮТ г.Южно-Сахалинск", organisation.chosen(ORGANISATION));
        organisation.choose(MUNICIPALITY, "Выберите…");
        assertEquals(5, organisation.options(ORGANISATION).size());
        organisation.chooseOrganisation("МБДОУ Детский сад № 15 г. Южно-Сахалинска");
        assertEquals("Дошкольная", organisation.chosen(TYPE));
        login.enterLogin("ivanov.petr", OrganisationLoginIT.PASSWORD).logIn();
        assertTrue(login.loginError().contains("Неправильное имя пользователя или пароль"));
        login.assertFitsThePhone("error page");
        login.screenshot("org-03-wrong-organisation");
    }
}
