package org.schoolesia.school.accounts;

/**
 * User-profile attributes of school accounts. Declared in the realm's user profile (Keycloak drops
 * undeclared attributes); SNILS, role and home organisation are never user-editable.
 */
public final class SchoolAttributes {

    public static final String MIDDLE_NAME = "middleName";
    /** «Нет отчества»: "true" when the person has no patronymic (so an empty middle name is not an omission). */
    public static final String NO_MIDDLE_NAME = "noMiddleName";
    /** ISO yyyy-MM-dd. */
    public static final String BIRTHDATE = "birthdate";
    /** M or F. */
    public static final String GENDER = "gender";
    public static final String CITIZENSHIP = "citizenship";
    /** Eleven digits, checksum verified; indexed in SCHOOL_SNILS for fast lookup. */
    public static final String SNILS = "snils";
    /** {@link SchoolRole#code()}. */
    public static final String ROLE = "schoolRole";
    /** Staff positions (multi-valued): завуч, методист, классный руководитель, педагог, администратор. */
    public static final String STAFF_POSITION = "staffPosition";
    /** R-ORG-3: alias of the organisation that created the account; only realm admins change it. */
    public static final String HOME_ORGANISATION = "homeOrganization";
    /** How the account came to be: {@link EnrolmentSource#code()}. */
    public static final String ENROLMENT_SOURCE = "enrolmentSource";
    /** "true" when Госуслуги said at the last login that the person's account is confirmed (the ESIA mapper writes it). */
    public static final String ESIA_TRUSTED = "esiaTrusted";

    private SchoolAttributes() {
    }
}
