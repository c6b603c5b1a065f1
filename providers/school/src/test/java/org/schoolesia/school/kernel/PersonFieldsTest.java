package org.schoolesia.school.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PersonFieldsTest {

    /** 2026-12-06 10:00 UTC: already 7 December in Kiribati (UTC+14). */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void defect6_bidiAndZeroWidthCharactersAreStrippedFromNames() {
        for (char c : new char[] {'\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D',
                '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\uFEFF'}) {
            String name = "Ива" + c + "нов";
            assertTrue(PersonFields.hasInvisibleControls(name), Integer.toHexString(c));
            assertEquals("Иванов", PersonFields.withoutInvisibleControls(name));
        }
        assertFalse(PersonFields.hasInvisibleControls("Римский-Корсаков д'Артаньян"));
        assertEquals("Ёлкина", PersonFields.withoutInvisibleControls("Ёлкина"));
        assertNull(PersonFields.withoutInvisibleControls(null));
    }

    @Test
    void defect6_aTenKilobyteSurnameIsCutToItsColumn() {
        String surname = "Щ".repeat(10_240);
        assertEquals(255, PersonFields.bounded(surname, 255).length());
        assertEquals("Петрова", PersonFields.bounded("  \u202EПетрова\u200B ", 255));
        assertNull(PersonFields.bounded(" \u200B ", 255), "nothing left is nothing");
        // A character outside the BMP is never cut in half.
        String emoji = "А".repeat(254) + "\uD83D\uDE00";
        assertEquals(254, PersonFields.bounded(emoji, 255).length());
    }

    @Test
    void defect6_identifiersAreKeptWholeOrDropped() {
        assertEquals("11223344595", PersonFields.wholeOrNothing(" 11223344595 ", 11));
        assertNull(PersonFields.wholeOrNothing("112233445951", 11), "a cut SNILS would be another person's");
        assertNull(PersonFields.wholeOrNothing("", 11));
    }

    @Test
    void defect6_futureAndOver120YearOldBirthDatesAreUnknown() {
        assertEquals(Optional.empty(), PersonFields.birthDate("2099-01-01", NOW));
        assertEquals(Optional.empty(), PersonFields.birthDate("1890-05-01", NOW));
        assertEquals(Optional.empty(), PersonFields.birthDate("1906-12-06", NOW), "121 years on the latest date on Earth");
        assertEquals(Optional.of(LocalDate.of(1906, 12, 7)), PersonFields.birthDate("1906-12-07", NOW), "exactly 120 years");
        assertEquals(Optional.of(LocalDate.of(1986, 3, 14)), PersonFields.birthDate("1986-03-14", NOW));
        // Born today in Sakhalin or Kiribati, while it is still the 6th in UTC: not in the future.
        assertEquals(Optional.of(LocalDate.of(2026, 12, 7)), PersonFields.birthDate("2026-12-07", NOW));
        assertEquals(Optional.empty(), PersonFields.birthDate("2026-12-08", NOW));
    }

    @Test
    void defect6_malformedOrImpossibleDatesAreUnknown() {
        assertEquals(Optional.empty(), PersonFields.birthDate("2016-02-31", NOW));
        assertEquals(Optional.empty(), PersonFields.birthDate("12.05.2016", NOW));
        assertEquals(Optional.empty(), PersonFields.birthDate("", NOW));
        assertEquals(Optional.empty(), PersonFields.birthDate(null, NOW));
        assertEquals(Optional.empty(), PersonFields.plausibleBirthDate(null, LocalDate.of(2026, 1, 1)));
    }
}
