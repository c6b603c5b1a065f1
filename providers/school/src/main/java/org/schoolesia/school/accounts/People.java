package org.schoolesia.school.accounts;

import java.time.ZoneId;
import java.util.Optional;

import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.schoolesia.school.age.AgeSettings;
import org.keycloak.models.UserModel;
import org.schoolesia.esia.protocol.Snils;

/** Small facts about accounts and organisations that several staff operations need. */
public final class People {

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

    /** R-ORG-3, R-ODO-2/3: the organisation that created the account, the only one that issues its credentials. */
    public static boolean isHome(OrganizationModel organisation, UserModel person) {
        return organisation.getAlias().equals(person.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION));
    }

    public static String attribute(OrganizationModel org, String name) {
        var values = org.getAttributes() == null ? null : org.getAttributes().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** R-AGE-1: dates are judged in the organisation's time zone, the realm's where it has none. */
    public static ZoneId zone(RealmModel realm, OrganizationModel org) {
        return AgeSettings.zone(realm, org);
    }

    /** «***-***-*** 95» for answers and logs; "***" for a value that is no SNILS; null for none. */
    public static String maskedSnils(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Snils.parse(value).masked();
        } catch (IllegalArgumentException e) {
            return "***";
        }
    }
}
