package org.schoolesia.esia.protocol;

import java.util.Objects;

/**
 * A validated SNILS (the Pension Fund's personal insurance account number), held as 11 digits.
 * ESIA sends it as {@code 112-233-445 95}; people type it in every shape, so parsing tolerates
 * spaces and dashes anywhere.
 *
 * <p>Defect 7: numbers up to 001-001-998 carry no checksum, so {@code 000-000-000 00} and every
 * other such value would pass any check and match placeholders typed into many cards. They are
 * refused: nothing parsed here can be such a number, so nothing links or indexes by one.
 */
public final class Snils {

    /** Numbers up to 001-001-998 have no checksum rule: unverifiable, refused (defect 7). */
    private static final int LAST_UNCHECKED_NUMBER = 1_001_998;

    /** The smallest SNILS {@link #parse} accepts, as eleven digits (for range conditions in queries). */
    public static final String LOWEST_ACCEPTED_DIGITS = "00100199900";

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
        if (number <= LAST_UNCHECKED_NUMBER) {
            throw new IllegalArgumentException("SNILS numbers up to 001-001-998 have no checksum and are not accepted");
        }
        if (checksum(d) != Integer.parseInt(d.substring(9))) {
            throw new IllegalArgumentException("SNILS checksum does not match (mistyped digit?)");
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

    /** ESIA's display form, {@code 112-233-445 95}. */
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
