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
     * and birthCertificate ("series number") with birthCertificateIssued when the kid_birth_cert_doc scope is granted
     * and the documents were read; a child whose documents no login read carries documentsRead "false"
     * ({@link EsiaChildDocuments} reads them when a request needs them).
     */
    public static final String KIDS = PREFIX + "kids";
    /** "true" when this login asked ESIA for the children (see "Read children only when"): only then is {@link #KIDS} complete. */
    public static final String KIDS_READ = PREFIX + "kidsRead";

    /**
     * ESIA's account status as received, upper case ({@code REGISTERED}, {@code DELETED}, …);
     * absent when ESIA sent none. Later steps decide what a status means for them.
     */
    public static final String STATUS = PREFIX + "status";
    /** "true" while ESIA is verifying the person's identity; {@link #TRUSTED} is then "false". */
    public static final String VERIFYING = PREFIX + "verifying";

    /**
     * Client-note prefix of the forwarded login parameters: a parameter {@code x} of the broker
     * login URL named in the provider's "Forwarded login parameters" is kept as the client note
     * {@code esia.param.x}. Client notes survive the flow restart Keycloak does when ESIA answers,
     * so steps after ESIA can read what the login page (or its links) chose before.
     */
    public static final String FORWARDED_PARAMETER_PREFIX = PREFIX + "param.";

    /** The client note a forwarded login parameter is kept under. */
    public static String forwardedParameterNote(String parameter) {
        return FORWARDED_PARAMETER_PREFIX + parameter;
    }

    private EsiaNotes() {
    }
}
