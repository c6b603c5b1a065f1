package org.schoolesia.esia.broker;

/**
 * Names of the brokered-context data an ESIA login carries into the first-broker-login and
 * post-login flows, and of the user attributes the mappers write by default. Later
 * authenticators (role choice, linking, family rules) read these instead of calling ESIA again.
 */
public final class EsiaNotes {

    public static final String PREFIX = "esia.";
    public static final String OID = PREFIX + "oid";
    public static final String LAST_NAME = PREFIX + "lastName";
    public static final String FIRST_NAME = PREFIX + "firstName";
    public static final String MIDDLE_NAME = PREFIX + "middleName";
    /** ISO date, yyyy-MM-dd. */
    public static final String BIRTH_DATE = PREFIX + "birthDate";
    public static final String GENDER = PREFIX + "gender";
    /** Eleven digits, checksum verified; absent when ESIA has none or an invalid one. */
    public static final String SNILS = PREFIX + "snils";
    /** "true" only for confirmed (trusted) ESIA accounts: R-ESIA-4. */
    public static final String TRUSTED = PREFIX + "trusted";
    /** The token's urn:esia:sbj:lvl: P, PR or KD. */
    public static final String LEVEL = PREFIX + "level";
    public static final String EMAIL = PREFIX + "email";
    public static final String MOBILE = PREFIX + "mobile";
    public static final String CITIZENSHIP = PREFIX + "citizenship";
    /**
     * JSON array of the children ESIA knows: oid, lastName, firstName, middleName, birthDate, gender, snils,
     * and birthCertificate ("series number") with birthCertificateIssued when the kid_birth_cert_doc scope is granted.
     */
    public static final String KIDS = PREFIX + "kids";
    /** "true" when this login asked ESIA for the children (a parent's login): only then is {@link #KIDS} complete. */
    public static final String KIDS_READ = PREFIX + "kidsRead";

    /**
     * The role chosen on the login page before Госуслуги (R-ESIA-2) arrives as this parameter of
     * the broker login URL; the provider keeps it as the client note {@link #CHOSEN_ROLE_NOTE},
     * which survives the flow restart Keycloak does when ESIA answers.
     */
    public static final String ROLE_PARAMETER = "school_role";
    public static final String CHOSEN_ROLE_NOTE = "school.esiaRole";

    private EsiaNotes() {
    }
}
