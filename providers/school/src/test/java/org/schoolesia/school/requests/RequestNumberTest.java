package org.schoolesia.school.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** R-REQ-2: the number told to the person. */
class RequestNumberTest {

    @Test
    void numbersAreNineDigitsInThreeGroupsAndCarryTheirCheckDigit() {
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            String number = RequestNumber.next(random);
            assertTrue(number.matches("[1-9]\\d{2}-\\d{3}-\\d{3}"), number);
            assertEquals(Optional.of(number), RequestNumber.parse(number));
        }
    }

    @Test
    void consecutiveNumbersSayNothingAboutEachOther() {
        Set<String> seen = new HashSet<>();
        int increases = 0;
        long previous = Long.parseLong(RequestNumber.next().replace("-", ""));
        for (int i = 0; i < 1000; i++) {
            String number = RequestNumber.next();
            long value = Long.parseLong(number.replace("-", ""));
            increases += value > previous ? 1 : 0;
            seen.add(number);
            previous = value;
        }
        // A counter would always go up; random draws go up about half the time.
        assertTrue(increases > 350 && increases < 650, "numbers look sequential: " + increases + " of 1000 went up");
        assertTrue(seen.size() > 990, "numbers repeat far too often: " + seen.size());
    }

    @Test
    void aMisheardDigitOrTwoSwappedDigitsAreCaught() {
        String number = "123-456-78" + RequestNumber.checkDigit("12345678");
        assertTrue(RequestNumber.parse(number).isPresent());
        String digits = number.replace("-", "");
        for (int i = 0; i < 9; i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != digits.charAt(i)) {
                    String wrong = digits.substring(0, i) + d + digits.substring(i + 1);
                    assertTrue(RequestNumber.parse(wrong).isEmpty(), "single wrong digit accepted: " + wrong);
                }
            }
        }
        String swapped = digits.charAt(1) + "" + digits.charAt(0) + digits.substring(2);
        assertTrue(RequestNumber.parse(swapped).isEmpty(), "swapped digits accepted: " + swapped);
    }

    @Test
    void typedSpellingsAreUnderstood() {
        String number = RequestNumber.next(new Random(1));
        String digits = number.replace("-", "");
        assertEquals(Optional.of(number), RequestNumber.parse("№ " + digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6)));
        assertEquals(Optional.of(number), RequestNumber.parse(digits));
        assertTrue(RequestNumber.parse("12345678").isEmpty());
        assertTrue(RequestNumber.parse("abc").isEmpty());
        assertTrue(RequestNumber.parse(null).isEmpty());
        assertTrue(RequestNumber.parse("0" + digits.substring(1)).isEmpty());
    }
}
