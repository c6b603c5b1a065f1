package org.schoolesia.school.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 14 (152-FZ retention): realm settings in days or ISO-8601, defaults for anything else. */
class RetentionPolicyTest {

    @Test
    void unsetOrUnreadableSettingsGiveTheDefaults() {
        RetentionPolicy p = RetentionPolicy.of(null, "soon");
        assertEquals(Duration.ofDays(365), p.decidedRequests());
        assertEquals(Duration.ofDays(30), p.sentMail());
        assertEquals(RetentionPolicy.of("0", "-3"), p, "not positive: the default");
    }

    @Test
    void daysOrIsoDurations() {
        RetentionPolicy p = RetentionPolicy.of(" 90 ", "PT12H");
        assertEquals(Duration.ofDays(90), p.decidedRequests());
        assertEquals(Duration.ofHours(12), p.sentMail());
        Instant now = Instant.parse("2026-12-07T00:00:00Z");
        assertEquals(Instant.parse("2026-09-08T00:00:00Z"), p.decidedBefore(now));
        assertEquals(Instant.parse("2026-12-06T12:00:00Z"), p.sentBefore(now));
        assertTrue(RetentionPolicy.parse("P1Y").isEmpty(), "years are not a Duration: refused, not guessed");
        assertEquals("P365D", RetentionPolicy.format(Duration.ofDays(365)));
        assertEquals("PT15S", RetentionPolicy.format(Duration.ofSeconds(15)));
    }
}
