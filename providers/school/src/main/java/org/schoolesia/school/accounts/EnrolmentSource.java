package org.schoolesia.school.accounts;

/**
 * How an account entered an organisation (R-ODO-1): created by the organisation itself (its home
 * organisation may issue credentials, R-ODO-3) or chosen from another organisation's list.
 */
public enum EnrolmentSource {
    /** Created by the school or kindergarten that keeps the child's records. */
    CONTINGENT("contingent"),
    /** «Быстрый ввод» in an ОДО. */
    QUICK_ENTRY("quick-entry"),
    /** «Импорт учеников» in an ОДО. */
    IMPORT("import"),
    /** Created by staff when resolving a person's access request (R-REQ-3). */
    ACCESS_REQUEST("access-request");

    private final String code;

    EnrolmentSource(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
