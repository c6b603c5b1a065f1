package org.schoolesia.school.requests;

import java.time.Duration;
import org.schoolesia.school.kernel.PureRule;

/**
 * When the outbox tries a message again after a failed attempt: doubling from {@code first} up to
 * {@code max}, forever (a decision's e-mail is never dropped; an outage only delays it).
 */
@PureRule
public record MailBackoff(Duration first, Duration max) {

    public MailBackoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("0 < first <= max");
        }
    }

    /** Delay after the {@code attempts}-th failed attempt (1-based). */
    public Duration after(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = first.multipliedBy(1L << Math.min(doublings, 20));
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
