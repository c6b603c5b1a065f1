package org.schoolesia.school.family.proposals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.family.proposals.ChildMatch.Basis;
import org.schoolesia.school.family.proposals.ChildMatch.Kid;
import org.schoolesia.school.family.proposals.ChildMatch.Match;
import org.schoolesia.school.family.proposals.ChildMatch.Pupil;

/** Issue 12, «Children from Госуслуги»: R-FAM-1 (a parent is linked to each child), R-REQ-1 (the children of the ESIA profile). */
class ChildMatchTest {

    private static final LocalDate BORN = LocalDate.of(2012, 9, 5);
    private static final String SNILS = "12345678964";
    private static final String OTHER_SNILS = "15627384990";

    private static Kid kid(String snils) {
        return new Kid("Иванов", "Пётр", "Сергеевич", BORN, snils);
    }

    private static Pupil pupil(String id, String last, String first, String middle, LocalDate born, String snils) {
        return new Pupil(id, last, first, middle, born, snils, false);
    }

    @Test
    void r_fam_1_kidsSnils_thePupilWithTheKidsSnilsMatchesWhateverTheName() {
        Pupil p = pupil("p1", "Иванов-Петров", "Петя", null, null, SNILS);
        assertEquals(Optional.of(new Match("p1", Basis.SNILS)), ChildMatch.match(kid(SNILS), List.of(p)));
    }

    @Test
    void r_fam_1_kidsSnils_twoPupilsWithTheKidsSnilsAreAnAmbiguityAndProposeNothing() {
        assertEquals(Optional.empty(), ChildMatch.match(kid(SNILS),
                List.of(pupil("p1", "Иванов", "Пётр", null, BORN, SNILS), pupil("p2", "Иванов", "Пётр", null, BORN, SNILS))));
    }

    @Test
    void r_fam_1_kidsSnils_aSnilsMatchWinsOverANameMatchOfAnotherPupil() {
        assertEquals(Optional.of(new Match("p2", Basis.SNILS)), ChildMatch.match(kid(SNILS),
                List.of(pupil("p1", "Иванов", "Пётр", "Сергеевич", BORN, null), pupil("p2", "Иванов", "Пётр", null, BORN, SNILS))));
    }

    @Test
    void r_fam_1_nameAndBirthDate_matchAcrossCaseYoAndSpacesWhenThePupilHasNoSnils() {
        Pupil p = pupil("p1", " ИВАНОВ ", "петр", null, BORN, null);
        assertEquals(Optional.of(new Match("p1", Basis.NAME_BIRTHDATE)), ChildMatch.match(kid(SNILS), List.of(p)));
        assertEquals(Optional.of(new Match("p1", Basis.NAME_BIRTHDATE)), ChildMatch.match(kid(null), List.of(p)), "the kid without SNILS");
    }

    @Test
    void r_fam_1_nameAndBirthDate_differentSnilsOnBothSidesContradictAndProposeNothing() {
        assertEquals(Optional.empty(), ChildMatch.match(kid(SNILS), List.of(pupil("p1", "Иванов", "Пётр", null, BORN, OTHER_SNILS))));
    }

    @Test
    void r_fam_1_nameAndBirthDate_anotherBirthDateOrMiddleNameOrNoBirthDateIsNoMatch() {
        assertEquals(Optional.empty(), ChildMatch.match(kid(null), List.of(pupil("p1", "Иванов", "Пётр", null, BORN.plusDays(1), null))));
        assertEquals(Optional.empty(), ChildMatch.match(kid(null), List.of(pupil("p1", "Иванов", "Пётр", "Олегович", BORN, null))));
        assertEquals(Optional.empty(), ChildMatch.match(kid(null), List.of(pupil("p1", "Иванов", "Пётр", null, null, null))));
        assertEquals(Optional.empty(), ChildMatch.match(new Kid("Иванов", "Пётр", null, null, null),
                List.of(pupil("p1", "Иванов", "Пётр", null, BORN, null))), "a kid without a birth date");
        assertEquals(Optional.empty(), ChildMatch.match(new Kid("Иванов", "", null, BORN, null),
                List.of(pupil("p1", "Иванов", "", null, BORN, null))), "no first name on either side");
    }

    @Test
    void r_fam_1_nameAndBirthDate_twoPupilsEquallyMatchingAreAnAmbiguityAndProposeNothing() {
        assertEquals(Optional.empty(), ChildMatch.match(kid(null),
                List.of(pupil("p1", "Иванов", "Пётр", null, BORN, null), pupil("p2", "Иванов", "Пётр", "Сергеевич", BORN, null))));
    }

    @Test
    void r_fam_1_nameAndBirthDate_theSamePupilFoundTwiceIsOnePupil() {
        Pupil p = pupil("p1", "Иванов", "Пётр", null, BORN, null);
        assertEquals(Optional.of(new Match("p1", Basis.NAME_BIRTHDATE)), ChildMatch.match(kid(null), List.of(p, p)));
    }

    @Test
    void r_fam_1_linkedPairs_aPairLinkedNowOrOnceProposesNothing() {
        Pupil linked = new Pupil("p1", "Иванов", "Пётр", null, BORN, SNILS, true);
        assertEquals(Optional.empty(), ChildMatch.match(kid(SNILS), List.of(linked)));
        assertEquals(Optional.empty(), ChildMatch.match(kid(null), List.of(linked)));
    }

    @Test
    void r_fam_1_noCandidates_nothing() {
        assertEquals(Optional.empty(), ChildMatch.match(kid(SNILS), List.of()));
    }
}
