package org.schoolesia.school.kernel;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;

import org.schoolesia.esia.protocol.EsiaText;

/**
 * Defect 6: what any writer of a person's data applies before it reaches a column or a card, wherever
 * the data came from (ESIA, a form, REST, an import). Text loses the invisible characters that can
 * make a name display differently from what it is, and is cut to the column it lands in instead of
 * failing the transaction; a birth date in the future or more than {@value #MAX_AGE_YEARS} years ago
 * counts as unknown — never guessed, never stored.
 */
@PureRule
public final class PersonFields {

    /** Keycloak's USER_ENTITY name columns and a short user-attribute value ({@code VALUE} of USER_ATTRIBUTE). */
    public static final int KEYCLOAK_COLUMN = 255;
    public static final int MAX_AGE_YEARS = EsiaText.OLDEST_AGE_YEARS;

    /**
     * Zero-width (U+200B..U+200D), direction marks (U+200E, U+200F), bidi embeddings and overrides
     * (U+202A..U+202E), bidi isolates (U+2066..U+2069) and the byte-order mark / zero-width no-break
     * space (U+FEFF): they change how a name reads on screen (RLO turns «Иванов» around) or make two
     * equal-looking names differ.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    /** The date of the zone that reaches tomorrow first: a birth "today" anywhere on Earth is not in the future. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private PersonFields() {
    }

    public static boolean hasInvisibleControls(String text) {
        return text != null && INVISIBLE.matcher(text).find();
    }

    /** Without the invisible controls; null stays null. */
    public static String withoutInvisibleControls(String text) {
        return text == null ? null : INVISIBLE.matcher(text).replaceAll("");
    }

    /**
     * Clean, stripped and at most {@code maxLength} characters (a surrogate pair is never split);
     * null when nothing is left. For what is stored as given (ESIA's words): refusing would lose the
     * whole request over a field staff read anyway.
     */
    public static String bounded(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String clean = withoutInvisibleControls(text).strip();
        if (clean.length() > maxLength) {
            int end = Character.isHighSurrogate(clean.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
            clean = clean.substring(0, end).strip();
        }
        return clean.isEmpty() ? null : clean;
    }

    /** A value that is an identifier (SNILS, oid, certificate number): kept whole or not at all. */
    public static String wholeOrNothing(String text, int maxLength) {
        String clean = text == null ? null : withoutInvisibleControls(text).strip();
        return clean == null || clean.isEmpty() || clean.length() > maxLength ? null : clean;
    }

    /** The birth date when it is plausible on {@code today}: not after it, not more than 120 years before it. */
    public static Optional<LocalDate> plausibleBirthDate(LocalDate date, LocalDate today) {
        // One rule for dates from ESIA and from cards and forms: the ESIA module's.
        return Optional.ofNullable(EsiaText.birthDate(date, today));
    }

    /** As {@link #plausibleBirthDate(LocalDate, LocalDate)}, "today" being the latest date anywhere now. */
    public static Optional<LocalDate> plausibleBirthDate(LocalDate date, Clock clock) {
        return plausibleBirthDate(date, LocalDate.now(clock.withZone(EARLIEST_ZONE)));
    }

    /** A stored or received {@code yyyy-MM-dd}: empty when malformed, impossible (31 February) or implausible. */
    public static Optional<LocalDate> birthDate(String iso, Clock clock) {
        if (iso == null || iso.isBlank()) {
            return Optional.empty();
        }
        try {
            return plausibleBirthDate(LocalDate.parse(iso.strip(), ISO), clock);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
