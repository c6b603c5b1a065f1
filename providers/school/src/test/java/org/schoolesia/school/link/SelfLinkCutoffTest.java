package org.schoolesia.school.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** R-LINK-4: the cut-off in the region's local time, and the step's settings. */
class SelfLinkCutoffTest {

    @Test
    void seedsRegionEndsSelfLinkingAtLocalMidnight() {
        SelfLinkCutoff cutoff = SelfLinkCutoff.parse("2025-04-01T00:00", "Asia/Sakhalin");
        // 2025-04-01 00:00 on Sakhalin (UTC+11) is 2025-03-31 13:00 UTC.
        assertTrue(cutoff.isOpen(Instant.parse("2025-03-31T12:59:59Z")));
        assertFalse(cutoff.isOpen(Instant.parse("2025-03-31T13:00:00Z")));
        assertFalse(cutoff.isOpen(Instant.parse("2026-11-22T00:00:00Z")));
    }

    @Test
    void emptyMeansNoCutoffAndGarbageClosesSelfLinking() {
        assertTrue(SelfLinkCutoff.parse("", "Asia/Sakhalin").isOpen(Instant.parse("2099-01-01T00:00:00Z")));
        assertFalse(SelfLinkCutoff.parse("1 апреля", "Asia/Sakhalin").isOpen(Instant.parse("2000-01-01T00:00:00Z")));
        assertFalse(SelfLinkCutoff.parse("2025-04-01T00:00", "Mars/Olympus").isOpen(Instant.parse("2000-01-01T00:00:00Z")));
        assertTrue(SelfLinkCutoff.parse("2025-04-01T00:00", null).isOpen(Instant.parse("2025-03-31T23:59:00Z")), "no zone: UTC");
    }

    @Test
    void settingsHaveSafeDefaults() {
        PasswordLinkSettings defaults = PasswordLinkSettings.of(Map.of());
        assertTrue(AutoLinkStep.Settings.of(Map.of()).snilsAutoLink());
        assertFalse(LinkedAccountStep.Settings.of(Map.of()).unconfirmedMayEnterLinked());
        assertEquals(5, defaults.maxLinkFailures());
        assertEquals(Duration.ofMinutes(15), defaults.failureWindow());
        assertTrue(defaults.cutoff().isOpen(Instant.now()));

        PasswordLinkSettings set = PasswordLinkSettings.of(Map.of("maxLinkFailuresPerPerson", "-3", "linkFailureWindowMinutes", "x"));
        assertFalse(AutoLinkStep.Settings.of(Map.of("snilsAutoLink", "false")).snilsAutoLink());
        assertTrue(LinkedAccountStep.Settings.of(Map.of("unconfirmedMayEnterLinked", "true")).unconfirmedMayEnterLinked());
        assertEquals(5, set.maxLinkFailures(), "nonsense falls back to the default");
        assertEquals(Duration.ofMinutes(15), set.failureWindow());
    }
}
