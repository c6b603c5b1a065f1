package org.schoolesia.school.accounts;

import org.keycloak.validate.AbstractStringValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;
import org.schoolesia.school.kernel.PersonFields;

/**
 * User-profile validator {@code school-plain-name}: no bidi or zero-width characters in a name
 * (defect 6). Keycloak's {@code person-name-prohibited-characters} lets them through, and an
 * override character makes a card show another name than the one stored and searched.
 */
public class PlainNameValidator extends AbstractStringValidator {

    public static final String ID = "school-plain-name";
    public static final String MESSAGE = "schoolInvisibleCharacters";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    protected void doValidate(String value, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (PersonFields.hasInvisibleControls(value)) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE));
        }
    }
}
