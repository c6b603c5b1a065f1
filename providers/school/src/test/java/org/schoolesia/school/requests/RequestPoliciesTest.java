package org.schoolesia.school.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RequestPoliciesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aPendingRequestOlderThanTheRealmsDaysIsOverdue() {
        OverduePolicy policy = OverduePolicy.of("3");
        assertTrue(policy.isOverdue(RequestStatus.PENDING, NOW.minus(Duration.ofDays(3)).minusSeconds(1), NOW));
        assertFalse(policy.isOverdue(RequestStatus.PENDING, NOW.minus(Duration.ofDays(3)).plusSeconds(1), NOW));
        assertFalse(policy.isOverdue(RequestStatus.RESOLVED, NOW.minus(Duration.ofDays(30)), NOW), "decided requests are never overdue");
    }

    @Test
    void defect9_linkedAnotherWayIsAFinalStateThatIsNeverOverdue() {
        assertEquals(RequestStatus.LINKED_ELSEWHERE, RequestStatus.of("linked-elsewhere").orElseThrow());
        assertTrue(RequestStatus.PENDING.mayBecome(RequestStatus.LINKED_ELSEWHERE));
        assertFalse(RequestStatus.LINKED_ELSEWHERE.mayBecome(RequestStatus.RESOLVED), "staff cannot decide it afterwards");
        assertFalse(RequestStatus.LINKED_ELSEWHERE.mayBecome(RequestStatus.REJECTED));
        assertFalse(OverduePolicy.of("3").isOverdue(RequestStatus.LINKED_ELSEWHERE, NOW.minus(Duration.ofDays(30)), NOW));
        // The status column holds 16 characters.
        assertTrue(RequestStatus.LINKED_ELSEWHERE.code().length() <= 16);
    }

    @Test
    void anUnreadableSettingFallsBackToTheDefault() {
        assertEquals(OverduePolicy.DEFAULT_DAYS, OverduePolicy.of(null).days());
        assertEquals(OverduePolicy.DEFAULT_DAYS, OverduePolicy.of("три").days());
        assertEquals(OverduePolicy.DEFAULT_DAYS, OverduePolicy.of("0").days());
        assertEquals(7, OverduePolicy.of(" 7 ").days());
    }

    @Test
    void retriesDoubleUpToTheLongestDelay() {
        MailBackoff backoff = new MailBackoff(Duration.ofSeconds(60), Duration.ofMinutes(10));
        assertEquals(Duration.ofSeconds(60), backoff.after(1));
        assertEquals(Duration.ofSeconds(120), backoff.after(2));
        assertEquals(Duration.ofSeconds(480), backoff.after(4));
        assertEquals(Duration.ofMinutes(10), backoff.after(5));
        assertEquals(Duration.ofMinutes(10), backoff.after(1000));
    }

    @Test
    void aRequestIsDecidedOnceAndOnlyFromPending() {
        assertTrue(RequestStatus.PENDING.mayBecome(RequestStatus.RESOLVED));
        assertTrue(RequestStatus.PENDING.mayBecome(RequestStatus.REJECTED));
        assertFalse(RequestStatus.PENDING.mayBecome(RequestStatus.PENDING));
        assertFalse(RequestStatus.RESOLVED.mayBecome(RequestStatus.REJECTED));
        assertFalse(RequestStatus.REJECTED.mayBecome(RequestStatus.RESOLVED));
        assertEquals(RequestStatus.REJECTED, RequestStatus.of(" Rejected ").orElseThrow());
    }
}
