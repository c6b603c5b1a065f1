package org.schoolesia.school.accounts;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.web.StaffPower;

/**
 * Who holds staff power now (R-ORG-3): a staff account, its home organisation enabled, and — defect
 * 1 of issue 10 — still a member of it. An admin who removes a staff member from the organisation
 * (admin console → Organizations → Members) ends their power on the next call, whatever tokens
 * they hold: membership is read from Keycloak's store (cached per user, invalidated on change).
 */
public final class StaffAccounts implements StaffPower {

    @Override
    public Optional<OrganizationModel> organisationOf(KeycloakSession session, UserModel user) {
        if (!People.hasRole(user, SchoolRole.STAFF)) {
            return Optional.empty();
        }
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        String alias = user.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        if (orgs == null || !orgs.isEnabled() || alias == null) {
            return Optional.empty();
        }
        OrganizationModel org = orgs.getByAlias(alias);
        if (org == null || !org.isEnabled() || !orgs.isMember(org, user)) {
            return Optional.empty();
        }
        return Optional.of(org);
    }
}
