package org.schoolesia.school.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** R-CERT-3: numbers, their check digit, the term; R-CERT-4: status changes. */
class CertificateNumbersTest {

    @Test
    void r_cert_3_theSeedsExampleHasTheShapeOfTheDefaultFormat() {
        CertificateNumbers numbers = CertificateNumbers.of(null);
        assertEquals("NNNNNNNNNNNC", numbers.format());
        String seed = "78504490164";
        assertTrue(numbers.valid(seed + CertificateNumbers.checkDigit(seed)));
        assertEquals('3', CertificateNumbers.checkDigit("7992739871"), "Luhn's textbook example");
    }

    @Test
    void r_cert_3_twelveDigitsWithCheckDigitAndNotSequential() {
        CertificateNumbers numbers = CertificateNumbers.of("");
        Random random = new Random(42);
        Set<String> seen = new HashSet<>();
        String previous = null;
        for (int i = 0; i < 1000; i++) {
            String n = numbers.next(random);
            assertEquals(12, n.length(), n);
            assertTrue(n.chars().allMatch(Character::isDigit) && n.charAt(0) != '0', n);
            assertTrue(numbers.valid(n), n);
            if (previous != null) {
                assertFalse(Long.parseLong(n) - Long.parseLong(previous) == 1, "sequential: " + previous + " → " + n);
            }
            previous = n;
            seen.add(n);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void r_cert_3_aMistypedOrSwappedDigitFailsTheCheck() {
        CertificateNumbers numbers = CertificateNumbers.of(null);
        String n = numbers.next(new Random(7));
        char wrong = n.charAt(5) == '9' ? '0' : (char) (n.charAt(5) + 1);
        assertFalse(numbers.valid(n.substring(0, 5) + wrong + n.substring(6)));
        if (n.charAt(3) != n.charAt(4)) {
            assertFalse(numbers.valid(n.substring(0, 3) + n.charAt(4) + n.charAt(3) + n.substring(5)));
        }
        assertFalse(numbers.valid(n + "1"));
        assertFalse(numbers.valid(null));
    }

    @Test
    void r_cert_3_aRegionPrefixFromTheRealmsFormat() {
        CertificateNumbers sakhalin = CertificateNumbers.of(" 65NNNNNNNNNC ");
        String n = sakhalin.next(new Random(1));
        assertTrue(n.startsWith("65") && n.length() == 12 && sakhalin.valid(n), n);
        assertFalse(sakhalin.valid("77" + n.substring(2)));
        assertEquals(CertificateNumbers.DEFAULT_FORMAT, CertificateNumbers.of("65NNNC").format(), "too few random digits");
        assertEquals(CertificateNumbers.DEFAULT_FORMAT, CertificateNumbers.of("NNNNNNNNNNNN").format(), "no check digit");
        assertEquals(CertificateNumbers.DEFAULT_FORMAT, CertificateNumbers.of("65-NNNNNNNNC").format());
    }

    @Test
    void r_cert_3_theTermIsTheRealmsPeriodCutAtTheUpperAge() {
        LocalDate issued = LocalDate.of(2026, 12, 6);
        assertEquals(new CertificateTerm(issued, LocalDate.of(2027, 12, 5)),
                CertificateTerm.of(issued, CertificateTerm.period(null), LocalDate.of(2016, 6, 21), 18));
        assertEquals(LocalDate.of(2027, 5, 31),
                CertificateTerm.of(issued, CertificateTerm.period("P6M"), LocalDate.of(2016, 6, 21), 18).end().minusDays(5));
        assertEquals(LocalDate.of(2027, 3, 10), CertificateTerm.of(issued, Period.ofYears(1), LocalDate.of(2009, 3, 11), 18).end(),
                "the day before the 18th birthday");
        assertEquals(CertificateTerm.DEFAULT_PERIOD, CertificateTerm.period("P-1Y"));
        assertEquals(CertificateTerm.DEFAULT_PERIOD, CertificateTerm.period("forever"));
        assertEquals(CertificateTerm.DEFAULT_PERIOD, CertificateTerm.period("P50Y"));
    }

    @Test
    void r_cert_4_statusChanges() {
        assertTrue(CertificateStatus.INACTIVE.allows(CertificateStatus.Change.ACTIVATE));
        assertTrue(CertificateStatus.SUSPENDED.allows(CertificateStatus.Change.ACTIVATE));
        assertFalse(CertificateStatus.ACTIVE.allows(CertificateStatus.Change.ACTIVATE));
        assertFalse(CertificateStatus.INACTIVE.allows(CertificateStatus.Change.SUSPEND));
        assertFalse(CertificateStatus.REVOKED.allows(CertificateStatus.Change.ACTIVATE));
        assertFalse(CertificateStatus.REVOKED.allows(CertificateStatus.Change.REVOKE));
        assertTrue(CertificateStatus.Change.REVOKE.needsReason());
        assertFalse(CertificateStatus.Change.ACTIVATE.needsReason());
    }
}
