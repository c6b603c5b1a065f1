package org.schoolesia.school.age;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Supplier;

import org.schoolesia.school.kernel.PureRule;

/**
 * R-AGE-1: "has reached N years" means the N-th birthday has begun in the organisation's time zone
 * — a child in Vladivostok turns 14 eight hours before Kaliningrad sees the date change. The
 * instant is judged in the zone given (the organisation's, else the realm's: {@link AgeSettings});
 * the server's own zone never enters.
 *
 * <p>Born on 29 February, in a common year the birthday is <b>28 February</b>: a period counted in
 * years ends on the corresponding month and day of its last year (Civil Code of the Russian
 * Federation, art. 192 § 1), and where that month has no such day the period ends on the month's
 * last day (art. 192 § 3) — the convention Russian registry and passport practice follows.
 *
 * <p>An unknown birth date (none on the card, or an implausible one: in the future or more than
 * 120 years ago) answers {@link Verdict#BIRTH_DATE_UNKNOWN}: the age-gated action is refused with
 * that reason, never guessed.
 */
@PureRule
public final class AgePolicy {

    /** R-AGE-1 default: pupils serve themselves from their 14th birthday; realms may set another ({@link AgeSettings}). */
    public static final int STUDENT_SELF_SERVICE_AGE = 14;
    /** Adulthood decides whether an ESIA person may act as a parent (R-LINK-3, R-FAM-5). */
    public static final int ADULT_AGE = 18;
    /** Older than this is no plausible birth date (as {@code PersonFields} judges ESIA's). */
    public static final int OLDEST = 120;
    /** Where a date begins first (UTC+14) and last (UTC−12): every zone's today lies between theirs. */
    private static final ZoneId FIRST_ZONE = ZoneOffset.ofHours(14);
    private static final ZoneId LAST_ZONE = ZoneOffset.ofHours(-12);

    public enum Verdict {
        REACHED, NOT_REACHED, BIRTH_DATE_UNKNOWN;

        public boolean reached() {
            return this == REACHED;
        }

        /** The reason code of a refusal, for events and answers. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Clock clock;
    private final int adultAge;

    public AgePolicy(Clock clock) {
        this(clock, ADULT_AGE);
    }

    /** With the realm's adulthood ({@link AgeSettings#adultAge}). */
    public AgePolicy(Clock clock, int adultAge) {
        this.clock = Objects.requireNonNull(clock);
        this.adultAge = adultAge;
    }

    /** R-AGE-1 at an instant: the N-th birthday has begun in {@code zone}. */
    public static Verdict hasReached(int years, LocalDate birthDate, Instant at, ZoneId zone) {
        if (years < 0) {
            throw new IllegalArgumentException("negative age");
        }
        LocalDate today = LocalDate.ofInstant(at, zone);
        if (!plausible(birthDate, today)) {
            return Verdict.BIRTH_DATE_UNKNOWN;
        }
        return today.isBefore(birthday(birthDate, years)) ? Verdict.NOT_REACHED : Verdict.REACHED;
    }

    /** The same, now (the policy's clock). */
    public Verdict hasReached(int years, LocalDate birthDate, ZoneId zone) {
        return hasReached(years, birthDate, clock.instant(), zone);
    }

    /** The N-th birthday: the same month and day N years on, 28 February for a 29 February birth in a common year (art. 192 ГК РФ). */
    public static LocalDate birthday(LocalDate birthDate, int years) {
        // plusYears keeps the month and moves 29 February to the 28th when the year has no 29th.
        return birthDate.plusYears(years);
    }

    /** Whole years completed on today's date in the given zone. */
    public int ageOn(LocalDate birthDate, ZoneId organisationZone) {
        LocalDate today = LocalDate.now(clock.withZone(organisationZone));
        if (birthDate.isAfter(today)) {
            throw new IllegalArgumentException("birth date is in the future");
        }
        int years = today.getYear() - birthDate.getYear();
        return today.isBefore(birthday(birthDate, years)) ? years - 1 : years;
    }

    /** R-AGE-1 with the default threshold; false when the birth date is unknown. */
    public boolean hasReached14(LocalDate birthDate, ZoneId organisationZone) {
        return hasReached(STUDENT_SELF_SERVICE_AGE, birthDate, organisationZone).reached();
    }

    /** False when the birth date is unknown: adulthood is never guessed. */
    public boolean isAdult(LocalDate birthDate, ZoneId organisationZone) {
        return hasReached(adultAge, birthDate, organisationZone).reached();
    }

    /**
     * The same, asking for the zone only where the answer depends on it: today's date differs between
     * zones by a day at most, so away from the birthday (and from the plausible range's ends) the first
     * and the last zone to see a date agree, and so does every zone between them. Finding an
     * organisation's zone is a query; a login asks this of almost every parent (issue 14).
     */
    public boolean isAdult(LocalDate birthDate, Supplier<ZoneId> organisationZone) {
        boolean whereTheDateComesLast = isAdult(birthDate, LAST_ZONE);
        return whereTheDateComesLast == isAdult(birthDate, FIRST_ZONE) ? whereTheDateComesLast : isAdult(birthDate, organisationZone.get());
    }

    private static boolean plausible(LocalDate birthDate, LocalDate today) {
        return birthDate != null && !birthDate.isAfter(today) && !birthDate.isBefore(today.minusYears(OLDEST));
    }
}
