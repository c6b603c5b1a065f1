package org.schoolesia.esia.broker;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ESIA refuses requests whose timestamp is off (ESIA-007015). When the admin enables correction,
 * the offset between ESIA's {@code Date} header and our clock is remembered per provider and added
 * to later timestamps: a server with a drifting clock keeps working while NTP is fixed.
 * Cluster: kept per JVM on purpose — each node measures its own clock against ESIA, and nodes'
 * clocks drift apart; one node's offset would be wrong for another (README, «Production», cluster).
 */
final class EsiaClockOffset {

    // Offsets below this are noise from network latency and the header's one-second resolution.
    private static final Duration NOISE = Duration.ofSeconds(2);
    private static final Map<String, Duration> OFFSETS = new ConcurrentHashMap<>();
    /** Re-measure this often: NTP fixes and drift change the offset slowly. */
    private static final Duration REFRESH = Duration.ofMinutes(10);
    private static final Map<String, Instant> OBSERVED = new ConcurrentHashMap<>();

    private EsiaClockOffset() {
    }

    static Instant now(String providerKey, boolean enabled) {
        Instant now = Instant.now();
        if (!enabled) {
            return now;
        }
        return now.plus(OFFSETS.getOrDefault(providerKey, Duration.ZERO));
    }

    /** True when correction should learn the offset before the next request (never measured, or long ago). */
    static boolean stale(String providerKey) {
        Instant observed = OBSERVED.get(providerKey);
        return observed == null || observed.plus(REFRESH).isBefore(Instant.now());
    }

    /** ESIA's time as this server best knows it: for checking exp/nbf of ESIA's tokens. */
    static java.time.Clock clock(String providerKey, boolean enabled) {
        return new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now(providerKey, enabled);
            }
        };
    }

    /** Between observations a successful answer need not be read for the clock: the offset moves slowly. */
    private static final Duration OBSERVE_EVERY = Duration.ofMinutes(1);

    /**
     * As {@link #observe}, but only when the last observation is older than {@link #OBSERVE_EVERY}; otherwise the
     * offset known (issue 14: parsing the header cost a visible share of a login's callback).
     */
    static Duration observeIfDue(String providerKey, String dateHeader) {
        Instant observed = OBSERVED.get(providerKey);
        if (observed != null && observed.plus(OBSERVE_EVERY).isAfter(Instant.now())) {
            return OFFSETS.get(providerKey);
        }
        return observe(providerKey, dateHeader);
    }

    /** Records the offset seen in an HTTP {@code Date} header; returns it, or null if unreadable. */
    static Duration observe(String providerKey, String dateHeader) {
        if (dateHeader == null) {
            return null;
        }
        try {
            Instant remote = ZonedDateTime.parse(dateHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration offset = Duration.between(Instant.now(), remote);
            if (offset.abs().compareTo(NOISE) < 0) {
                offset = Duration.ZERO;
            }
            OFFSETS.put(providerKey, offset);
            OBSERVED.put(providerKey, Instant.now());
            return offset;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
