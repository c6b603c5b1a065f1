package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.it.pages.personal.ChildAccess;
import org.schoolesia.it.pages.staff.Accessibility;
import org.schoolesia.it.pages.staff.Dialog;
import org.schoolesia.it.pages.staff.PeopleList;
import org.schoolesia.it.pages.staff.PersonCard;
import org.schoolesia.it.pages.staff.StaffConsole;
import org.schoolesia.it.pages.Viewport;
import org.schoolesia.it.pages.personal.ChildLoginDialog;
import org.schoolesia.it.pages.personal.PersonalPage;
import org.schoolesia.it.pages.personal.Screen;
import org.schoolesia.it.pages.personal.UpdatePasswordPage;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 12, R-FAM-4 on a parent's phone (Chromium at 390 px, Russian): the mother opens
 * «Персональные настройки» → «Доступ для учеников до 14 лет», sees her three children (Миша under 14,
 * Оля 14 and older, Коля with no birth date — the last two with the reason and no button), creates
 * Миша's login (a password the realm's policy refuses first, in its own words), and Миша signs in
 * with it at his school and must choose his own password at once; she resets it and he must again.
 * Every state fits the phone, passes axe-core, and is kept as a screenshot (target/screenshots/child-login-*).
 */
@ExtendWith(KeycloakExtension.class)
class ChildLoginBrowserIT {

    /** What a person picks on the login-by-organisation form for school № 1 (as on the personal page). */
    private static final Set<String> SOSH_1 = PersonalPageIT.SOSH_1;
    private static TestEnvironment env;
    private static Screen phone;
    private static String pageUrl;
    private static ChildLoginFixtures.Family family;

    @BeforeAll
    static void start(TestEnvironment environment) throws Exception {
        env = environment;
        env.resetRealm();
        family = ChildLoginFixtures.family(env, PersonalFixtures.staffApi(env));
        ChildLoginFixtures.passwordPolicy(env, "length(8) and digits(1)");
        pageUrl = ChildLoginFixtures.realmUrl(env) + "/school/personal/";
        phone = Screen.start(Screen.PHONE, "ru");
    }

    @AfterAll
    static void stop() {
        if (phone != null) {
            phone.close();
        }
    }

    @Test
    void r_fam_4_aMotherCreatesHerSonsLoginOnHerPhoneHeSignsInAndMustChangeItSheResetsIt() {
        PersonalPage page = signedIn(ChildLoginFixtures.MOTHER, StaffApi.PASSWORD);
        assertTrue(page.sectionIds().contains("child-access"), page.sectionIds().toString());
        ChildAccess access = page.childAccess();
        assertEquals("Доступ для учеников до 14 лет", access.title());
        assertTrue(access.intro().contains("младше 14 лет"), access.intro());
        ChildAccess.Child misha = access.child(family.misha());
        assertEquals("allowed", misha.state());
        assertFalse(misha.created());
        assertEquals("Петров Михаил Сергеевич", misha.name());
        assertTrue(access.offers(family.misha(), "create"));
        ChildAccess.Child olya = access.child(family.olya());
        assertEquals("child_of_age", olya.state());
        assertTrue(olya.reason().contains("исполнилось 14 лет"), olya.reason());
        assertFalse(access.offers(family.olya(), "create") || access.offers(family.olya(), "reset"), "no button for a pupil of 14");
        ChildAccess.Child kolya = access.child(family.kolya());
        assertEquals("birth_date_unknown", kolya.state());
        assertTrue(kolya.reason().contains("нет даты рождения"), kolya.reason());
        assertFalse(access.offers(family.kolya(), "create"), "an unknown age is never guessed");
        access.scrollIntoView();
        checkedAndKept(page, "child-login-01-section");

        ChildLoginDialog dialog = access.create(family.misha());
        assertEquals("Создать логин", dialog.title());
        assertEquals(ChildLoginFixtures.MISHA, dialog.login(), "his login so far, to keep or change");
        assertTrue(dialog.text().contains("Пользователь должен сменить пароль при первом входе в систему"), dialog.text());
        String weak = dialog.login("misha.petrov").password("Mishapass").saveRefused();
        assertTrue(weak.contains("цифр"), "the realm's policy in Keycloak's words: " + weak);
        assertEquals("child-login-password", dialog.invalidField());
        checkedAndKept(page, "child-login-02-weak-password");
        String taken = dialog.login("ivanova.maria").password("Misha-pass-1").saveRefused();
        assertTrue(taken.contains("«ivanova.maria» уже занят"), taken);
        assertEquals("child-login-name", dialog.invalidField());
        ChildLoginDialog.Done done = dialog.login("misha.petrov").password("Misha-pass-1").save();
        assertEquals("Логин создан", done.title());
        assertEquals("misha.petrov", done.login());
        assertTrue(done.next().contains("новый пароль"), done.next());
        checkedAndKept(page, "child-login-03-created");
        done.close();
        ChildAccess.Child created = page.childAccess().child(family.misha());
        assertTrue(created.created());
        assertEquals("misha.petrov", created.login());
        assertTrue(created.text().contains("Ребенок сменит пароль при следующем входе"), created.text());
        assertTrue(page.childAccess().offers(family.misha(), "reset"));

        // Миша on his school's login page: the password his mother set, then his own at once (UPDATE_PASSWORD).
        childSignsInAndChangesThePassword("Misha-pass-1", "Misha-own-1", "child-login-04-update-password");

        // He forgot it: his mother resets it; again he must choose his own.
        PersonalPage again = signedIn(ChildLoginFixtures.MOTHER, StaffApi.PASSWORD);
        ChildLoginDialog reset = again.childAccess().reset(family.misha());
        assertEquals("Сбросить пароль", reset.title());
        ChildLoginDialog.Done resetDone = reset.password("Misha-pass-2").save();
        assertEquals("Пароль сброшен", resetDone.title());
        assertEquals("misha.petrov", resetDone.login());
        checkedAndKept(again, "child-login-05-reset");
        resetDone.close();
        childSignsInAndChangesThePassword("Misha-pass-2", "Misha-own-2", "child-login-06-update-again");
        assertEquals(List.of("reset", "created"), ChildLoginFixtures.loginEvents(env, family.misha()).stream()
                .map(e -> e.getDetails().get("school_child_login")).toList());
    }

    /**
     * The school's side on a phone: the завуч sees each pupil's state on the card (no button for Оля, 14,
     * or Коля, no birth date), and — after Мария's Госуслуги session typed Вера's password (R-FAM-5) —
     * the label «Вход взрослого» in «Список учеников» and the alert on Вера's card, which she clears.
     */
    @Test
    void r_fam_4_r_fam_5_theSchoolSeesThePupilsLoginStateAndTheFlagOnAPhone() {
        EsiaAccountLinkIT.stepConfig(env, java.util.Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF, "maxLinkFailuresPerPerson", "100"));
        EsiaAccountLinkIT.assertPage("link", EsiaAccountLinkIT.link(EsiaAccountLinkIT.showLink(EsiaAccountLinkIT.expectPage("unidentified",
                new EsiaFlow(env).loginAs("1000000001", "student"))), "sosh-1-ys", "sokolova.vera", EsiaAccountLinkIT.PASSWORD));
        String staffPage = ChildLoginFixtures.realmUrl(env) + "/school/staff-page/";
        org.openqa.selenium.WebDriver chromium = Viewport.PHONE_RU.start();
        try {
            chromium.get(staffPage);
            StaffPageLogin.logIn(chromium, env, staffPage, SOSH_1, "zavuch.sosh1", () -> { });
            PeopleList pupils = new StaffConsole(chromium).ready().people("students").search("Петров");
            PersonCard kolya = pupils.open("Петров Николай");
            assertEquals("birth_date_unknown", kolya.childLoginState());
            assertFalse(kolya.offersChildLogin("child-login-create") || kolya.offersChildLogin("child-login-reset"));
            PersonCard olya = kolya.back().search("Петрова").open("Петрова Ольга Сергеевна");
            assertEquals("child_of_age", olya.childLoginState());
            assertFalse(olya.offersChildLogin("child-login-create") || olya.offersChildLogin("child-login-reset"));
            PersonCard misha = olya.back().search("Петров").open("Петров Михаил");
            assertEquals("allowed", misha.childLoginState());
            assertTrue(misha.offersChildLogin("child-login-create") || misha.offersChildLogin("child-login-reset"));
            misha.scrollTo("child-login-section");
            Viewport.PHONE_RU.screenshot(chromium, "child-login", "07-staff-card");
            Accessibility.assertNoSeriousViolations(chromium, "child-login staff card");

            PeopleList flagged = misha.back().search("Соколова");
            assertTrue(flagged.flagged("Соколова Вера"), flagged.rows());
            PersonCard vera = flagged.open("Соколова Вера");
            assertTrue(vera.flag().contains("пытались воспользоваться через Госуслуги взрослого"), vera.flag());
            Viewport.PHONE_RU.assertFits(chromium, "flagged card");
            vera.scrollTo("account-flag");
            Viewport.PHONE_RU.screenshot(chromium, "child-login", "08-staff-flag");
            Accessibility.assertNoSeriousViolations(chromium, "child-login flagged card");
            Dialog clear = vera.pressAndDialog("account-flag-clear");
            clear.clickClosing("account-flag-confirm");
            Viewport.waitFor(chromium, d -> d.findElements(org.openqa.selenium.By.id("account-flag-alert")).isEmpty());
            assertFalse(vera.back().search("Соколова").flagged("Соколова Вера"));
        } finally {
            chromium.quit();
        }
    }

    private static void childSignsInAndChangesThePassword(String given, String own, String screenshot) {
        phone.forgetSession();
        new PersonalPage(phone, pageUrl).open();
        StaffPageLogin.logIn(phone.driver(), env, pageUrl, SOSH_1, "misha.petrov", given, () -> { });
        UpdatePasswordPage update = new UpdatePasswordPage(phone);
        assertEquals("Обновление пароля", update.heading());
        assertTrue(phone.sidewaysOverflow() <= 0, "the update page fits the phone");
        phone.screenshot(screenshot);
        update.change(own);
        PersonalPage mine = new PersonalPage(phone, pageUrl).waitShown();
        assertTrue(mine.personLine().startsWith("Петров Михаил Сергеевич"), mine.personLine());
        assertTrue(mine.personLine().contains("Обучающийся"), mine.personLine());
        assertFalse(mine.sectionIds().contains("child-access"), "a pupil has no such section");
    }

    private static PersonalPage signedIn(String username, String password) {
        phone.forgetSession();
        PersonalPage page = new PersonalPage(phone, pageUrl).open();
        StaffPageLogin.logIn(phone.driver(), env, pageUrl, SOSH_1, username, password, () -> { });
        return page.waitShown();
    }

    private static void checkedAndKept(PersonalPage page, String name) {
        assertEquals(phone.width(), phone.viewportWidth(), "viewport");
        assertTrue(phone.sidewaysOverflow() <= 0, name + " scrolls sideways by " + phone.sidewaysOverflow() + " px");
        phone.screenshot(name);
        assertEquals(List.of(), page.seriousAccessibilityViolations(), name + ": axe-core");
    }
}
