package org.schoolesia.school.link;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;

/** Reading a step's settings with defaults: what the typed settings classes share. */
public final class StepConfig {

    private StepConfig() {
    }

    public static Map<String, String> of(AuthenticatorConfigModel config) {
        return config == null || config.getConfig() == null ? Map.of() : config.getConfig();
    }

    public static String trim(String value) {
        return value == null ? null : value.trim();
    }

    /** Off only when it says "false". */
    public static boolean onUnlessFalse(String value) {
        return !"false".equalsIgnoreCase(trim(value));
    }

    public static boolean onIfTrue(String value) {
        return "true".equalsIgnoreCase(trim(value));
    }

    /** A positive whole number, or the default for anything else. */
    public static int positive(String value, int fallback) {
        try {
            int parsed = Integer.parseInt(trim(value));
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }
}
