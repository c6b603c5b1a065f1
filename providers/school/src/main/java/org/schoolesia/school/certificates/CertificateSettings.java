package org.schoolesia.school.certificates;

import java.time.Instant;
import java.time.Period;
import java.util.List;

import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.schoolesia.school.age.AgeSettings;

/**
 * The certificates module's settings: realm attributes (Realm settings → General → Unmanaged
 * attributes, or {@code kcadm.sh update realms/<realm> -s 'attributes."schoolCertificates"=on'}) and
 * organisation attributes. Unreadable values count as unset.
 * <ul>
 *   <li>{@value #MODULE}: {@code on} switches the module on for the realm (R-CERT-1; off by default);</li>
 *   <li>{@value #ORGANISATION_MODULE} on an organisation: {@code off} switches it off there;</li>
 *   <li>{@value #AUTHORITY} on an organisation: {@code true} makes it an authorised organisation (R-CERT-4);</li>
 *   <li>{@value #MIN_AGE}/{@value #MAX_AGE}: holders from the 5th up to the 18th birthday by default;</li>
 *   <li>{@value #NUMBER_FORMAT}: {@link CertificateNumbers}; {@value #VALIDITY}: {@link CertificateTerm};</li>
 *   <li>{@value #RATE_LIMIT}: eligibility calls per caller per minute (default 60).</li>
 * </ul>
 */
public final class CertificateSettings {

    public static final String MODULE = "schoolCertificates";
    public static final String ORGANISATION_MODULE = "certificates";
    public static final String AUTHORITY = "certificateAuthority";
    public static final String MIN_AGE = "schoolCertificateMinAge";
    public static final String MAX_AGE = "schoolCertificateMaxAge";
    public static final String NUMBER_FORMAT = "schoolCertificateNumberFormat";
    public static final String VALIDITY = "schoolCertificateValidity";
    public static final String RATE_LIMIT = "schoolCertificateRateLimit";
    static final int DEFAULT_MIN_AGE = 5;
    static final int DEFAULT_MAX_AGE = 18;
    static final int DEFAULT_RATE_LIMIT = 60;

    private CertificateSettings() {
    }

    public static boolean moduleOn(RealmModel realm) {
        return "on".equalsIgnoreCase(strip(realm.getAttribute(MODULE)));
    }

    /** R-CERT-1: on unless the organisation says {@code off}; no organisation: on. */
    public static boolean moduleOn(OrganizationModel organisation) {
        return organisation == null || !"off".equalsIgnoreCase(strip(attribute(organisation, ORGANISATION_MODULE)));
    }

    /** R-CERT-4: staff of this organisation activate, suspend and revoke certificates. */
    public static boolean authorised(OrganizationModel organisation) {
        return organisation != null && organisation.isEnabled() && "true".equalsIgnoreCase(strip(attribute(organisation, AUTHORITY)));
    }

    /** The rule's settings now; an upside-down range falls back to the defaults. */
    public static CertificateEligibility.Settings eligibility(RealmModel realm, Instant now) {
        int min = number(realm, MIN_AGE, DEFAULT_MIN_AGE, 0, 30);
        int max = number(realm, MAX_AGE, DEFAULT_MAX_AGE, 1, 30);
        if (max <= min) {
            min = DEFAULT_MIN_AGE;
            max = DEFAULT_MAX_AGE;
        }
        return new CertificateEligibility.Settings(moduleOn(realm), AgeSettings.selfServiceAge(realm), min, max, now);
    }

    public static CertificateNumbers numbers(RealmModel realm) {
        return CertificateNumbers.of(realm.getAttribute(NUMBER_FORMAT));
    }

    public static Period validity(RealmModel realm) {
        return CertificateTerm.period(realm.getAttribute(VALIDITY));
    }

    public static int rateLimit(RealmModel realm) {
        return number(realm, RATE_LIMIT, DEFAULT_RATE_LIMIT, 1, 100_000);
    }

    private static String attribute(OrganizationModel org, String name) {
        List<String> values = org.getAttributes() == null ? null : org.getAttributes().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int number(RealmModel realm, String name, int fallback, int least, int most) {
        String value = strip(realm.getAttribute(name));
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            return n >= least && n <= most ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
