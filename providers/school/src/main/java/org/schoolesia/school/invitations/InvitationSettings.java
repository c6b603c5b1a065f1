package org.schoolesia.school.invitations;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import org.schoolesia.school.kernel.PureRule;

/**
 * R-FAM-2 settings of a realm, read from its attributes (e.g. {@code kcadm.sh update realms/<realm>
 * -s 'attributes."schoolInvitationCodeValidity"=P14D'}). An unreadable or out-of-range value counts
 * as unset, so a typo never opens anything wider than the default.
 *
 * @param validity         how long a code stays valid: {@value #VALIDITY} (ISO-8601 {@code P7D},
 *                         {@code PT12H}, or a number of days), 1 second … 90 days, default 7 days
 * @param perChild         active codes one child may have at once: {@value #PER_CHILD}, 1…10, default 3
 * @param perParent        redemption attempts per parent account within the window: {@value #PER_PARENT}, 1…1000, default 10
 * @param perAddress       redemption attempts per client address within the window: {@value #PER_ADDRESS}, 1…10000, default 50
 * @param window           the attempts' window: {@value #WINDOW}, 1 second … 7 days, default 1 hour
 * @param requireEsia      only parents whose account is linked to a confirmed Госуслуги account
 *                         redeem: {@value #REQUIRE_ESIA} = {@code true}, default false
 */
@PureRule
public record InvitationSettings(Duration validity, int perChild, int perParent, int perAddress, Duration window, boolean requireEsia) {

    public static final String VALIDITY = "schoolInvitationCodeValidity";
    public static final String PER_CHILD = "schoolInvitationCodesPerChild";
    public static final String PER_PARENT = "schoolInvitationAttemptsPerParent";
    public static final String PER_ADDRESS = "schoolInvitationAttemptsPerAddress";
    public static final String WINDOW = "schoolInvitationAttemptWindow";
    public static final String REQUIRE_ESIA = "schoolInvitationRequiresEsia";

    public static final InvitationSettings DEFAULTS = new InvitationSettings(Duration.ofDays(7), 3, 10, 50, Duration.ofHours(1), false);

    /** {@code attribute}: the realm's attribute by name (null when unset). */
    public static InvitationSettings of(Function<String, String> attribute) {
        return new InvitationSettings(
                duration(attribute.apply(VALIDITY), Duration.ofSeconds(1), Duration.ofDays(90), DEFAULTS.validity),
                number(attribute.apply(PER_CHILD), 1, 10, DEFAULTS.perChild),
                number(attribute.apply(PER_PARENT), 1, 1000, DEFAULTS.perParent),
                number(attribute.apply(PER_ADDRESS), 1, 10000, DEFAULTS.perAddress),
                duration(attribute.apply(WINDOW), Duration.ofSeconds(1), Duration.ofDays(7), DEFAULTS.window),
                "true".equalsIgnoreCase(strip(attribute.apply(REQUIRE_ESIA))));
    }

    static Duration duration(String value, Duration min, Duration max, Duration fallback) {
        String v = strip(value);
        if (v == null) {
            return fallback;
        }
        Duration d;
        try {
            d = v.matches("\\d{1,3}") ? Duration.ofDays(Long.parseLong(v)) : Duration.parse(v);
        } catch (DateTimeParseException | ArithmeticException e) {
            return fallback;
        }
        return d.compareTo(min) < 0 || d.compareTo(max) > 0 ? fallback : d;
    }

    static int number(String value, int min, int max, int fallback) {
        String v = strip(value);
        if (v == null || !v.matches("\\d{1,6}")) {
            return fallback;
        }
        int n = Integer.parseInt(v);
        return n < min || n > max ? fallback : n;
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
