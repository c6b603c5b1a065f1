package org.schoolesia.school.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.schoolesia.school.kernel.PureRule;

/**
 * Keyset paging (issue 14): a list's next page starts after the last row shown, named by its sort
 * key and id, so the database seeks to it by index instead of reading and skipping every row
 * before it, and page 100 costs what page 1 costs. On the wire an opaque {@code after} cursor
 * (base64url), which answers give as {@code next}; a cursor that does not decode is 400
 * {@code invalid_paging}. Rows inserted meanwhile never shift a page: each row shows once.
 */
@PureRule
public record Keyset(List<String> values) {

    private static final char SEPARATOR = '\u001f';

    public Keyset {
        values = List.copyOf(values);
    }

    public static Keyset of(String... values) {
        return new Keyset(Arrays.asList(values));
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), values).getBytes(StandardCharsets.UTF_8));
    }

    public String value(int i) {
        return values.get(i);
    }

    public long number(int i) {
        return Long.parseLong(values.get(i));
    }

    /**
     * The cursor a caller sent back; empty when none. {@code arity} values, and {@code numeric} the
     * positions that must be whole numbers, or it is refused.
     */
    public static Optional<Keyset> parse(String after, int arity, int... numeric) {
        if (after == null || after.isBlank()) {
            return Optional.empty();
        }
        try {
            if (after.length() > 512) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(after.strip()), StandardCharsets.UTF_8);
            List<String> values = Arrays.asList(text.split(String.valueOf(SEPARATOR), -1));
            if (values.size() != arity) {
                throw new IllegalArgumentException("arity");
            }
            for (int i : numeric) {
                Long.parseLong(values.get(i));
            }
            return Optional.of(new Keyset(values));
        } catch (IllegalArgumentException e) {
            throw Refused.of(400, "invalid_paging", "schoolInvalidCursor");
        }
    }

    /** {@code first} and {@code after} name a page two ways: one at a time. */
    public static void notBoth(Paging paging, Optional<Keyset> after) {
        if (after.isPresent() && paging.first() != 0) {
            throw Refused.of(400, "invalid_paging", "schoolInvalidCursor");
        }
    }
}
