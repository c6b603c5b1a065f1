package org.schoolesia.school.link;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.schoolesia.school.kernel.PureRule;

/**
 * R-LINK-4: self-linking by login and password is allowed until a moment in the region's local
 * time (the seeds' region: 2025-04-01 00:00); afterwards only a responsible employee links.
 * An unreadable setting closes self-linking: refusing a shortcut locks nobody out, since staff
 * can always link.
 */
@PureRule
public final class SelfLinkCutoff {

    private final Instant until;
    private final boolean configured;

    private SelfLinkCutoff(Instant until, boolean configured) {
        this.until = until;
        this.configured = configured;
    }

    public static final SelfLinkCutoff NONE = new SelfLinkCutoff(null, false);
    public static final SelfLinkCutoff CLOSED = new SelfLinkCutoff(Instant.MIN, true);

    /**
     * @param localDateTime e.g. {@code 2025-04-01T00:00}; blank means no cut-off
     * @param zone e.g. {@code Asia/Sakhalin}; blank means UTC
     */
    public static SelfLinkCutoff parse(String localDateTime, String zone) {
        if (localDateTime == null || localDateTime.isBlank()) {
            return NONE;
        }
        try {
            ZoneId zoneId = zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone.trim());
            return new SelfLinkCutoff(ZonedDateTime.of(LocalDateTime.parse(localDateTime.trim()), zoneId).toInstant(), true);
        } catch (DateTimeException e) {
            return CLOSED;
        }
    }

    public boolean isOpen(Instant now) {
        return !configured || now.isBefore(until);
    }

    public boolean isConfigured() {
        return configured;
    }
}
