package org.schoolesia.esia.protocol;

import java.util.Objects;

/**
 * A validated SNILS (the Pension Fund's personal insurance account number), held as 11 digits.
 * ESIA sends it as {@code 000-000-600 06}; people type it in every shape, so parsing tolerates
 * spaces and dashes anywhere.
 */
public final class Snils {

    /** Numbers up to 001-001-998 were issued before the checksum rule and are not checked. */
    private static final int LAST_UNCHECKED_NUMBER = 1_001_998;

    private final String digits;

    private Snils(String digits) {
        this.digits = digits;
    }

    /**
     * @throws IllegalArgumentException with the reason (characters, length, checksum); the message
     *                                  never repeats the number, so it can go to a log as is
     */
    public static Snils parse(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("SNILS is empty");
        }
        StringBuilder digits = new StringBuilder(11);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '\u00A0') {
                throw new IllegalArgumentException("SNILS may contain only digits, spaces and dashes");
            }
        }
        if (digits.length() != 11) {
            throw new IllegalArgumentException("SNILS must have 11 digits, found " + digits.length());
        }
        String d = digits.toString();
        int number = Integer.parseInt(d.substring(0, 9));
        if (number > LAST_UNCHECKED_NUMBER) {
            int expected = checksum(d);
            int actual = Integer.parseInt(d.substring(9));
            if (expected != actual) {
                throw new IllegalArgumentException("SNILS checksum does not match (mistyped digit?)");
            }
        }
        return new Snils(d);
    }

    /** Pension Fund rule: weights 9..1 over the first nine digits, folded modulo 101, 100 → 00. */
    static int checksum(String elevenDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (elevenDigits.charAt(i) - '0') * (9 - i);
        }
        if (sum < 100) {
            return sum;
        }
        if (sum == 100 || sum == 101) {
            return 0;
        }
        int rest = sum % 101;
        return rest == 100 ? 0 : rest;
    }

    /** The 11 digits, the canonical form for storage and comparison. */
    public String digits() {
        return digits;
    }

    /** ESIA's display form, {@code 000-000-600 06}. */
    public String formatted() {
        return digits.substring(0, 3) + '-' + digits.substring(3, 6) + '-' + digits.substring(6, 9)
                + ' ' + digits.substring(9);
    }

    /** For logs: only the check digits stay visible, {@code ***-***-*** 06}. */
    public String masked() {
        return "***-***-*** " + digits.substring(9);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snils && ((Snils) o).digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }

    /** Masked on purpose: a SNILS is personal data and toString ends up in logs. */
    @Override
    public String toString() {
        return masked();
    }
}
