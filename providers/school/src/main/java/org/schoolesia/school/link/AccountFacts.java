package org.schoolesia.school.link;

import java.time.Clock;
import java.time.LocalDate;

import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.kernel.PersonFields;

/** The parts of a local account the linking rules look at. */
public record AccountFacts(String userId, SchoolRole role, String lastName, String firstName, String middleName,
                           LocalDate birthDate, String snils, String homeOrganisation, boolean enabled) {

    public static AccountFacts of(UserModel user) {
        return new AccountFacts(user.getId(),
                SchoolRole.of(user.getFirstAttribute(SchoolAttributes.ROLE)).orElse(null),
                user.getLastName(), user.getFirstName(), user.getFirstAttribute(SchoolAttributes.MIDDLE_NAME),
                date(user.getFirstAttribute(SchoolAttributes.BIRTHDATE)),
                blankToNull(user.getFirstAttribute(SchoolAttributes.SNILS)),
                blankToNull(user.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION)),
                user.isEnabled());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Defect 6: a future or > 120-year-old birth date is unknown, so no age rule ever runs on it. */
    private static LocalDate date(String value) {
        return PersonFields.birthDate(value, Clock.systemUTC()).orElse(null);
    }
}
