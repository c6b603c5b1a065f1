package org.schoolesia.esia.protocol;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The bounds every field read from ESIA must keep before it goes anywhere (defect 6 of issue 10):
 * data that is too long or malformed becomes absent or is cut here, never an error further on
 * (a database column, a form, a mail). The maxima sit well above anything real and at or below
 * the columns the values land in (Keycloak's user attributes and names: 255).
 */
public final class EsiaText {

    /** A surname, given name or patronymic; real ones stay far below. */
    public static final int NAME_MAX = 100;
    /** RFC 5321's limit for an address in a mail path. */
    public static final int EMAIL_MAX = 254;
    /** E.164 allows 15 digits; the rest is ESIA's formatting, e.g. +7(912)3456701. */
    public static final int MOBILE_MAX = 32;
    /** Codes ESIA sends as words: status, citizenship, document type. */
    public static final int CODE_MAX = 32;
    /** Birth certificate series (e.g. IV-МЮ) and number. */
    public static final int DOCUMENT_PART_MAX = 20;
    /** Identifiers of persons and children; they go into URL paths, so only safe characters. */
    public static final int OID_MAX = 40;
    /** A person older than this is taken for a mistake in the record. */
    public static final int OLDEST_AGE_YEARS = 120;

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+");
    private static final Pattern MOBILE = Pattern.compile("\\+?[0-9()\\- ]{5,31}");
    private static final Pattern CODE = Pattern.compile("[\\p{L}0-9_]+");
    private static final Pattern DOCUMENT_PART = Pattern.compile("[\\p{L}0-9 -]+");
    private static final Pattern OID = Pattern.compile("[0-9A-Za-z_-]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private EsiaText() {
    }

    /**
     * A name as the system may store and show it: format characters (bidi overrides and
     * isolates U+202A-U+202E, U+2066-U+2069, marks U+200E/U+200F, zero-width U+200B-U+200D,
     * U+2060, U+FEFF, soft hyphen — they can reorder or hide what staff read) and control
     * characters removed, spaces collapsed, NFC, cut to {@link #NAME_MAX}. Null when nothing is left.
     */
    public static String name(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(value.length(), NAME_MAX * 2));
        for (int i = 0; i < value.length() && kept.length() <= NAME_MAX * 4; ) {
            int cp = value.codePointAt(i);
            int type = Character.getType(cp);
            if (type != Character.FORMAT && type != Character.CONTROL) {
                kept.appendCodePoint(cp);
            } else if (Character.isWhitespace(cp)) {
                kept.append(' '); // a tab or line break between two words stays a separator
            }
            i += Character.charCount(cp);
        }
        String text = Normalizer.normalize(SPACES.matcher(kept).replaceAll(" ").trim(), Normalizer.Form.NFC);
        return text.isEmpty() ? null : cut(text, NAME_MAX);
    }

    /** A plausible address or null: a cut address would reach somebody else. */
    public static String email(String value) {
        String text = value == null ? null : value.trim();
        return text != null && text.length() <= EMAIL_MAX && EMAIL.matcher(text).matches() ? text : null;
    }

    public static String mobile(String value) {
        String text = value == null ? null : value.trim();
        return text != null && text.length() <= MOBILE_MAX && MOBILE.matcher(text).matches() ? text : null;
    }

    /** ESIA's codes (status, citizenship) upper case as received, or null when not a short word. */
    public static String code(String value) {
        String text = value == null ? null : value.trim();
        return text != null && !text.isEmpty() && text.length() <= CODE_MAX && CODE.matcher(text).matches()
                ? text.toUpperCase(Locale.ROOT) : null;
    }

    public static String documentPart(String value) {
        String text = value == null ? null : SPACES.matcher(value.trim()).replaceAll(" ");
        return text != null && !text.isEmpty() && text.length() <= DOCUMENT_PART_MAX && DOCUMENT_PART.matcher(text).matches()
                ? text : null;
    }

    public static String oid(String value) {
        String text = value == null ? null : value.trim();
        return text != null && !text.isEmpty() && text.length() <= OID_MAX && OID.matcher(text).matches() ? text : null;
    }

    /**
     * A birth date (or a document's issue date) in the future or more than
     * {@link #OLDEST_AGE_YEARS} years ago is unknown, never guessed.
     */
    public static LocalDate birthDate(LocalDate date, LocalDate today) {
        if (date == null || date.isAfter(today) || date.isBefore(today.minusYears(OLDEST_AGE_YEARS))) {
            return null;
        }
        return date;
    }

    private static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)).trim();
    }
}
