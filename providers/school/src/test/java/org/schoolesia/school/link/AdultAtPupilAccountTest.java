package org.schoolesia.school.link;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.age.AgePolicy.Verdict;

/** R-FAM-5: which accounts an adult's Госуслуги session flags for the school. */
class AdultAtPupilAccountTest {

    @Test
    void r_fam_5_anAdultAtAPupilAccountUnder14OrOfUnknownAgeIsFlagged() {
        assertTrue(AdultAtPupilAccount.Rule.flags(SchoolRole.STUDENT, Verdict.REACHED, Verdict.NOT_REACHED));
        assertTrue(AdultAtPupilAccount.Rule.flags(SchoolRole.STUDENT, Verdict.REACHED, Verdict.BIRTH_DATE_UNKNOWN));
    }

    @Test
    void r_fam_5_aPupilOf14AMinorsSessionOrAnotherAccountIsNot() {
        assertFalse(AdultAtPupilAccount.Rule.flags(SchoolRole.STUDENT, Verdict.REACHED, Verdict.REACHED), "a pupil of 14 has his own Госуслуги");
        assertFalse(AdultAtPupilAccount.Rule.flags(SchoolRole.STUDENT, Verdict.NOT_REACHED, Verdict.NOT_REACHED), "a minor's session");
        assertFalse(AdultAtPupilAccount.Rule.flags(SchoolRole.STUDENT, Verdict.BIRTH_DATE_UNKNOWN, Verdict.NOT_REACHED),
                "an ESIA person of unknown age is not called adult");
        assertFalse(AdultAtPupilAccount.Rule.flags(SchoolRole.PARENT, Verdict.REACHED, Verdict.NOT_REACHED));
    }
}
