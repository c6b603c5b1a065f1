package org.schoolesia.school.web;

import org.schoolesia.school.kernel.PureRule;

/**
 * One paging convention for every list of the API: {@code first} from 0 to {@link #MAX_FIRST},
 * {@code max} from 1 to {@link #MAX_PAGE}, {@link #DEFAULT_PAGE} when not given; anything else is
 * 400 {@code invalid_paging} (never silently corrected, so a caller learns its page is not the one
 * it asked for). Bounding {@code first} keeps a crafted offset from making the database walk a
 * whole table (defect 11 of issue 10).
 */
@PureRule
public record Paging(int first, int max) {

    public static final int MAX_FIRST = 10_000;
    public static final int MAX_PAGE = 100;
    public static final int DEFAULT_PAGE = 50;

    public static Paging of(String first, String max) {
        return new Paging(number(first, 0, 0, MAX_FIRST), number(max, DEFAULT_PAGE, 1, MAX_PAGE));
    }

    private static int number(String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Refused.of(400, "invalid_paging", "schoolInvalidPaging", String.valueOf(MAX_FIRST), String.valueOf(MAX_PAGE));
    }
}
