package org.schoolesia.school.login;

import java.util.Arrays;
import java.util.Locale;
import org.schoolesia.school.kernel.PureRule;

/**
 * Which way of logging in the organisation login page shows first. {@link #ESIA_FIRST} is the
 * default: by law login goes through ESIA (R-ESIA-1) and parents, the largest group, come that
 * way; passwords serve linking and accounts without ESIA. {@link #PASSWORD_FIRST} suits a realm
 * where most people still log in with a password (e.g. an ОДО during the change-over).
 */
@PureRule
public enum LoginPageOrder {
    ESIA_FIRST("esia-first"),
    PASSWORD_FIRST("password-first");

    private final String value;

    LoginPageOrder(String value) {
        this.value = value;
    }

    /** The value of the step setting and of the template's {@code schoolLoginOrder}. */
    public String value() {
        return value;
    }

    /** Unknown or empty values fall back to {@link #ESIA_FIRST}: a typo must not hide Госуслуги. */
    public static LoginPageOrder parse(String value) {
        if (value == null) {
            return ESIA_FIRST;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.value.equals(v)).findFirst().orElse(ESIA_FIRST);
    }
}
