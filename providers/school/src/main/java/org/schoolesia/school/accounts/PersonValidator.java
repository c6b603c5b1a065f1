package org.schoolesia.school.accounts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.kernel.PersonFields;
import org.schoolesia.school.kernel.PureRule;

/**
 * Checks a person typed by staff (quick entry, R-ODO-1) or read from an import row before anything
 * is created. Each check yields one {@link Problem}; the caller creates nothing while any exists.
 */
@PureRule
public final class PersonValidator {

    /** Letters of any script, spaces, hyphens, apostrophes, dots: «Римский-Корсаков», «д'Артаньян». */
    private static final Pattern NAME = Pattern.compile("[\\p{L}][\\p{L} .'’\\-]{0,99}");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter RUSSIAN = DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT);

    private final AgePolicy ages;
    private final ZoneId zone;

    /** @param zone the organisation's time zone: "not in the future" is judged there (R-AGE-1) */
    public PersonValidator(AgePolicy ages, ZoneId zone) {
        this.ages = ages;
        this.zone = zone;
    }

    /** What a record must carry: import rows have no date of birth or gender for parents. */
    public enum Required { ALL, NAMES_ONLY }

    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(ValidPerson person) implements Result {
    }

    public record Invalid(String field, Problem problem) implements Result {
    }

    public Result validate(PersonInput in, Required required) {
        String last = trim(in.lastName());
        String first = trim(in.firstName());
        String middle = trim(in.middleName());
        if (last == null || !NAME.matcher(last).matches()) {
            return new Invalid("lastName", Problem.of("invalid_name", "schoolInvalidLastName"));
        }
        if (first == null || !NAME.matcher(first).matches()) {
            return new Invalid("firstName", Problem.of("invalid_name", "schoolInvalidFirstName"));
        }
        if (middle == null && !in.noMiddleName()) {
            return new Invalid("middleName", Problem.of("middle_name_required", "schoolMiddleNameRequired"));
        }
        if (middle != null && in.noMiddleName()) {
            return new Invalid("middleName", Problem.of("middle_name_required", "schoolMiddleNameContradiction"));
        }
        if (middle != null && !NAME.matcher(middle).matches()) {
            return new Invalid("middleName", Problem.of("invalid_name", "schoolInvalidMiddleName"));
        }
        LocalDate birthdate = null;
        String date = trim(in.birthdate());
        if (date != null || required == Required.ALL) {
            Optional<LocalDate> parsed = parseDate(date);
            if (parsed.isEmpty()) {
                return new Invalid("birthdate", Problem.of("invalid_birthdate", "schoolInvalidBirthdate"));
            }
            birthdate = parsed.get();
            try {
                if (ages.ageOn(birthdate, zone) > 120) {
                    return new Invalid("birthdate", Problem.of("invalid_birthdate", "schoolInvalidBirthdate"));
                }
            } catch (IllegalArgumentException future) {
                return new Invalid("birthdate", Problem.of("invalid_birthdate", "schoolBirthdateInFuture"));
            }
        }
        String gender = null;
        String g = trim(in.gender());
        if (g != null || required == Required.ALL) {
            gender = parseGender(g);
            if (gender == null) {
                return new Invalid("gender", Problem.of("invalid_gender", "schoolInvalidGender"));
            }
        }
        Snils snils = null;
        String s = trim(in.snils());
        if (s != null) {
            try {
                snils = Snils.parse(s);
            } catch (IllegalArgumentException e) {
                return new Invalid("snils", Problem.of("invalid_snils", "schoolInvalidSnils"));
            }
        }
        return new Valid(new ValidPerson(last, first, middle, middle == null, birthdate, gender, snils));
    }

    /** yyyy-MM-dd (the API's form) or dd.MM.yyyy (what spreadsheets export in Russia). */
    public static Optional<LocalDate> parseDate(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {ISO, RUSSIAN}) {
            try {
                return Optional.of(LocalDate.parse(text, f));
            } catch (DateTimeParseException ignored) {
                // try the other form
            }
        }
        return Optional.empty();
    }

    /** M/F, or the Russian М/Ж, муж./жен., мужской/женский. */
    static String parseGender(String text) {
        if (text == null) {
            return null;
        }
        String g = text.trim().toLowerCase(Locale.ROOT).replace(".", "");
        return switch (g) {
            case "m", "м", "муж", "мужской" -> "M";
            case "f", "ж", "жен", "женский" -> "F";
            default -> null;
        };
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        // Defect 6: pasted names often carry bidi or zero-width characters; they are never part of a name.
        String t = PersonFields.withoutInvisibleControls(s).strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t;
    }
}
