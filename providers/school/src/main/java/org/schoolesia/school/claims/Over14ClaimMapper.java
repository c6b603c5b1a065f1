package org.schoolesia.school.claims;

import java.time.Clock;

import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.age.AgeSettings;
import org.schoolesia.school.kernel.PersonFields;

/**
 * {@code over_14} (R-AGE-1): true once the person's 14th birthday — the realm's self-service age,
 * {@code schoolSelfServiceAge}, 14 by default — has begun in the home organisation's time zone
 * (the realm's where it names none), false before. An unknown birth date (none, unreadable or
 * implausible) leaves the claim out: never guessed, and the birth date itself is never sent.
 */
public final class Over14ClaimMapper extends SchoolClaimMapper {

    public static final String ID = "school-over-14-claim";
    public static final String CLAIM = "over_14";

    public Over14ClaimMapper() {
        super(ID, "School: over 14",
                "Claim over_14: true from the 14th birthday in the organisation's time zone (realm attribute schoolSelfServiceAge), "
                        + "false before; absent when the birth date is unknown. The birth date itself is not sent.", CLAIM);
    }

    @Override
    protected Object value(PersonFacts person) {
        Clock clock = Clock.systemUTC();
        AgePolicy.Verdict verdict = AgePolicy.hasReached(AgeSettings.selfServiceAge(person.realm()),
                PersonFields.birthDate(person.attribute(SchoolAttributes.BIRTHDATE), clock).orElse(null), clock.instant(),
                AgeSettings.zone(person.realm(), person.home().orElse(null)));
        return verdict == AgePolicy.Verdict.BIRTH_DATE_UNKNOWN ? null : verdict.reached();
    }
}
