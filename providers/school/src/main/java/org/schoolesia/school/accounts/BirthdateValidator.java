package org.schoolesia.school.accounts;

import java.time.Clock;

import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;
import org.schoolesia.school.kernel.PersonFields;

/**
 * User-profile validator {@code school-birthdate}: {@code yyyy-MM-dd}, a real date, not in the
 * future and not more than 120 years ago (defect 6) — a card saved through the admin console or
 * API with 2099 would otherwise feed the age rules a date they cannot judge.
 */
public class BirthdateValidator extends AbstractStringValidator {

    public static final String ID = "school-birthdate";
    public static final String MESSAGE = "schoolImplausibleBirthdate";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    protected void doValidate(String value, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (PersonFields.birthDate(value, Clock.systemUTC()).isEmpty()) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE));
        }
    }
}
