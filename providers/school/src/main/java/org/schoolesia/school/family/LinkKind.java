package org.schoolesia.school.family;

import java.util.Arrays;
import java.util.Optional;

import org.schoolesia.school.kernel.PureRule;

/** What the adult is to the child (R-FAM-1, R-FAM-4): a parent, or another legal representative (опекун, попечитель). */
@PureRule
public enum LinkKind {
    PARENT("parent"),
    LEGAL_REPRESENTATIVE("legal-representative");

    private final String code;

    LinkKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<LinkKind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
