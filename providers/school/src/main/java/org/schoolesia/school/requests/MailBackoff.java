package org.schoolesia.school.requests;

import java.time.Duration;
import org.schoolesia.school.kernel.PureRule;

/**
 * When the outbox tries a message again after a failed attempt: doubling from {@code first} up to
 * {@code max}, until {@code maxAttempts} attempts have failed; then the message is given up (marked
 * failed and listed for admins), as is at once a message the mail server refused for good
 * ({@link MailFailure}): an outage only delays the mail, a wrong address never loops forever.
 */
@PureRule
public record MailBackoff(Duration first, Duration max, int maxAttempts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 20;

    public MailBackoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("0 < first <= max");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts >= 1");
        }
    }

    public MailBackoff(Duration first, Duration max) {
        this(first, max, DEFAULT_MAX_ATTEMPTS);
    }

    /** Delay after the {@code attempts}-th failed attempt (1-based). */
    public Duration after(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = first.multipliedBy(1L << Math.min(doublings, 20));
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Whether the {@code attempts}-th failed attempt ends the message's tries. */
    public boolean givesUp(int attempts, boolean permanent) {
        return permanent || attempts >= maxAttempts;
    }
}
