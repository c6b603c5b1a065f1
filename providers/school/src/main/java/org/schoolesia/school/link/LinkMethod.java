package org.schoolesia.school.link;

import java.util.Arrays;
import java.util.Optional;

/** How an account came to be linked to an ESIA person; kept with the link and in every audit event. */
public enum LinkMethod {
    /** The person entered the account's login and password before the cut-off (R-LINK-2). */
    PASSWORD("password"),
    /** Matched by SNILS, full name and birth date of a confirmed ESIA account (realm setting). */
    SNILS("snils"),
    /** A staff member linked a known ESIA oid (R-LINK-4). */
    STAFF("staff"),
    /** A staff member filled the card and authorised it; the person's next ESIA login completes it (R-LINK-4). */
    STAFF_CARD("staff-card"),
    /** A realm admin linked the account in the admin console or admin API (Users → Identity provider links). */
    ADMIN("admin"),
    /** Found as a Keycloak broker link when the realm was imported or the module installed. */
    IMPORT("import"),
    /** A staff member resolved the person's access request «Обратиться в организацию» (R-REQ-3). */
    REQUEST("request");

    private final String code;

    LinkMethod(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<LinkMethod> of(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }
}
