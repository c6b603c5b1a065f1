package org.schoolesia.school.family.childaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.age.AgePolicy.Verdict;
import org.schoolesia.school.family.childaccess.ChildAccessRules.Refusal;

/** «Доступ для учеников до 14 лет» (R-FAM-4, R-AGE-1): who may, the age boundary, what a login and a password look like. */
class ChildAccessRulesTest {

    private static final ZoneId SAKHALIN = ZoneId.of("Asia/Sakhalin");
    private static final ZoneId KALININGRAD = ZoneId.of("Europe/Kaliningrad");
    private static final LocalDate BORN = LocalDate.of(2012, 3, 11);

    private static Instant at(int year, int month, int day, int hour, int minute, ZoneId zone) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, zone).toInstant();
    }

    private static Optional<Refusal> parentAt(Instant at, LocalDate born, ZoneId zone) {
        return ChildAccessRules.forParent(true, true, true, ChildAccessRules.age(14, born, at, zone));
    }

    @Test
    void r_age_1_theDayBeforeThe14thBirthdayAParentMayAndOnTheBirthdayNoLonger() {
        assertEquals(Optional.empty(), parentAt(at(2026, 3, 10, 23, 59, SAKHALIN), BORN, SAKHALIN), "last minute of the day before");
        assertEquals(Optional.of(Refusal.CHILD_OF_AGE), parentAt(at(2026, 3, 11, 0, 0, SAKHALIN), BORN, SAKHALIN), "first minute of the birthday");
        assertEquals(Optional.of(Refusal.CHILD_OF_AGE), parentAt(at(2026, 3, 12, 12, 0, SAKHALIN), BORN, SAKHALIN), "the day after");
        assertEquals(Optional.empty(), parentAt(at(2020, 1, 1, 12, 0, SAKHALIN), BORN, SAKHALIN), "a young child");
    }

    @Test
    void r_age_1_theBirthdayBeginsInTheHomeOrganisationsZone() {
        // 14:00 UTC on 10 March: already the 11th on Sakhalin (UTC+11), still the 10th in Kaliningrad (UTC+2).
        Instant instant = Instant.parse("2026-03-10T14:00:00Z");
        assertEquals(Optional.of(Refusal.CHILD_OF_AGE), parentAt(instant, BORN, SAKHALIN));
        assertEquals(Optional.empty(), parentAt(instant, BORN, KALININGRAD));
    }

    @Test
    void r_age_1_bornOn29FebruaryTurns14On28FebruaryInACommonYear() {
        LocalDate leap = LocalDate.of(2012, 2, 29);
        assertEquals(Optional.empty(), parentAt(at(2026, 2, 27, 23, 59, SAKHALIN), leap, SAKHALIN));
        assertEquals(Optional.of(Refusal.CHILD_OF_AGE), parentAt(at(2026, 2, 28, 0, 0, SAKHALIN), leap, SAKHALIN));
    }

    @Test
    void r_age_1_anUnknownOrImplausibleBirthDateIsRefusedNeverGuessed() {
        Instant now = at(2026, 12, 6, 12, 0, SAKHALIN);
        assertEquals(Optional.of(Refusal.BIRTH_DATE_UNKNOWN), parentAt(now, null, SAKHALIN));
        assertEquals(Optional.of(Refusal.BIRTH_DATE_UNKNOWN), parentAt(now, LocalDate.of(2027, 1, 1), SAKHALIN), "in the future");
        assertEquals(Optional.of(Refusal.BIRTH_DATE_UNKNOWN), parentAt(now, LocalDate.of(1900, 1, 1), SAKHALIN), "over 120 years");
    }

    @Test
    void theRealmsSelfServiceAgeIsTheThreshold() {
        Instant at = at(2024, 3, 11, 0, 0, SAKHALIN);
        assertEquals(Verdict.REACHED, ChildAccessRules.age(12, BORN, at, SAKHALIN));
        assertEquals(Verdict.NOT_REACHED, ChildAccessRules.age(14, BORN, at, SAKHALIN));
    }

    @Test
    void r_fam_4_onlyAParentWithAnActiveLinkToAPupil() {
        assertEquals(Optional.of(Refusal.NOT_A_PARENT), ChildAccessRules.forParent(false, true, true, Verdict.NOT_REACHED),
                "a pupil or a staff member through the personal API");
        assertEquals(Optional.of(Refusal.NOT_FOUND), ChildAccessRules.forParent(true, false, true, Verdict.NOT_REACHED), "not your child");
        assertEquals(Optional.of(Refusal.NOT_FOUND), ChildAccessRules.forParent(true, true, false, Verdict.NOT_REACHED), "no pupil");
        assertEquals(Optional.of(Refusal.NOT_FOUND), ChildAccessRules.forParent(true, false, true, Verdict.REACHED),
                "a stranger learns nothing of the child's age");
        assertEquals(Optional.empty(), ChildAccessRules.forParent(true, true, true, Verdict.NOT_REACHED));
    }

    @Test
    void r_fam_4_staffOfTheHomeOrganisationOnly() {
        assertEquals(Optional.of(Refusal.NOT_FOUND), ChildAccessRules.forStaff(false, false, Verdict.NOT_REACHED));
        assertEquals(Optional.of(Refusal.NOT_HOME_ORGANIZATION), ChildAccessRules.forStaff(true, false, Verdict.NOT_REACHED));
        assertEquals(Optional.of(Refusal.CHILD_OF_AGE), ChildAccessRules.forStaff(true, true, Verdict.REACHED));
        assertEquals(Optional.of(Refusal.BIRTH_DATE_UNKNOWN), ChildAccessRules.forStaff(true, true, Verdict.BIRTH_DATE_UNKNOWN));
        assertEquals(Optional.empty(), ChildAccessRules.forStaff(true, true, Verdict.NOT_REACHED));
    }

    @Test
    void loginsAreLatinLowerCaseAndBounded() {
        assertEquals(Optional.of("anna.ivanova"), ChildAccessRules.login("  Anna.Ivanova "));
        assertEquals(Optional.of("a_b-c9"), ChildAccessRules.login("a_b-c9"));
        assertEquals(Optional.of("abc"), ChildAccessRules.login("abc"));
        assertEquals(Optional.of("a" + "b".repeat(39)), ChildAccessRules.login("a" + "b".repeat(39)));
        assertEquals(Optional.empty(), ChildAccessRules.login("a" + "b".repeat(40)), "41 characters");
        assertEquals(Optional.empty(), ChildAccessRules.login("ab"), "too short");
        assertEquals(Optional.empty(), ChildAccessRules.login("9anna"), "starts with a digit");
        assertEquals(Optional.empty(), ChildAccessRules.login("анна"), "Cyrillic");
        assertEquals(Optional.empty(), ChildAccessRules.login("anna@school.ru"), "an e-mail");
        assertEquals(Optional.empty(), ChildAccessRules.login("anna ivanova"));
        assertEquals(Optional.empty(), ChildAccessRules.login(null));
    }

    @Test
    void passwordsAgreeAndHaveEightCharacters() {
        assertEquals(Optional.empty(), ChildAccessRules.password("Pupil-pass-1", "Pupil-pass-1"));
        assertEquals(Optional.of(Refusal.PASSWORD_MISMATCH), ChildAccessRules.password("Pupil-pass-1", "Pupil-pass-2"));
        assertEquals(Optional.of(Refusal.PASSWORD_TOO_SHORT), ChildAccessRules.password("short1", "short1"));
        assertEquals(Optional.of(Refusal.PASSWORD_TOO_SHORT), ChildAccessRules.password(null, null));
    }
}
