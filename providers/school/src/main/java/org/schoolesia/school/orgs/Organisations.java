package org.schoolesia.school.orgs;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

/** Looking up the organisation a login names, shared by the password form and the ESIA steps. */
public final class Organisations {

    /**
     * User-session note with the alias of the organisation the person logged in to (R-ORG-2 or an
     * ESIA account's home); the demo client maps it to the {@code school_org} claim.
     */
    public static final String LOGIN_NOTE = "school.organization";

    private Organisations() {
    }

    /** Null when the realm has Organizations off or no such alias. */
    public static OrganizationModel byAlias(KeycloakSession session, String alias) {
        OrganizationProvider organisations = session.getProvider(OrganizationProvider.class);
        if (organisations == null || !organisations.isEnabled() || alias == null) {
            return null;
        }
        return organisations.getByAlias(alias);
    }
}
