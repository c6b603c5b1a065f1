package org.schoolesia.school.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/** The user-profile validators that guard cards saved through the admin console or API. */
class ProfileValidatorsTest {

    private static ValidationContext validate(org.keycloak.validate.Validator validator, String value) {
        return validator.validate(value, "attr", new ValidationContext(null), ValidatorConfig.EMPTY);
    }

    @Test
    void defect7_unverifiableSnilsIsRefusedOnACard() {
        for (String snils : new String[] {"00000000000", "00000060006", "00100199877"}) {
            ValidationContext result = validate(new SnilsValidator(), snils);
            assertFalse(result.isValid(), snils);
            assertEquals(SnilsValidator.MESSAGE, result.getErrors().iterator().next().getMessage());
        }
        assertTrue(validate(new SnilsValidator(), "11223344595").isValid());
    }

    @Test
    void defect6_birthdateIn2099OrBefore120YearsIsRefusedOnACard() {
        for (String date : new String[] {"2099-01-01", "1890-05-01", LocalDate.now().plusDays(2).toString(), "2016-02-30", "14.03.1986"}) {
            ValidationContext result = validate(new BirthdateValidator(), date);
            assertFalse(result.isValid(), date);
            ValidationError error = result.getErrors().iterator().next();
            assertEquals(BirthdateValidator.MESSAGE, error.getMessage());
        }
        assertTrue(validate(new BirthdateValidator(), "1986-03-14").isValid());
    }

    @Test
    void defect6_namesWithBidiOrZeroWidthCharactersAreRefusedOnACard() {
        assertFalse(validate(new PlainNameValidator(), "\u202EвонавИ").isValid());
        assertFalse(validate(new PlainNameValidator(), "Ива\u200Bнов").isValid());
        assertTrue(validate(new PlainNameValidator(), "Римский-Корсаков").isValid());
    }
}
