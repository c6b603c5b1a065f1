package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.staff.Accessibility;
import org.schoolesia.it.pages.staff.Dialog;
import org.schoolesia.it.pages.staff.FamilySection;
import org.schoolesia.it.pages.staff.PersonCard;
import org.schoolesia.it.pages.staff.StaffConsole;
import org.schoolesia.it.pages.Viewport;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The staff console's family module in Chromium on a phone (390 px, Russian), through page objects:
 * the school's завуч checks a pupil's parents («Как проверить привязку родителя и ребенка»), links a
 * parent found by surname as legal representative («Как привязать родителя к ребенку»), revokes it
 * after a confirmation, puts a parent's SNILS on the card (a mistyped one refused in words) and sees
 * what changed; a parent's card shows «Дети»; the ОДО's методист sees the same pupil's family
 * without a single button (R-FAM-1, R-FAM-3). axe-core checks each state. Screenshots:
 * target/screenshots/staff-family-390-ru-*.png.
 */
@ExtendWith(KeycloakExtension.class)
class StaffFamilyPageIT {

    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final Viewport PHONE = Viewport.PHONE_RU;

    private final TestEnvironment env;
    private final StaffApi api;
    private String page;

    StaffFamilyPageIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
        page = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/staff-page/";
    }

    private StaffConsole logIn(WebDriver chromium, String username, java.util.Set<String> organisation) {
        chromium.get(page);
        StaffPageLogin.logIn(chromium, env, page, organisation, username, () -> { });
        return new StaffConsole(chromium).ready();
    }

    private void shot(WebDriver chromium, String name) {
        PHONE.screenshot(chromium, "staff-family", name);
    }

    @Test
    void r_fam_1_r_fam_3_homeStaffCheckLinkAndRevoke_andPutAParentsSnilsOnTheCard() throws Exception {
        String dmitry = EsiaAccountLinkIT.createAccount(env, "petrov.dmitry", "parent", "sosh-1-ys", "Дмитрий", "Петров", "1980-01-15",
                Map.of("middleName", "Олегович"));
        WebDriver chromium = PHONE.start();
        try {
            StaffConsole console = logIn(chromium, "zavuch.sosh1", StaffAccessRequestPageIT.SOSH_1_CHOICES);
            PersonCard card = console.people("students").search("Иванов").open("Иванов Пётр");
            FamilySection family = card.family();
            // «Как проверить привязку родителя и ребенка»: the mother, as a parent, from the earlier data.
            assertEquals("Родители и представители", family.title());
            assertEquals(1, family.links().size(), family.links().toString());
            assertTrue(family.links().get(0).startsWith("Иванова Мария Петровна"), family.links().toString());
            assertTrue(family.links().get(0).contains("Родитель"), family.links().toString());
            assertTrue(family.canChange());
            assertEquals(1, family.revokeButtons());
            PHONE.assertFits(chromium, "family");
            shot(chromium, "01-parents");
            Accessibility.assertNoSeriousViolations(chromium, "family section");

            // «Как привязать родителя к ребенку»: a parent of the school found by surname, as legal representative.
            Dialog add = family.add();
            assertEquals("Привязать родителя", add.title());
            assertEquals("Ребенок: Иванов Пётр Сергеевич", add.text("family-add-child"));
            assertEquals(List.of("Петров Дмитрий Олегович (petrov.dmitry)"), family.search("Петров"));
            assertEquals("Выберите родителя из найденных.", add.clickExpectingError("family-add-confirm"));
            PHONE.assertFits(chromium, "family add");
            shot(chromium, "02-add");
            Accessibility.assertNoSeriousViolations(chromium, "family add dialog");
            family.link(add, "Петров Дмитрий", "legal-representative");
            List<String> links = family.links();
            assertEquals(2, links.size(), links.toString());
            String added = links.stream().filter(l -> l.startsWith("Петров Дмитрий Олегович")).findFirst().orElse("");
            assertTrue(added.contains("Законный представитель") && added.contains("Сотрудник организации"), links.toString());
            shot(chromium, "03-linked");

            // «Отвязать», after saying what happens.
            Dialog revoke = family.revoke("Петров Дмитрий");
            assertEquals("Отвязать родителя?", revoke.title());
            assertTrue(revoke.text("family-revoke-text").startsWith("Петров Дмитрий Олегович больше не будет видеть ребенка"),
                    revoke.text("family-revoke-text"));
            Accessibility.assertNoSeriousViolations(chromium, "revoke confirmation");
            family.confirm(revoke, "family-revoke-confirm");
            assertEquals(1, family.links().size(), family.links().toString());
            assertTrue(family.history().get(0).contains("Привязка отменена: Петров Дмитрий Олегович — Петрова Елена Николаевна"),
                    family.history().toString());
            // The very next call of the API: the revoked parent is gone from the child's card and the child from his.
            assertEquals(List.of("00000000-0000-4000-8000-000000000010"),
                    StaffApi.json(api.get("zavuch.sosh1", "/people/" + PETR)).get("parents").findValuesAsText("id"));
            assertEquals(List.of(), StaffApi.json(api.get("zavuch.sosh1", "/people/" + dmitry)).get("children").findValuesAsText("id"));

            // R-FAM-3: the parents' SNILS on the card; a mistyped one is refused in words, nothing is kept.
            assertTrue(family.canEditSnils());
            family.addSnils("165-432-987 89");
            assertEquals("СНИЛС указан неверно: нужно 11 цифр с верной контрольной суммой.", family.snilsError());
            assertEquals(List.of(), family.snils());
            family.addSnils("165-432-987 88");
            assertEquals(1, family.snils().size(), family.snils().toString());
            assertTrue(family.snils().get(0).startsWith("***-***-*** 88"), family.snils().toString());
            assertTrue(family.history().stream().anyMatch(h -> h.contains("Добавлен СНИЛС ***-***-*** 88 — Петрова Елена Николаевна")),
                    family.history().toString());
            PHONE.assertFits(chromium, "family snils");
            shot(chromium, "04-snils");
            Accessibility.assertNoSeriousViolations(chromium, "family snils");
            Dialog remove = family.removeSnils(0);
            assertEquals("Удалить СНИЛС из карточки?", remove.title());
            family.confirm(remove, "family-snils-remove-confirm");
            assertEquals(List.of(), family.snils());
            assertTrue(family.history().stream().anyMatch(h -> h.contains("Удален СНИЛС ***-***-*** 88 — Петрова Елена Николаевна; отменено привязок: 0")),
                    family.history().toString());

            // A parent's card: «Дети», changed on the child's card.
            FamilySection mother = card.back().people("parents").search("Иванова").open("Иванова Мария").family();
            assertEquals("Дети", mother.title());
            assertTrue(mother.links().stream().anyMatch(l -> l.startsWith("Иванов Пётр Сергеевич")), mother.links().toString());
            assertFalse(mother.canChange());
            assertEquals("Привязки меняются в карточке ребенка.", mother.readOnlyHint());
        } finally {
            chromium.quit();
        }
    }

    @Test
    void r_fam_1_staffOfAnotherOrganisationSeeTheFamilyWithoutAButton() {
        WebDriver chromium = PHONE.start();
        try {
            StaffConsole console = logIn(chromium, "metodist.ddut", StaffConsoleIT.DDUT_CHOICES);
            FamilySection family = console.people("students").search("Иванов").open("Иванов Пётр").family();
            assertEquals("Родители и представители", family.title());
            assertTrue(family.links().stream().anyMatch(l -> l.startsWith("Иванова Мария Петровна")), family.links().toString());
            assertFalse(family.canChange());
            assertEquals(0, family.revokeButtons());
            assertFalse(family.canEditSnils());
            assertEquals("Привязку родителей к ребенку меняет организация, где обучается ребенок.", family.readOnlyHint());
            PHONE.assertFits(chromium, "family read-only");
            shot(chromium, "05-other-organisation");
            Accessibility.assertNoSeriousViolations(chromium, "family read-only");
        } finally {
            chromium.quit();
        }
    }
}
