package org.schoolesia.esia.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

class EsiaClockOffsetTest {

    private static String dateHeader(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    @Test
    void esiaAheadByTenMinutesShiftsOurTimestampsWhenEnabled() {
        EsiaClockOffset.observe("ahead", dateHeader(Instant.now().plus(Duration.ofMinutes(10))));
        Duration shift = Duration.between(Instant.now(), EsiaClockOffset.now("ahead", true));
        assertTrue(shift.compareTo(Duration.ofMinutes(9)) > 0 && shift.compareTo(Duration.ofMinutes(11)) < 0, shift.toString());
        Duration off = Duration.between(Instant.now(), EsiaClockOffset.now("ahead", false));
        assertTrue(off.abs().compareTo(Duration.ofSeconds(1)) < 0, "no correction unless the admin enables it");
    }

    @Test
    void latencyNoiseIsIgnoredAndGarbageHeadersChangeNothing() {
        assertEquals(Duration.ZERO, EsiaClockOffset.observe("near", dateHeader(Instant.now().plusSeconds(1))));
        assertNull(EsiaClockOffset.observe("near", "yesterday-ish"));
        assertNull(EsiaClockOffset.observe("near", null));
    }

    @Test
    void tokenChecksUseEsiasTimeAndTheOffsetIsRemeasuredWhenStale() {
        assertTrue(EsiaClockOffset.stale("behind"), "never measured");
        EsiaClockOffset.observe("behind", dateHeader(Instant.now().minus(Duration.ofMinutes(5))));
        assertTrue(!EsiaClockOffset.stale("behind"), "just measured");
        Duration shift = Duration.between(Instant.now(), EsiaClockOffset.clock("behind", true).instant());
        assertTrue(shift.compareTo(Duration.ofMinutes(-6)) > 0 && shift.compareTo(Duration.ofMinutes(-4)) < 0, shift.toString());
    }

    @Test
    void aSuccessfulAnswerIsReadForTheClockOnlyOnceAMinute_anUnseenProviderAtOnce() {
        Duration first = EsiaClockOffset.observeIfDue("due", dateHeader(Instant.now().plus(Duration.ofMinutes(3))));
        assertTrue(first.compareTo(Duration.ofMinutes(2)) > 0, "never observed: read at once, " + first);
        Duration again = EsiaClockOffset.observeIfDue("due", dateHeader(Instant.now().minus(Duration.ofMinutes(7))));
        assertEquals(first, again, "within the minute the known offset stands");
        Duration refused = EsiaClockOffset.observe("due", dateHeader(Instant.now().minus(Duration.ofMinutes(7))));
        assertTrue(refused.compareTo(Duration.ofMinutes(-6)) < 0, "an error answer is always read: " + refused);
    }
}
