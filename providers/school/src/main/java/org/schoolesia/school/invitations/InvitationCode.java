package org.schoolesia.school.invitations;

import java.util.Optional;
import java.util.random.RandomGenerator;

import org.schoolesia.school.kernel.PureRule;

/**
 * R-FAM-2: the invitation code a class teacher hands to a parent, «пригласительный код». Twelve
 * characters from an alphabet of 30 (12 × log2 30 ≈ 58.9 bits: a guess in a week of attempts is
 * hopeless, and even a stolen table with its key needs ~2^58 hashes per code), printed in three
 * groups of four ({@code 7KQM-3XHD-P9TC}). No look-alike characters: no 0/O, 1/I/L, U/V is kept
 * apart by leaving out U. Typed back case-insensitively, with or without dashes and spaces, and
 * Cyrillic letters that look like Latin ones (a parent on a Russian keyboard types «С» for «C»,
 * «З» for «3») read as what they look like.
 */
@PureRule
public final class InvitationCode {

    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 12;
    public static final int GROUP = 4;
    /** Cyrillic capitals drawn like characters of the alphabet, and what they are read as. */
    private static final String CYRILLIC = "АВЕКМНРСТХУЗ";
    private static final String LATIN = "ABEKMHPCTXY3";

    private InvitationCode() {
    }

    /** Bits of a code drawn uniformly: at least 50 (issue 12). */
    public static double bits() {
        return LENGTH * (Math.log(ALPHABET.length()) / Math.log(2));
    }

    /** A fresh code in its canonical form (12 characters, no dashes), drawn from {@code random} (a SecureRandom). */
    public static String generate(RandomGenerator random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The canonical form grouped for print and display: {@code 7KQM-3XHD-P9TC}. */
    public static String grouped(String canonical) {
        StringBuilder out = new StringBuilder(canonical.length() + canonical.length() / GROUP);
        for (int i = 0; i < canonical.length(); i++) {
            if (i > 0 && i % GROUP == 0) {
                out.append('-');
            }
            out.append(canonical.charAt(i));
        }
        return out.toString();
    }

    /**
     * What a parent typed, read as a code: separators (spaces, dashes of any kind, dots) dropped,
     * upper-cased, Cyrillic look-alikes read as Latin. Empty when it cannot be a code (wrong length
     * or a character the alphabet leaves out): such input is told apart as a typing mistake, as it
     * says nothing about any issued code.
     */
    public static Optional<String> read(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < typed.length(); i++) {
            char c = Character.toUpperCase(typed.charAt(i));
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '-' || c == '.' || c == '_'
                    || Character.getType(c) == Character.DASH_PUNCTUATION) {
                continue;
            }
            int cyrillic = CYRILLIC.indexOf(c == 'Ё' ? 'Е' : c);
            if (cyrillic >= 0) {
                c = LATIN.charAt(cyrillic);
            }
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
            code.append(c);
        }
        return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
    }
}
