package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.personal.MyChildren;
import org.schoolesia.it.pages.personal.PersonalPage;
import org.schoolesia.it.pages.personal.Screen;
import org.schoolesia.it.pages.staff.Accessibility;
import org.schoolesia.it.pages.staff.InvitationCodes;
import org.schoolesia.it.pages.staff.PeopleList;
import org.schoolesia.it.pages.staff.PersonCard;
import org.schoolesia.it.pages.staff.StaffConsole;
import org.schoolesia.it.pages.Viewport;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The seed's path of R-FAM-2 (seed 004: «пригласительный код у классного руководителя») in Chromium
 * at 390 px in Russian, as the people do it: the завуч of school № 1 opens Вера Соколова's card and
 * issues a code, shown once with the slip to print; her father signs in to «Персональные настройки»,
 * mistypes the code once, then adds Вера on «Мои дети»; the school sees him on Вера's card. axe-core
 * checks every state; screenshots in target/screenshots/invitation-*-390-ru.png.
 */
@ExtendWith(KeycloakExtension.class)
class InvitationCodeBrowserIT {

    private static final Set<String> SOSH_1 = Set.of("sosh-1-ys", "МАОУ СОШ № 1 г. Южно-Сахалинска", "Сахалинская обл",
            "Городской округ Южно-Сахалинск", "Южно-Сахалинск, г.", "school", "Общеобразовательная");
    private static final String CODE_SHAPE = "[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}";

    @Test
    void r_fam_2_teacherIssuesOnTheCard_parentAddsTheChild_andTheChildShowsOnBothSides(TestEnvironment env) throws Exception {
        env.resetRealm();
        EsiaAccountLinkIT.createAccount(env, "sokolov.ivan", "parent", "sosh-1-ys", "Иван", "Соколов", "1984-02-11",
                Map.of("middleName", "Петрович"));
        String staffPage = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/staff-page/";
        String personalPage = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/personal/";
        Viewport v = Viewport.PHONE_RU;
        try (Screen screen = Screen.start(Screen.PHONE, "ru")) {
            WebDriver chromium = screen.driver();

            // The school: Вера's card, «Пригласительные коды» → «Выдать пригласительный код».
            veraCard(env, chromium, staffPage);
            InvitationCodes codes = new InvitationCodes(chromium).loaded();
            assertEquals("Действующих кодов: 0 из 3", codes.count());
            assertTrue(codes.mayIssue());
            v.assertFits(chromium, "card with invitation codes");
            screen.screenshot("invitation-01-card");
            Accessibility.assertNoSeriousViolations(chromium, "card with invitation codes");

            InvitationCodes.Issued issued = codes.issue();
            String code = issued.code();
            assertTrue(code.matches(CODE_SHAPE), code);
            assertEquals("Код выдан", issued.title());
            assertEquals("ru", issued.slipLanguage());
            String slip = issued.slip();
            for (String words : List.of("Пригласительный код для родителя", "Ребенок: Соколова Вера", "МАОУ СОШ № 1 г. Южно-Сахалинска",
                    code, "«Персональные настройки»", "«Мои дети»", "«Добавить ребенка»", "один раз")) {
                assertTrue(slip.contains(words), words + " on the slip: " + slip);
            }
            assertEquals(personalPage, issued.personalPageUrl());
            v.assertFits(chromium, "the issued code");
            screen.screenshot("invitation-02-code-shown-once");
            Accessibility.assertNoSeriousViolations(chromium, "the issued code");
            codes = issued.done();
            assertEquals("Действующих кодов: 1 из 3", codes.count());
            assertFalse(chromium.getPageSource().contains(code), "shown once: gone with the dialog");

            // The father: «Персональные настройки» → «Мои дети» → «Добавить ребенка».
            screen.forgetSession();
            PersonalPage page = new PersonalPage(screen, personalPage).open();
            StaffPageLogin.logIn(chromium, env, personalPage, SOSH_1, "sokolov.ivan", () -> { });
            page.waitShown();
            assertTrue(page.sectionTitles().contains("Мои дети"), page.sectionTitles().toString());
            MyChildren children = new MyChildren(screen);
            assertTrue(children.empty());
            children.openForm();
            v.assertFits(chromium, "the add-a-child form");
            screen.screenshot("invitation-03-add-child-form");
            assertEquals(List.of(), page.seriousAccessibilityViolations(), "the add-a-child form");

            // A slip of the finger first: one digit off.
            String mistyped = code.substring(0, code.length() - 1) + (code.endsWith("2") ? "3" : "2");
            assertNull(children.fill("Соколова", "Вера", mistyped).submit());
            assertTrue(children.error().startsWith("Код не подошел."), children.error());
            screen.screenshot("invitation-04-code-not-accepted");
            assertEquals(List.of(), page.seriousAccessibilityViolations(), "the refusal");

            // Then as printed, typed in lower case on a phone.
            String done = children.fill("Соколова", "Вера", code.toLowerCase()).submit();
            assertEquals("Ребенок добавлен: Соколова Вера.", done);
            assertEquals(1, children.names().size(), children.text());
            assertTrue(children.names().get(0).startsWith("Соколова Вера"), children.names().toString());
            assertTrue(children.text().contains("По пригласительному коду"), children.text());
            assertTrue(children.text().contains("МАОУ СОШ № 1 г. Южно-Сахалинска"), children.text());
            v.assertFits(chromium, "the child added");
            screen.screenshot("invitation-05-child-added");
            assertEquals(List.of(), page.seriousAccessibilityViolations(), "the child added");

            // The school again: the father is on Вера's card, the code used up.
            screen.forgetSession();
            PersonCard card = veraCard(env, chromium, staffPage);
            assertEquals("Действующих кодов: 0 из 3", new InvitationCodes(chromium).loaded().count());
            assertTrue(card.relatives().contains("Соколов Иван Петрович"), card.relatives());
            screen.screenshot("invitation-06-card-after");
        }
    }

    /** An English-speaking teacher's console still prints the slip in Russian, for the parent; the dialog is used by keyboard alone. */
    @Test
    void r_fam_2_theSlipIsRussianWhateverTheConsolesLanguage_andTheDialogWorksByKeyboard(TestEnvironment env) throws Exception {
        env.resetRealm();
        String staffPage = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/staff-page/";
        try (Screen screen = Screen.start(Screen.PHONE, "en")) {
            WebDriver chromium = screen.driver();
            veraCard(env, chromium, staffPage);
            InvitationCodes codes = new InvitationCodes(chromium).loaded();
            assertEquals("Active codes: 0 of 3", codes.count());
            InvitationCodes.Issued issued = codes.issue();
            assertEquals("Code issued", issued.title());
            String code = issued.code();
            assertEquals("ru", issued.slipLanguage());
            assertTrue(issued.slip().startsWith("Пригласительный код для родителя"), issued.slip());
            assertTrue(issued.slip().contains("«Добавить ребенка»"), issued.slip());
            Viewport.PHONE_EN.assertFits(chromium, "the issued code in English");
            screen.screenshot("invitation-07-code-shown-once");
            Accessibility.assertNoSeriousViolations(chromium, "the issued code in English");
            Accessibility.assertDialogKeyboard(chromium, chromium.findElement(org.openqa.selenium.By.id("invite-issue")), 4);
            assertFalse(chromium.getPageSource().contains(code), "Esc forgets the code too");
            assertEquals("Active codes: 1 of 3", codes.loaded().count());
        }
    }

    /** Logs the завуч of school № 1 in and opens Вера Соколова's card. */
    private static PersonCard veraCard(TestEnvironment env, WebDriver chromium, String staffPage) {
        chromium.get(staffPage);
        StaffPageLogin.logIn(chromium, env, staffPage, SOSH_1, "zavuch.sosh1", () -> { });
        PeopleList students = new StaffConsole(chromium).ready().people("students");
        students.search("Соколова");
        return students.open("Соколова Вера");
    }
}
