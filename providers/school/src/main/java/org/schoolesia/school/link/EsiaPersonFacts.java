package org.schoolesia.school.link;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.schoolesia.esia.broker.EsiaNotes;
import org.schoolesia.school.kernel.PersonFields;

/**
 * What ESIA said about the person logging in, as the ESIA provider left it in the brokered
 * context ({@link EsiaNotes}). Nothing here is typed by the user.
 */
public record EsiaPersonFacts(String oid, String lastName, String firstName, String middleName,
                              LocalDate birthDate, String snils, boolean trusted) {

    public static EsiaPersonFacts from(Map<String, ?> contextData) {
        return new EsiaPersonFacts(text(contextData, EsiaNotes.OID), text(contextData, EsiaNotes.LAST_NAME),
                text(contextData, EsiaNotes.FIRST_NAME), text(contextData, EsiaNotes.MIDDLE_NAME),
                date(text(contextData, EsiaNotes.BIRTH_DATE)), text(contextData, EsiaNotes.SNILS),
                "true".equals(text(contextData, EsiaNotes.TRUSTED)));
    }

    /** For logs and audit: the two check digits only. */
    public String maskedSnils() {
        return mask(snils);
    }

    public static String mask(String snils) {
        return snils == null || snils.length() < 3 ? null : "*********" + snils.substring(snils.length() - 2);
    }

    private static String text(Map<String, ?> data, String key) {
        Object value = data.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** Defect 6: a future or > 120-year-old birth date is unknown, so no age rule ever runs on it. */
    private static LocalDate date(String value) {
        return PersonFields.birthDate(value, Clock.systemUTC()).orElse(null);
    }
}
