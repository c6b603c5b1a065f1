package org.schoolesia.school.link;

import java.time.ZoneId;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.schoolesia.school.age.AgeSettings;
import org.schoolesia.school.orgs.Organisations;

/** R-AGE-1: ages in the time zone of the account's home organisation; the realm's when it has none. */
final class OrganisationZone {

    private OrganisationZone() {
    }

    static ZoneId of(KeycloakSession session, AccountFacts account) {
        OrganizationModel org = account.homeOrganisation() == null ? null
                : Organisations.byAlias(session, account.homeOrganisation());
        return AgeSettings.zone(session.getContext().getRealm(), org);
    }
}
