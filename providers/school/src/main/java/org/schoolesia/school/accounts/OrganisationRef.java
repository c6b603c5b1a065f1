package org.schoolesia.school.accounts;

import org.keycloak.models.OrganizationModel;

/** {@code {"alias","name"}} of an organisation in an answer; the name is null when the alias names none. */
public record OrganisationRef(String alias, String name) {

    public static OrganisationRef of(OrganizationModel org, String alias) {
        return new OrganisationRef(org == null ? alias : org.getAlias(), org == null ? null : org.getName());
    }
}
