package org.schoolesia.school.certificates;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;

import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.kernel.PureRule;

/**
 * R-CERT-3: «Дата начала действия» and «Дата окончания действия». The certificate starts on the day
 * it is issued (in the organisation's zone) and runs for the realm's period ({@code
 * schoolCertificateValidity}, ISO 8601, default {@code P1Y}), ending the day before — but never past
 * the day before the holder reaches the realm's upper age (default 18): the certificate is a child's.
 */
@PureRule
public record CertificateTerm(LocalDate start, LocalDate end) {

    public static final Period DEFAULT_PERIOD = Period.ofYears(1);

    /** The realm's period, or the default when unset, unreadable, not positive or past ten years. */
    public static Period period(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PERIOD;
        }
        try {
            Period p = Period.parse(value.strip());
            boolean positive = !p.isNegative() && !p.isZero();
            return positive && p.toTotalMonths() <= 120 && p.getDays() <= 3660 ? p : DEFAULT_PERIOD;
        } catch (DateTimeException e) {
            return DEFAULT_PERIOD;
        }
    }

    public static CertificateTerm of(LocalDate issued, Period period, LocalDate birthDate, int maxAge) {
        LocalDate end = issued.plus(period).minusDays(1);
        if (birthDate != null) {
            LocalDate lastDay = AgePolicy.birthday(birthDate, maxAge).minusDays(1);
            if (lastDay.isBefore(end)) {
                end = lastDay.isBefore(issued) ? issued : lastDay;
            }
        }
        return new CertificateTerm(issued, end);
    }
}
