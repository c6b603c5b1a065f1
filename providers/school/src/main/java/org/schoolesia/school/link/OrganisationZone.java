package org.schoolesia.school.link;

import org.schoolesia.school.orgs.Organisations;

import java.time.ZoneId;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.schoolesia.school.orgs.OrganisationAttributes;

/** R-AGE-1: ages in the time zone of the account's organisation; Moscow when it has none. */
final class OrganisationZone {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private OrganisationZone() {
    }

    static ZoneId of(KeycloakSession session, AccountFacts account) {
        OrganizationModel org = account.homeOrganisation() == null ? null
                : Organisations.byAlias(session, account.homeOrganisation());
        String zone = org == null ? null : org.getAttributes()
                .getOrDefault(OrganisationAttributes.TIME_ZONE, List.of()).stream().findFirst().orElse(null);
        try {
            return zone == null ? MOSCOW : ZoneId.of(zone);
        } catch (RuntimeException e) {
            return MOSCOW;
        }
    }
}
