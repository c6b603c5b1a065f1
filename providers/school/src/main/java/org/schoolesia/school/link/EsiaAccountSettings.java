package org.schoolesia.school.link;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the ESIA account step, edited in the admin console (Authentication → the ESIA
 * first-login flow → the step's settings).
 */
public record EsiaAccountSettings(SelfLinkCutoff cutoff, boolean snilsAutoLink, boolean unconfirmedMayEnterLinked,
                                  int maxLinkFailures, Duration failureWindow, int maxRequestsPerPerson,
                                  Duration requestPersonWindow, int maxRequestsPerAddress, Duration requestAddressWindow) {

    public static final String SELF_LINK_UNTIL = "selfLinkUntil";
    public static final String SELF_LINK_ZONE = "selfLinkZone";
    public static final String SNILS_AUTO_LINK = "snilsAutoLink";
    public static final String UNCONFIRMED_MAY_ENTER = "unconfirmedMayEnterLinked";
    public static final String MAX_LINK_FAILURES = "maxLinkFailuresPerPerson";
    public static final String FAILURE_WINDOW_MINUTES = "linkFailureWindowMinutes";
    /** Access requests «Обратиться в организацию» one ESIA person may file within their window (R-REQ-1). */
    public static final String MAX_REQUESTS_PER_PERSON = "maxRequestsPerPerson";
    public static final String REQUEST_PERSON_WINDOW_HOURS = "requestPersonWindowHours";
    /** Access requests filed from one client address within their window. */
    public static final String MAX_REQUESTS_PER_ADDRESS = "maxRequestsPerAddress";
    public static final String REQUEST_ADDRESS_WINDOW_MINUTES = "requestAddressWindowMinutes";

    public static final EsiaAccountSettings DEFAULTS = of(Map.of());

    public static EsiaAccountSettings of(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        return new EsiaAccountSettings(
                SelfLinkCutoff.parse(c.get(SELF_LINK_UNTIL), c.get(SELF_LINK_ZONE)),
                !"false".equalsIgnoreCase(trim(c.get(SNILS_AUTO_LINK))),
                "true".equalsIgnoreCase(trim(c.get(UNCONFIRMED_MAY_ENTER))),
                positive(c.get(MAX_LINK_FAILURES), 5),
                Duration.ofMinutes(positive(c.get(FAILURE_WINDOW_MINUTES), 15)),
                positive(c.get(MAX_REQUESTS_PER_PERSON), 5),
                Duration.ofHours(positive(c.get(REQUEST_PERSON_WINDOW_HOURS), 24)),
                positive(c.get(MAX_REQUESTS_PER_ADDRESS), 20),
                Duration.ofMinutes(positive(c.get(REQUEST_ADDRESS_WINDOW_MINUTES), 60)));
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static int positive(String value, int fallback) {
        try {
            int parsed = Integer.parseInt(trim(value));
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }
}
