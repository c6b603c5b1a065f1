package org.schoolesia.school.accounts;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.orgs.OrganisationAttributes;

/** Small facts about accounts and organisations that several staff operations need. */
public final class People {

    static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Moscow");

    private People() {
    }

    /** Parents and students: the accounts staff manage (colleagues' accounts are not theirs to touch). */
    public static boolean isPerson(UserModel user) {
        Optional<SchoolRole> role = SchoolRole.of(user.getFirstAttribute(SchoolAttributes.ROLE));
        return role.isPresent() && role.get() != SchoolRole.STAFF;
    }

    public static boolean hasRole(UserModel user, SchoolRole role) {
        return SchoolRole.of(user.getFirstAttribute(SchoolAttributes.ROLE)).filter(role::equals).isPresent();
    }

    /** {"alias","name"} of an organisation; the name is null when the alias names none. */
    public static Map<String, Object> organisationRef(OrganizationModel org, String alias) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("alias", org == null ? alias : org.getAlias());
        ref.put("name", org == null ? null : org.getName());
        return ref;
    }

    public static String attribute(OrganizationModel org, String name) {
        var values = org.getAttributes() == null ? null : org.getAttributes().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** R-AGE-1: dates are judged in the organisation's time zone. */
    public static ZoneId zone(OrganizationModel org) {
        String tz = attribute(org, OrganisationAttributes.TIME_ZONE);
        try {
            return tz == null ? DEFAULT_ZONE : ZoneId.of(tz);
        } catch (DateTimeException e) {
            return DEFAULT_ZONE;
        }
    }
}
