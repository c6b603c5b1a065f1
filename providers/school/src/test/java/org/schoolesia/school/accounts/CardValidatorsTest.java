package org.schoolesia.school.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Defect 6 on upgrade: a school card from before issue 10 gets the new validators, once each. */
class CardValidatorsTest {

    /** The profile an earlier version set up: lengths and Keycloak's own validators, SNILS by ours. */
    private static Map<String, Set<String>> earlierSchoolCard() {
        Map<String, Set<String>> card = new LinkedHashMap<>();
        card.put("username", Set.of("length"));
        card.put("lastName", Set.of("length", "person-name-prohibited-characters"));
        card.put("firstName", Set.of("length", "person-name-prohibited-characters"));
        card.put("middleName", Set.of("length", "person-name-prohibited-characters"));
        card.put("birthdate", Set.of("pattern"));
        card.put("snils", Set.of(SnilsValidator.ID));
        return card;
    }

    @Test
    void defect6_anEarlierSchoolCardGetsBothValidatorsOnItsNamesAndBirthDate() {
        assertEquals(Map.of("lastName", PlainNameValidator.ID, "firstName", PlainNameValidator.ID,
                "middleName", PlainNameValidator.ID, "birthdate", BirthdateValidator.ID),
                CardValidators.missing(earlierSchoolCard(), Set.of()));
    }

    @Test
    void anAttributeThatHasTheValidatorKeepsItAsTheAdminSetIt() {
        Map<String, Set<String>> card = earlierSchoolCard();
        card.put("birthdate", Set.of("pattern", BirthdateValidator.ID));
        assertEquals(Set.of("lastName", "firstName", "middleName"), CardValidators.missing(card, Set.of()).keySet());
    }

    @Test
    void aValidatorAddedOnceIsNotAddedAgainAfterAnAdminRemovedIt() {
        assertEquals(Map.of("birthdate", BirthdateValidator.ID),
                CardValidators.missing(earlierSchoolCard(), Set.of(PlainNameValidator.ID)));
        Set<String> after = CardValidators.addedAfter(Set.of());
        assertEquals(Set.of(PlainNameValidator.ID, BirthdateValidator.ID), after);
        assertTrue(CardValidators.missing(earlierSchoolCard(), after).isEmpty());
    }

    @Test
    void anAttributeTheProfileDoesNotDeclareIsNotAdded() {
        Map<String, Set<String>> card = earlierSchoolCard();
        card.remove("middleName");
        assertEquals(Set.of("lastName", "firstName", "birthdate"), CardValidators.missing(card, Set.of()).keySet());
    }

    @Test
    void aProfileThatIsNoSchoolCardIsLeftAlone() {
        Map<String, Set<String>> card = earlierSchoolCard();
        card.remove("snils");
        assertTrue(CardValidators.missing(card, Set.of()).isEmpty());
    }
}
