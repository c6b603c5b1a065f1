package org.schoolesia.school.age;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.schoolesia.school.orgs.OrganisationAttributes;

/**
 * R-AGE-1 settings of a realm (realm attributes, e.g. {@code kcadm.sh update realms/<realm> -s
 * 'attributes."schoolSelfServiceAge"=14'}): the self-service threshold (default 14), adulthood
 * (default 18), and the realm's time zone for organisations that name none (default Europe/Moscow).
 * An unreadable value counts as unset; the server's own zone is never used.
 */
public final class AgeSettings {

    public static final String SELF_SERVICE_AGE = "schoolSelfServiceAge";
    public static final String ADULT_AGE = "schoolAdultAge";
    public static final String TIME_ZONE = "schoolTimeZone";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Moscow");

    private AgeSettings() {
    }

    /** R-AGE-1 threshold for a pupil's self-service (certificates, own account): 14 unless the realm says 1…25. */
    public static int selfServiceAge(RealmModel realm) {
        return years(realm, SELF_SERVICE_AGE, AgePolicy.STUDENT_SELF_SERVICE_AGE);
    }

    public static int adultAge(RealmModel realm) {
        return years(realm, ADULT_AGE, AgePolicy.ADULT_AGE);
    }

    /** The organisation's zone; the realm's where it has none (or an unreadable one). */
    public static ZoneId zone(RealmModel realm, OrganizationModel organisation) {
        String own = null;
        if (organisation != null && organisation.getAttributes() != null) {
            own = organisation.getAttributes().getOrDefault(OrganisationAttributes.TIME_ZONE, List.of()).stream().findFirst().orElse(null);
        }
        ZoneId zone = zoneOf(own);
        return zone != null ? zone : realmZone(realm);
    }

    public static ZoneId realmZone(RealmModel realm) {
        ZoneId zone = realm == null ? null : zoneOf(realm.getAttribute(TIME_ZONE));
        return zone != null ? zone : DEFAULT_ZONE;
    }

    private static ZoneId zoneOf(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int years(RealmModel realm, String attribute, int fallback) {
        String value = realm == null ? null : realm.getAttribute(attribute);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n >= 1 && n <= 25 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
