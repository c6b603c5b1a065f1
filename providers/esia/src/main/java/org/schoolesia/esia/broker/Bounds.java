package org.schoolesia.esia.broker;

/** A whole-number setting with its sane range: refused outside it on save, clamped into it at use. */
record Bounds(String key, String label, long min, long max, long defaultValue) {

    /** @throws IllegalArgumentException with the message the admin console shows on save */
    void check(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " must be a whole number from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(label + " must be from " + min + " to " + max + ", not " + parsed);
        }
    }

    long clamped(String value) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Math.max(min, Math.min(max, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }
}
