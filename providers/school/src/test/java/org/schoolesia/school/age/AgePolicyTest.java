package org.schoolesia.school.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.age.AgePolicy.Verdict;

/** R-AGE-1: "has reached N years" — the N-th birthday has begun in the organisation's time zone. */
class AgePolicyTest {

    private static final ZoneId SAKHALIN = ZoneId.of("Asia/Sakhalin");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final ZoneId KALININGRAD = ZoneId.of("Europe/Kaliningrad");
    private static final ZoneId VLADIVOSTOK = ZoneId.of("Asia/Vladivostok");
    private static final LocalDate BORN = LocalDate.of(2012, 3, 11);

    private static AgePolicy at(String instant) {
        return new AgePolicy(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    private static Verdict fourteen(LocalDate born, String instant, ZoneId zone) {
        return AgePolicy.hasReached(14, born, Instant.parse(instant), zone);
    }

    @Test
    void r_age_1_theDayBeforeThe14thBirthdayIsNotYet() {
        assertEquals(Verdict.NOT_REACHED, fourteen(BORN, "2026-03-10T09:00:00Z", MOSCOW));
        assertEquals(13, at("2026-03-10T09:00:00Z").ageOn(BORN, MOSCOW));
    }

    @Test
    void r_age_1_theDayOfThe14thBirthdayFromItsFirstMoment() {
        // 00:00 on 11 March in Moscow is 21:00 UTC on the 10th.
        assertEquals(Verdict.NOT_REACHED, fourteen(BORN, "2026-03-10T20:59:59.999Z", MOSCOW));
        assertEquals(Verdict.REACHED, fourteen(BORN, "2026-03-10T21:00:00Z", MOSCOW));
        assertEquals(Verdict.REACHED, fourteen(BORN, "2026-03-11T20:59:59Z", MOSCOW));
        assertEquals(14, at("2026-03-11T09:00:00Z").ageOn(BORN, MOSCOW));
    }

    @Test
    void r_age_1_theDayAfterThe14thBirthday() {
        assertEquals(Verdict.REACHED, fourteen(BORN, "2026-03-12T09:00:00Z", MOSCOW));
        assertTrue(at("2026-03-12T09:00:00Z").hasReached14(BORN, MOSCOW));
    }

    @Test
    void r_age_1_midnightInVladivostokComesEightHoursBeforeKaliningrad() {
        // 11 March begins at 14:00 UTC in Vladivostok (UTC+10) and at 22:00 UTC in Kaliningrad (UTC+2).
        assertEquals(Verdict.NOT_REACHED, fourteen(BORN, "2026-03-10T13:59:59Z", VLADIVOSTOK));
        assertEquals(Verdict.REACHED, fourteen(BORN, "2026-03-10T14:00:00Z", VLADIVOSTOK));
        assertEquals(Verdict.NOT_REACHED, fourteen(BORN, "2026-03-10T14:00:00Z", KALININGRAD));
        assertEquals(Verdict.NOT_REACHED, fourteen(BORN, "2026-03-10T21:59:59Z", KALININGRAD));
        assertEquals(Verdict.REACHED, fourteen(BORN, "2026-03-10T22:00:00Z", KALININGRAD));
    }

    @Test
    void r_age_1_theServersZoneNeverMatters() {
        TimeZone server = TimeZone.getDefault();
        try {
            for (String zone : new String[] {"Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"}) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                assertEquals(Verdict.REACHED, fourteen(BORN, "2026-03-10T16:30:00Z", SAKHALIN), zone);
                assertEquals(Verdict.NOT_REACHED, fourteen(BORN, "2026-03-10T16:30:00Z", MOSCOW), zone);
            }
        } finally {
            TimeZone.setDefault(server);
        }
    }

    @Test
    void r_age_1_bornOn29February_reachesTheAgeOn28FebruaryOfACommonYear() {
        // Art. 192 § 1 and § 3 ГК РФ: a period in years ends on the corresponding day; a month without it, on its last day.
        LocalDate born = LocalDate.of(2012, 2, 29);
        assertEquals(LocalDate.of(2026, 2, 28), AgePolicy.birthday(born, 14));
        assertEquals(Verdict.NOT_REACHED, fourteen(born, "2026-02-27T12:00:00Z", MOSCOW));
        assertEquals(Verdict.REACHED, fourteen(born, "2026-02-28T00:00:00Z", MOSCOW));
        assertEquals(Verdict.REACHED, fourteen(born, "2026-03-01T12:00:00Z", MOSCOW));
        assertEquals(14, at("2026-02-28T12:00:00Z").ageOn(born, MOSCOW));
        assertEquals(13, at("2026-02-27T12:00:00Z").ageOn(born, MOSCOW));
    }

    @Test
    void r_age_1_bornOn29February_reachesTheAgeOn29FebruaryOfALeapYear() {
        LocalDate born = LocalDate.of(2012, 2, 29);
        assertEquals(LocalDate.of(2028, 2, 29), AgePolicy.birthday(born, 16));
        assertEquals(Verdict.NOT_REACHED, AgePolicy.hasReached(16, born, Instant.parse("2028-02-28T12:00:00Z"), MOSCOW));
        assertEquals(Verdict.REACHED, AgePolicy.hasReached(16, born, Instant.parse("2028-02-29T12:00:00Z"), MOSCOW));
    }

    @Test
    void r_age_1_unknownBirthDateIsRefusedWithAReason_neverGuessed() {
        assertEquals(Verdict.BIRTH_DATE_UNKNOWN, fourteen(null, "2026-03-10T09:00:00Z", MOSCOW));
        assertEquals("birth_date_unknown", Verdict.BIRTH_DATE_UNKNOWN.code());
        // Implausible dates are unknown too: in the future, or more than 120 years ago.
        assertEquals(Verdict.BIRTH_DATE_UNKNOWN, fourteen(LocalDate.of(2027, 1, 1), "2026-03-10T09:00:00Z", MOSCOW));
        assertEquals(Verdict.BIRTH_DATE_UNKNOWN, fourteen(LocalDate.of(1900, 1, 1), "2026-03-10T09:00:00Z", MOSCOW));
        assertFalse(Verdict.BIRTH_DATE_UNKNOWN.reached());
        assertFalse(at("2026-03-10T09:00:00Z").isAdult(null, MOSCOW), "adulthood is never guessed");
    }

    @Test
    void r_age_1_anyThreshold() {
        assertEquals(Verdict.REACHED, AgePolicy.hasReached(0, BORN, Instant.parse("2012-03-10T21:00:00Z"), MOSCOW));
        assertEquals(Verdict.NOT_REACHED, AgePolicy.hasReached(18, BORN, Instant.parse("2029-03-11T12:00:00Z"), MOSCOW));
        assertThrows(IllegalArgumentException.class, () -> AgePolicy.hasReached(-1, BORN, Instant.now(), MOSCOW));
    }

    @Test
    void adulthoodAtEighteen() {
        AgePolicy policy = at("2026-11-22T12:00:00Z");
        assertTrue(policy.isAdult(LocalDate.of(2008, 11, 22), MOSCOW));
        assertFalse(policy.isAdult(LocalDate.of(2008, 11, 23), MOSCOW));
    }

    @Test
    void r_age_1_adulthoodAsksTheZoneOnlyNearTheBirthday_andAlwaysAgreesWithTheZonesAnswer() {
        // Every zone Earth has, at hours around a date change, for births around the 18th birthday and
        // around the oldest plausible date: the answer asking the zone lazily is the zone's own.
        ZoneId[] zones = {KALININGRAD, MOSCOW, VLADIVOSTOK, SAKHALIN, ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Etc/GMT+12")};
        LocalDate[] births = new LocalDate[10];
        for (int d = 0; d < 5; d++) {
            births[d] = LocalDate.of(2008, 11, 20 + d);
            births[5 + d] = LocalDate.of(1906, 11, 20 + d);
        }
        for (int hour = 0; hour < 24; hour += 3) {
            AgePolicy policy = at(String.format("2026-11-22T%02d:30:00Z", hour));
            for (LocalDate born : births) {
                for (ZoneId zone : zones) {
                    assertEquals(policy.isAdult(born, zone), policy.isAdult(born, () -> zone), born + " at " + hour + ":30 UTC in " + zone);
                }
            }
        }
        // A parent of forty needs no zone, nor does a child of ten.
        assertTrue(at("2026-11-22T12:00:00Z").isAdult(LocalDate.of(1986, 3, 14), () -> {
            throw new AssertionError("the zone was looked up");
        }));
        assertFalse(at("2026-11-22T12:00:00Z").isAdult(LocalDate.of(2016, 3, 14), () -> {
            throw new AssertionError("the zone was looked up");
        }));
    }

    @Test
    void r_age_1_theRealmsAdulthoodThreshold() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
        LocalDate born = LocalDate.of(2006, 11, 23);
        assertTrue(new AgePolicy(clock).isAdult(born, MOSCOW));
        assertFalse(new AgePolicy(clock, 21).isAdult(born, MOSCOW));
    }

    @Test
    void ageOfAFutureBirthDateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> at("2026-11-22T12:00:00Z").ageOn(LocalDate.of(2027, 1, 1), MOSCOW));
    }
}
