package org.schoolesia.esia.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/** ESIA's request timestamp, {@code yyyy.MM.dd HH:mm:ss Z}, e.g. {@code 2025.09.02 13:00:29 +0300}. */
public final class EsiaTimestamp {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("uuuu.MM.dd HH:mm:ss Z", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private EsiaTimestamp() {
    }

    public static String format(Instant t, ZoneId zone) {
        return FORMAT.format(t.atZone(zone));
    }

    /** @throws IllegalArgumentException when the text is not in ESIA's timestamp format */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text, FORMAT).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "timestamp must look like 2025.09.02 13:00:29 +0300 (yyyy.MM.dd HH:mm:ss Z)", e);
        }
    }
}
