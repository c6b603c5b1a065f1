package org.schoolesia.school.accounts;

import java.util.Arrays;
import java.util.Optional;

/** The role an account has in the school system (R-ESIA-2 chooses among them at login). */
public enum SchoolRole {
    PARENT("parent"),
    STUDENT("student"),
    STAFF("staff");

    private final String code;

    SchoolRole(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<SchoolRole> of(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(r -> r.code.equalsIgnoreCase(value.trim())).findFirst();
    }
}
