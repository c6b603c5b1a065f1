package org.schoolesia.school.requests;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.schoolesia.school.kernel.PureRule;

/**
 * The number a person is given for their request (R-REQ-2): nine digits read over the phone as
 * «123-456-785». Eight are random, so numbers say nothing about how many requests exist and the
 * next one cannot be guessed from the last; the ninth is a Luhn check digit, so a digit misheard
 * or two swapped on the phone is caught before anything is looked up. Uniqueness is the database's
 * job (a unique key, a fresh draw on collision).
 */
@PureRule
public final class RequestNumber {

    private static final RandomGenerator RANDOM = new SecureRandom();

    private RequestNumber() {
    }

    public static String next() {
        return next(RANDOM);
    }

    static String next(RandomGenerator random) {
        // The first digit is never 0, so the number never looks shorter than it is.
        String body = (1 + random.nextInt(9)) + String.format("%07d", random.nextInt(10_000_000));
        return format(body + checkDigit(body));
    }

    /** Any spelling a person or staff member may type (spaces, dashes, №) → the canonical form, if valid. */
    public static Optional<String> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("[\\s\\-–—№#]", "");
        if (!digits.matches("[1-9][0-9]{8}")) {
            return Optional.empty();
        }
        String body = digits.substring(0, 8);
        return checkDigit(body) == digits.charAt(8) - '0' ? Optional.of(format(digits)) : Optional.empty();
    }

    private static String format(String digits) {
        return digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6);
    }

    /** Luhn: doubles every second digit from the right of the full number. Public for the benchmark's seeding. */
    public static int checkDigit(String body) {
        int sum = 0;
        for (int i = body.length() - 1, position = 0; i >= 0; i--, position++) {
            int d = body.charAt(i) - '0';
            if (position % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
