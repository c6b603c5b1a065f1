package org.schoolesia.school.accounts;

import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;
import org.schoolesia.esia.protocol.Snils;

/**
 * User-profile validator {@code school-snils}: a SNILS must be eleven digits (as stored) with a
 * correct checksum, so a typo is caught where it is typed, not when linking fails later.
 */
public class SnilsValidator extends AbstractStringValidator {

    public static final String ID = "school-snils";
    public static final String MESSAGE = "invalidSnils";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    protected void doValidate(String value, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (!value.matches("\\d{11}")) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE));
            return;
        }
        try {
            Snils.parse(value);
        } catch (IllegalArgumentException e) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE));
        }
    }
}
