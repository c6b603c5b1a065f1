package org.schoolesia.esia.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnilsTest {

    @Test
    void parsesEsiaFormatAndPlainDigits() {
        Snils esia = Snils.parse("112-233-445 95");
        assertEquals("11223344595", esia.digits());
        assertEquals("112-233-445 95", esia.formatted());
        assertEquals("***-***-*** 95", esia.masked());
        assertEquals(esia, Snils.parse("11223344595"));
        assertEquals(esia, Snils.parse(" 112 233 445-95 "));
        assertEquals(esia.hashCode(), Snils.parse("11223344595").hashCode());
        assertFalse(esia.toString().contains("112"), "toString must be masked");
    }

    @Test
    void checksumBelow100IsTheSum() {
        // 1*9+1*8+2*7+2*6+3*5+3*4+4*3+4*2+5*1 = 95
        assertEquals("95", Snils.parse("112-233-445 95").digits().substring(9));
        assertThrows(IllegalArgumentException.class, () -> Snils.parse("112-233-445 94"));
    }

    @Test
    void sumExactly100GivesZeroZero() {
        // 9*9 + 2*8 + 1*3 = 100
        assertEquals(100, weightedSum("920000100"));
        assertEquals("92000010000", Snils.parse("920-000-100 00").digits());
        assertThrows(IllegalArgumentException.class, () -> Snils.parse("920-000-100 01"));
    }

    @Test
    void sumExactly101GivesZeroZero() {
        assertEquals(101, weightedSum("920000101"));
        Snils.parse("920-000-101 00");
        assertThrows(IllegalArgumentException.class, () -> Snils.parse("920-000-101 01"));
    }

    @Test
    void sum102IsFoldedModulo101() {
        assertEquals(102, weightedSum("920000102"));
        Snils.parse("920-000-102 01");
        assertThrows(IllegalArgumentException.class, () -> Snils.parse("920-000-102 02"));
    }

    @Test
    void foldedRemainder100GivesZeroZero() {
        // 9*9 + 9*8 + 6*7 + 1*6 = 201, 201 % 101 = 100 -> 00
        assertEquals(201, weightedSum("996100000"));
        Snils.parse("996-100-000 00");
    }

    @Test
    void defect7_numbersUpTo001001998HaveNoChecksumAndAreRefused() {
        for (String unverifiable : new String[] {"000-000-000 00", "000-000-600 06", "001-001-998 77", "001-001-998 00", "00000000001"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snils.parse(unverifiable), unverifiable);
            assertTrue(e.getMessage().contains("001-001-998"), e.getMessage());
        }
        // The first number with a checksum rule: 1*7 + 1*4 + 9*3 + 9*2 + 9*1 = 65.
        assertEquals(65, weightedSum("001001999"));
        assertEquals("00100199965", Snils.parse("001-001-999 65").digits());
        assertTrue("00100199965".compareTo(Snils.LOWEST_ACCEPTED_DIGITS) >= 0);
        assertTrue("00100199899".compareTo(Snils.LOWEST_ACCEPTED_DIGITS) < 0);
        assertThrows(IllegalArgumentException.class, () -> Snils.parse("001-001-999 77"));
    }

    @Test
    void rejectsLettersWithAClearReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snils.parse("112-233-44A 95"));
        assertTrue(e.getMessage().contains("only digits"), e.getMessage());
    }

    @Test
    void rejectsWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snils.parse("112-233-445 9"));
        assertTrue(e.getMessage().contains("11 digits, found 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Snils.parse("112-233-445 950"));
        assertThrows(IllegalArgumentException.class, () -> Snils.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Snils.parse(null));
    }

    @Test
    void wrongChecksumMessageDoesNotEchoTheNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snils.parse("112-233-445 96"));
        assertTrue(e.getMessage().contains("checksum"));
        assertFalse(e.getMessage().contains("112"));
        assertNotEquals(Snils.parse("112-233-445 95"), Snils.parse("101-001-001 21"));
    }

    private static int weightedSum(String nine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nine.charAt(i) - '0') * (9 - i);
        }
        return sum;
    }
}
