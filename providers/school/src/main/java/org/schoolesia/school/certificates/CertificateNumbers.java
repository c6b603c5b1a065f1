package org.schoolesia.school.certificates;

import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

import org.schoolesia.school.kernel.PureRule;

/**
 * R-CERT-3: certificate numbers — 12 digits as in the seed (785044901646) unless the realm says
 * otherwise, the last a check digit (Luhn, as card numbers: one mistyped digit or two swapped
 * neighbours are caught), the others random so a number tells nothing of the one issued before.
 * The format is a realm setting ({@code schoolCertificateNumberFormat}) since regions differ: digits
 * stand for themselves (a region prefix), {@code N} a random digit, a final {@code C} the check digit.
 */
@PureRule
public final class CertificateNumbers {

    public static final String DEFAULT_FORMAT = "NNNNNNNNNNNC";
    private static final Pattern FORMAT = Pattern.compile("[0-9N]{5,19}C");
    /** Fewer random digits than this would make collisions, and guessing, too easy. */
    private static final int LEAST_RANDOM = 8;

    private final String format;

    private CertificateNumbers(String format) {
        this.format = format;
    }

    /** The format given, or the default when it is unset or malformed (too short, too few random digits). */
    public static CertificateNumbers of(String format) {
        String f = format == null ? "" : format.strip();
        return new CertificateNumbers(acceptable(f) ? f : DEFAULT_FORMAT);
    }

    public static boolean acceptable(String format) {
        return format != null && FORMAT.matcher(format).matches() && format.chars().filter(c -> c == 'N').count() >= LEAST_RANDOM;
    }

    public String format() {
        return format;
    }

    /** A new number; the first digit is never 0 (numbers are read aloud and typed into spreadsheets). */
    public String next(RandomGenerator random) {
        StringBuilder digits = new StringBuilder(format.length());
        for (int i = 0; i < format.length() - 1; i++) {
            char c = format.charAt(i);
            digits.append(c == 'N' ? (char) ('0' + (i == 0 ? 1 + random.nextInt(9) : random.nextInt(10))) : c);
        }
        return digits.append(checkDigit(digits)).toString();
    }

    /** Fits this format and its check digit. */
    public boolean valid(String number) {
        if (number == null || number.length() != format.length() || !number.chars().allMatch(Character::isDigit)) {
            return false;
        }
        for (int i = 0; i < format.length() - 1; i++) {
            char c = format.charAt(i);
            if (c != 'N' && c != number.charAt(i)) {
                return false;
            }
        }
        return checkDigit(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1);
    }

    /** Luhn: doubling every second digit from the right of the payload. */
    static char checkDigit(CharSequence payload) {
        int sum = 0;
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
