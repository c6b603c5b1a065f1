package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.DiaryPage;
import org.schoolesia.it.pages.EsiaEmulatorPage;
import org.schoolesia.it.pages.LoginPage;
import org.schoolesia.it.pages.Screen;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.RealmAdmin;
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
    static void stop() {
        if (chromium != null) {
            chromium.quit();
        }
        if (application != null) {
            application.close();
        }
    }

    @Test
    void r_esia_2_parentOnAPhoneLogsInThroughGosuslugi(TestEnvironment env) {
        RealmAdmin realm = env.realmAdmin();
        LoginPage login = LoginPage.open(phone, application.loginUrl(env, "s1"));
        assertEquals("ru", login.language());
        login.assertFitsThePhone("login page");
        login.screenshot("01-keycloak-login");
        // R-ESIA-2: the role first, then Госуслуги; the old single provider link is gone.
        assertTrue(login.esiaTitle().toLowerCase().contains("госуслуги"));
        assertEquals("вход для родителей", login.roleLabel("parent").toLowerCase());
        assertTrue(!login.hasRolelessEsiaLink(), "no role-less ESIA link");
        int users = realm.userCount();

        EsiaEmulatorPage esia = login.chooseParent();
        esia.assertFitsThePhone("ESIA picker");
        esia.screenshot("02-esia-emulator-picker");

        DiaryPage diary = esia.signInAs("1000000001", DiaryPage::new);
        diary.screenshot("03-application-signed-in");
        assertTrue(application.receivedCode() != null && !application.receivedCode().isEmpty(), "the application received a code");
        // She entered her linked parent account ivanova.maria: nothing was created.
        assertEquals(users, realm.userCount());
        assertTrue(realm.realm().users().search("esia-1000000001", 0, 100).isEmpty());
        assertEquals(1, realm.sessionCount(realm.userId("ivanova.maria")), "the session is ivanova.maria's");
    }
}
