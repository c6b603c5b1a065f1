package org.schoolesia.school.family;

import java.util.Arrays;
import java.util.Optional;

import org.schoolesia.school.kernel.PureRule;

/** How a parent–child link came to be (issue 12: «Ways a parent gets a child»). */
@PureRule
public enum LinkSource {
    /** Staff of the child's home organisation: by hand, quick entry, import of pupils. */
    STAFF("staff"),
    /** R-FAM-2: the parent redeemed an invitation code. */
    CODE("code"),
    /** R-FAM-3: the parent's confirmed Госуслуги SNILS is on the child's card. */
    SNILS("snils"),
    /** An access request that named the child, resolved by staff. */
    REQUEST("request"),
    /** A child from the parent's Госуслуги children, confirmed by staff. */
    ESIA_CHILDREN("esia-children"),
    /** Brought over from the {@code parentIds} attribute: the change set, or a realm import. */
    IMPORT("import");

    private final String code;

    LinkSource(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<LinkSource> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
