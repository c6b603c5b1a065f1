package org.schoolesia.school.certificates;

import java.util.random.RandomGenerator;

import org.schoolesia.school.kernel.PureRule;

/**
 * R-CERT-5: the АИС ПФДО password handed out in the credentials PDF — drawn by the rules of the staff
 * console's «Сгенерировать» (people.js): 12 characters, at least one capital, one small letter and
 * one digit, no look-alikes (0/O, 1/l/I), so it can be typed from paper (seed 000: at least 8).
 */
@PureRule
final class PfdoPassword {

    static final int LENGTH = 12;
    private static final String[] SETS = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789"};
    private static final String ALL = String.join("", SETS);

    private PfdoPassword() {
    }

    /** A fresh password drawn from {@code random} (a SecureRandom). */
    static String generate(RandomGenerator random) {
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            String from = i < SETS.length ? SETS[i] : ALL;
            chars[i] = from.charAt(random.nextInt(from.length()));
        }
        // The guaranteed characters go to random places.
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char c = chars[i];
            chars[i] = chars[j];
            chars[j] = c;
        }
        return new String(chars);
    }
}
