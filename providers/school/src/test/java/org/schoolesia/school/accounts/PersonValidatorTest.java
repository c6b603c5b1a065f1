package org.schoolesia.school.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.age.AgePolicy;

class PersonValidatorTest {

    private static final ZoneId SAKHALIN = ZoneId.of("Asia/Sakhalin");
    // 2026-03-10 20:00 UTC = 2026-03-11 07:00 in Yuzhno-Sakhalinsk.
    private final PersonValidator validator = new PersonValidator(
            new AgePolicy(Clock.fixed(Instant.parse("2026-03-10T20:00:00Z"), ZoneOffset.UTC)), SAKHALIN);

    private static PersonInput child(String birthdate, String gender, String snils) {
        return new PersonInput(" Кузнецова ", "Дарья", "Андреевна", false, birthdate, gender, snils);
    }

    private PersonValidator.Invalid invalid(PersonInput in) {
        return assertInstanceOf(PersonValidator.Invalid.class, validator.validate(in, PersonValidator.Required.ALL));
    }

    @Test
    void acceptsBothDateFormsAndRussianGenderLetters() {
        ValidPerson p = assertInstanceOf(PersonValidator.Valid.class, validator.validate(child("05.04.2016", "Ж", "123-456-789 64"),
                PersonValidator.Required.ALL)).person();
        assertEquals("Кузнецова", p.lastName());
        assertEquals(LocalDate.of(2016, 4, 5), p.birthdate());
        assertEquals("F", p.gender());
        assertEquals("12345678964", p.snils().digits());
        assertEquals(LocalDate.of(2016, 4, 5),
                assertInstanceOf(PersonValidator.Valid.class, validator.validate(child("2016-04-05", "F", null), PersonValidator.Required.ALL)).person().birthdate());
    }

    @Test
    void refusesWrongSnilsChecksum() {
        PersonValidator.Invalid bad = invalid(child("2016-04-05", "F", "12345678965"));
        assertEquals("snils", bad.field());
        assertEquals("invalid_snils", bad.problem().code());
    }

    @Test
    void birthdateMustBeARealDateNotInTheOrganisationsFuture() {
        assertEquals("invalid_birthdate", invalid(child("2016-02-30", "F", null)).problem().code());
        assertEquals("invalid_birthdate", invalid(child("", "F", null)).problem().code());
        // Already 11 March on Sakhalin: today is fine, tomorrow is not.
        assertInstanceOf(PersonValidator.Valid.class, validator.validate(child("2026-03-11", "F", null), PersonValidator.Required.ALL));
        assertEquals("schoolBirthdateInFuture", invalid(child("2026-03-12", "F", null)).problem().messageKey());
    }

    @Test
    void defect6_invisibleCharactersAreStrippedFromTypedNames_andOver120YearsIsRefused() {
        PersonInput pasted = new PersonInput("Кузне\u200Bцова\u202E", "\uFEFFДарья", "Андре\u2066евна", false, "2016-04-05", "F", null);
        ValidPerson p = assertInstanceOf(PersonValidator.Valid.class, validator.validate(pasted, PersonValidator.Required.ALL)).person();
        assertEquals("Кузнецова", p.lastName());
        assertEquals("Дарья", p.firstName());
        assertEquals("Андреевна", p.middleName());
        assertEquals("invalid_birthdate", invalid(child("1890-01-01", "F", null)).problem().code());
        assertEquals("schoolBirthdateInFuture", invalid(child("2099-01-01", "F", null)).problem().messageKey());
    }

    @Test
    void namesGenderAndMiddleNameRules() {
        assertEquals("lastName", invalid(new PersonInput("", "Дарья", "А", false, "2016-04-05", "F", null)).field());
        assertEquals("firstName", invalid(new PersonInput("Кузнецова", "<script>", "А", false, "2016-04-05", "F", null)).field());
        assertEquals("middle_name_required", invalid(new PersonInput("Кузнецова", "Дарья", " ", false, "2016-04-05", "F", null)).problem().code());
        assertEquals("gender", invalid(child("2016-04-05", "X", null)).field());
        ValidPerson none = assertInstanceOf(PersonValidator.Valid.class,
                validator.validate(new PersonInput("Ким", "Дарья", null, true, "2016-04-05", "F", null), PersonValidator.Required.ALL)).person();
        assertNull(none.middleName());
        assertEquals(true, none.noMiddleName());
    }

    @Test
    void importParentsNeedOnlyNames() {
        ValidPerson parent = assertInstanceOf(PersonValidator.Valid.class, validator.validate(
                new PersonInput("Кузнецов", "Андрей", null, true, null, null, null), PersonValidator.Required.NAMES_ONLY)).person();
        assertNull(parent.birthdate());
        assertNull(parent.gender());
    }
}
