package org.schoolesia.school.family;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import org.schoolesia.school.kernel.PureRule;

/**
 * Age rules of the school system. R-AGE-1: "over 14" means the 14th birthday has been reached in
 * the organisation's time zone — a child in Yuzhno-Sakhalinsk turns 14 eight hours before Moscow
 * sees the date change. Adulthood (18) decides whether an ESIA person may act as a parent
 * (R-LINK-3, R-FAM-5).
 */
@PureRule
public final class AgePolicy {

    public static final int STUDENT_SELF_SERVICE_AGE = 14;
    public static final int ADULT_AGE = 18;

    private final Clock clock;

    public AgePolicy(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** Whole years completed on today's date in the given zone; a 29 February birthday counts on 1 March in common years. */
    public int ageOn(LocalDate birthDate, ZoneId organisationZone) {
        LocalDate today = LocalDate.now(clock.withZone(organisationZone));
        if (birthDate.isAfter(today)) {
            throw new IllegalArgumentException("birth date is in the future");
        }
        int years = today.getYear() - birthDate.getYear();
        LocalDate birthdayThisYear = birthdayIn(birthDate, today.getYear());
        return today.isBefore(birthdayThisYear) ? years - 1 : years;
    }

    /** R-AGE-1. */
    public boolean hasReached14(LocalDate birthDate, ZoneId organisationZone) {
        return ageOn(birthDate, organisationZone) >= STUDENT_SELF_SERVICE_AGE;
    }

    public boolean isAdult(LocalDate birthDate, ZoneId organisationZone) {
        return ageOn(birthDate, organisationZone) >= ADULT_AGE;
    }

    private static LocalDate birthdayIn(LocalDate birthDate, int year) {
        if (birthDate.getMonthValue() == 2 && birthDate.getDayOfMonth() == 29 && !java.time.Year.isLeap(year)) {
            return LocalDate.of(year, 3, 1);
        }
        return birthDate.withYear(year);
    }
}
