package org.schoolesia.school.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.schoolesia.school.kernel.PureRule;

/**
 * How long a realm keeps what it no longer needs (152-FZ: personal data no longer than the purpose
 * requires): decided access requests with their e-mails, and sent e-mails. Realm attributes, each a
 * number of days or an ISO-8601 duration ({@code PT12H}); unset, unreadable or not positive: the default.
 * Keycloak's own user and admin events (our audit) expire by the realm's event settings instead.
 */
@PureRule
public record RetentionPolicy(Duration decidedRequests, Duration sentMail) {

    public static final String DECIDED_REQUESTS_ATTRIBUTE = "schoolRetentionDecidedRequestDays";
    public static final String SENT_MAIL_ATTRIBUTE = "schoolRetentionSentMailDays";
    public static final Duration DEFAULT_DECIDED_REQUESTS = Duration.ofDays(365);
    public static final Duration DEFAULT_SENT_MAIL = Duration.ofDays(30);

    public static RetentionPolicy of(String decidedRequests, String sentMail) {
        return new RetentionPolicy(parse(decidedRequests).orElse(DEFAULT_DECIDED_REQUESTS), parse(sentMail).orElse(DEFAULT_SENT_MAIL));
    }

    /** A positive number of days or ISO-8601 duration; empty otherwise. */
    public static Optional<Duration> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            Duration d = v.startsWith("P") || v.startsWith("p") ? Duration.parse(v) : Duration.ofDays(Long.parseLong(v));
            return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** ISO-8601 as an operator writes it: whole days as {@code P365D} (Java would say {@code PT8760H}). */
    public static String format(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    public Instant decidedBefore(Instant now) {
        return now.minus(decidedRequests);
    }

    public Instant sentBefore(Instant now) {
        return now.minus(sentMail);
    }
}
