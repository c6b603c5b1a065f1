package org.schoolesia.school.link;

import org.schoolesia.school.kernel.PureRule;

/**
 * An ESIA oid as the person's own page shows it: never in full (issue 11), only its last three
 * characters, so a person can tell two of their Госуслуги accounts apart without the page
 * handing the identifier to whoever looks over their shoulder or at a screenshot.
 */
@PureRule
public final class MaskedOid {

    static final int SHOWN = 3;

    private MaskedOid() {
    }

    /** {@code 1000000001} → {@code *******001}; short or blank values are masked whole; null stays null. */
    public static String of(String oid) {
        if (oid == null) {
            return null;
        }
        String trimmed = oid.trim();
        if (trimmed.length() <= SHOWN * 2) {
            return "*".repeat(Math.max(trimmed.length(), 1));
        }
        return "*".repeat(trimmed.length() - SHOWN) + trimmed.substring(trimmed.length() - SHOWN);
    }
}
