package org.schoolesia.school.invitations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.invitations.RedemptionRules.CallerRefusal;
import org.schoolesia.school.invitations.RedemptionRules.CodeFacts;

/** R-FAM-2, R-FAM-5: who redeems, and when a code gives the child; the realm's settings. */
class RedemptionRulesTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final CodeFacts GOOD = new CodeFacts(0, NOW + 1000, true, true, true, "Соколова", "Вера");

    @Test
    void r_fam_5_onlyParentAccountsRedeem() {
        assertEquals(Optional.empty(), RedemptionRules.caller("parent", false, false));
        assertEquals(Optional.of(CallerRefusal.NOT_A_PARENT), RedemptionRules.caller("student", false, true));
        assertEquals(Optional.of(CallerRefusal.NOT_A_PARENT), RedemptionRules.caller("staff", false, true));
        assertEquals(Optional.of(CallerRefusal.NOT_A_PARENT), RedemptionRules.caller(null, false, true));
    }

    @Test
    void r_fam_2_aRealmMayRequireAConfirmedGosuslugiLink() {
        assertEquals(Optional.of(CallerRefusal.ESIA_REQUIRED), RedemptionRules.caller("parent", true, false));
        assertEquals(Optional.empty(), RedemptionRules.caller("parent", true, true));
    }

    @Test
    void r_fam_2_aGoodCodeWithTheChildsNameGivesTheChild() {
        assertTrue(RedemptionRules.redeemable(GOOD, "Соколова", "Вера", NOW));
        assertTrue(RedemptionRules.redeemable(GOOD, "  соколова ", "ВЕРА", NOW), "case and spaces");
        CodeFacts petr = new CodeFacts(0, NOW + 1000, true, true, true, "Иванов", "Пётр");
        assertTrue(RedemptionRules.redeemable(petr, "Иванов", "Петр", NOW), "ё = е");
    }

    @Test
    void r_fam_2_everyFlawRefusesAlike() {
        assertFalse(RedemptionRules.redeemable(null, "Соколова", "Вера", NOW), "unknown");
        assertFalse(RedemptionRules.redeemable(new CodeFacts(NOW - 5, NOW + 1000, true, true, true, "Соколова", "Вера"), "Соколова", "Вера", NOW), "used");
        assertFalse(RedemptionRules.redeemable(GOOD, "Соколова", "Вера", NOW + 1000), "expired at the instant");
        assertFalse(RedemptionRules.redeemable(new CodeFacts(0, NOW + 1000, false, true, true, "Соколова", "Вера"), "Соколова", "Вера", NOW), "no pupil");
        assertFalse(RedemptionRules.redeemable(new CodeFacts(0, NOW + 1000, true, false, true, "Соколова", "Вера"), "Соколова", "Вера", NOW), "moved school");
        assertFalse(RedemptionRules.redeemable(new CodeFacts(0, NOW + 1000, true, true, false, "Соколова", "Вера"), "Соколова", "Вера", NOW), "another school's parent");
        assertFalse(RedemptionRules.redeemable(GOOD, "Соколов", "Вера", NOW), "wrong surname");
        assertFalse(RedemptionRules.redeemable(GOOD, "Соколова", "Вероника", NOW), "wrong first name");
        assertFalse(RedemptionRules.redeemable(GOOD, "", "", NOW), "no name");
        assertFalse(RedemptionRules.redeemable(new CodeFacts(0, NOW + 1000, true, true, true, null, null), "", "", NOW), "a card without names matches nothing");
    }

    @Test
    void r_fam_2_settingsHaveDefaultsThatWorkAndIgnoreNonsense() {
        assertEquals(InvitationSettings.DEFAULTS, InvitationSettings.of(name -> null));
        assertEquals(Duration.ofDays(7), InvitationSettings.DEFAULTS.validity());
        assertEquals(3, InvitationSettings.DEFAULTS.perChild());
        assertFalse(InvitationSettings.DEFAULTS.requireEsia());
        Map<String, String> set = Map.of(InvitationSettings.VALIDITY, "P14D", InvitationSettings.PER_CHILD, "2",
                InvitationSettings.PER_PARENT, "4", InvitationSettings.PER_ADDRESS, "8", InvitationSettings.WINDOW, "PT15M",
                InvitationSettings.REQUIRE_ESIA, "TRUE");
        assertEquals(new InvitationSettings(Duration.ofDays(14), 2, 4, 8, Duration.ofMinutes(15), true), InvitationSettings.of(set::get));
        assertEquals(Duration.ofDays(3), InvitationSettings.of(Map.of(InvitationSettings.VALIDITY, "3")::get).validity(), "a number of days");
        Map<String, String> nonsense = Map.of(InvitationSettings.VALIDITY, "P1000D", InvitationSettings.PER_CHILD, "0",
                InvitationSettings.PER_PARENT, "-1", InvitationSettings.PER_ADDRESS, "many", InvitationSettings.WINDOW, "PT0S",
                InvitationSettings.REQUIRE_ESIA, "yes");
        assertEquals(InvitationSettings.DEFAULTS, InvitationSettings.of(nonsense::get));
    }
}
