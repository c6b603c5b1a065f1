package org.schoolesia.school.requests;

import java.time.Duration;
import java.time.Instant;
import org.schoolesia.school.kernel.PureRule;

/**
 * Requests undecided for longer than the realm's setting are flagged for the organisation's
 * administrator (issue #5): the person is waiting and nobody has acted.
 */
@PureRule
public record OverduePolicy(int days) {

    /** Realm attribute holding the number of days. */
    public static final String REALM_ATTRIBUTE = "schoolAccessRequestOverdueDays";
    public static final int DEFAULT_DAYS = 3;

    public OverduePolicy {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1");
        }
    }

    /** The realm's value; the default when unset or unreadable. */
    public static OverduePolicy of(String attribute) {
        try {
            int days = attribute == null || attribute.isBlank() ? DEFAULT_DAYS : Integer.parseInt(attribute.trim());
            return new OverduePolicy(days < 1 ? DEFAULT_DAYS : days);
        } catch (NumberFormatException e) {
            return new OverduePolicy(DEFAULT_DAYS);
        }
    }

    /** Requests created before this instant are overdue now. */
    public Instant overdueBefore(Instant now) {
        return now.minus(Duration.ofDays(days));
    }

    public boolean isOverdue(RequestStatus status, Instant created, Instant now) {
        return status == RequestStatus.PENDING && created.isBefore(overdueBefore(now));
    }
}
