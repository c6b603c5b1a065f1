package org.schoolesia.school.link;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.accounts.SchoolRole;

/** Issue #4 step 3: names compare ё/е-, case- and NFC-insensitively; SNILS and birth date must not contradict. */
class PersonMatchTest {

    private static EsiaPersonFacts person(String last, String first, String middle, String birth, String snils) {
        return new EsiaPersonFacts("1000000002", last, first, middle, birth == null ? null : LocalDate.parse(birth), snils, true);
    }

    private static AccountFacts account(String last, String first, String middle, String birth, String snils) {
        return new AccountFacts("u1", SchoolRole.STUDENT, last, first, middle, birth == null ? null : LocalDate.parse(birth), snils, "sosh-1-ys", true);
    }

    @Test
    void yoAndCaseAndDecomposedLettersDoNotMatter() {
        // "Пётр" typed with a combining diaeresis (NFD) in the school register, "ПЕТР" in upper case elsewhere.
        assertTrue(PersonMatch.sameFullName(person("Иванов", "Пётр", "Сергеевич", null, null),
                account("ИВАНОВ", "Пе\u0308тр", "сергеевич", null, null)));
        assertTrue(PersonMatch.sameFullName(person("Иванов", "Пётр", null, null, null),
                account("Иванов", "Петр", "Сергеевич", null, null)), "a missing middle name on one side does not count");
        assertTrue(PersonMatch.sameFullName(person(" Иванов ", "Пётр", null, null, null),
                account("Иванов", "Пётр\u00a0", null, null, null)));
    }

    @Test
    void differentNamesDoNotMatch() {
        assertFalse(PersonMatch.sameFullName(person("Иванов", "Пётр", "Сергеевич", null, null),
                account("Иванов", "Пётр", "Андреевич", null, null)));
        assertFalse(PersonMatch.sameFullName(person("Иванова", "Анна", null, null, null),
                account("Иванов", "Анна", null, null, null)));
        assertFalse(PersonMatch.sameFullName(person(null, "Пётр", null, null, null), account(null, "Пётр", null, null, null)),
                "an empty surname never matches");
    }

    @Test
    void birthDateMustBeKnownAndEqualForAnAutomaticMatch() {
        assertTrue(PersonMatch.sameBirthDate(person("И", "П", null, "2012-09-05", null), account("И", "П", null, "2012-09-05", null)));
        assertFalse(PersonMatch.sameBirthDate(person("И", "П", null, null, null), account("И", "П", null, null, null)));
        assertFalse(PersonMatch.sameBirthDate(person("И", "П", null, "2012-09-05", null), account("И", "П", null, "2012-09-06", null)));
    }

    @Test
    void contradictionIsADifferentSnilsOrBirthDateWhereBothAreKnown() {
        assertTrue(PersonMatch.noContradiction(person("И", "П", null, "1986-03-14", "11223344595"), account("И", "П", null, null, null)));
        assertFalse(PersonMatch.noContradiction(person("И", "П", null, "1986-03-14", null), account("И", "П", null, "2012-09-05", null)),
                "a parent's birth date on a child's card");
        assertFalse(PersonMatch.noContradiction(person("И", "П", null, null, "11223344595"), account("И", "П", null, null, "12345678964")));
    }
}
