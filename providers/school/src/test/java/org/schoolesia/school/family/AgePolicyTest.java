package org.schoolesia.school.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class AgePolicyTest {

    private static final ZoneId SAKHALIN = ZoneId.of("Asia/Sakhalin");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private static AgePolicy at(String instant) {
        return new AgePolicy(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void r_age_1_fourteenthBirthdayCountsInTheOrganisationsZone() {
        // 2026-03-10 16:30 UTC is already 11 March on Sakhalin (UTC+11) but still 10 March in Moscow.
        AgePolicy policy = at("2026-03-10T16:30:00Z");
        LocalDate born = LocalDate.of(2012, 3, 11);
        assertTrue(policy.hasReached14(born, SAKHALIN));
        assertFalse(policy.hasReached14(born, MOSCOW));
    }

    @Test
    void r_age_1_dayBeforeBirthdayIsStill13() {
        AgePolicy policy = at("2026-03-09T12:00:00Z");
        assertEquals(13, policy.ageOn(LocalDate.of(2012, 3, 10), MOSCOW));
    }

    @Test
    void leapDayBirthdayCountsOnFirstMarchInCommonYears() {
        LocalDate born = LocalDate.of(2012, 2, 29);
        assertFalse(at("2026-02-28T12:00:00Z").hasReached14(born, MOSCOW));
        assertTrue(at("2026-03-01T12:00:00Z").hasReached14(born, MOSCOW));
        assertTrue(at("2028-02-29T12:00:00Z").isAdult(LocalDate.of(2010, 2, 28), MOSCOW));
    }

    @Test
    void adulthoodAtEighteen() {
        AgePolicy policy = at("2026-11-22T12:00:00Z");
        assertTrue(policy.isAdult(LocalDate.of(2008, 11, 22), MOSCOW));
        assertFalse(policy.isAdult(LocalDate.of(2008, 11, 23), MOSCOW));
    }

    @Test
    void futureBirthDateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> at("2026-11-22T12:00:00Z").ageOn(LocalDate.of(2027, 1, 1), MOSCOW));
    }
}
