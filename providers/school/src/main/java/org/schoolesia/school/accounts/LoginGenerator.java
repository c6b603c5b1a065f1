package org.schoolesia.school.accounts;

import java.util.function.Predicate;
import org.schoolesia.school.kernel.PureRule;

/**
 * Readable, unique logins for accounts created by staff (R-ODO-3: staff read the login out to the
 * family): transliterated surname + first initial, then 2, 3, … while taken —
 * {@code kuznetsovi}, {@code kuznetsovi2}.
 */
@PureRule
public final class LoginGenerator {

    static final int MAX_BASE_LENGTH = 40;

    private LoginGenerator() {
    }

    /** @param taken whether a login is already used (in the realm or earlier in the same request) */
    public static String generate(String lastName, String firstName, Predicate<String> taken) {
        String base = Transliteration.latin(lastName);
        String initial = Transliteration.latin(firstName);
        base = base + (initial.isEmpty() ? "" : initial.substring(0, 1));
        if (base.length() < 3) {
            base = "user" + base;
        }
        if (base.length() > MAX_BASE_LENGTH) {
            base = base.substring(0, MAX_BASE_LENGTH);
        }
        if (!taken.test(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + n;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }
}
