package org.schoolesia.school.accounts;

import org.keycloak.models.ClientModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

/**
 * An authenticated staff member and their organisation, as the database says (the
 * {@code homeOrganization} attribute), never as a request says.
 */
public record StaffMember(UserModel user, OrganizationModel organisation, ClientModel client) {

    public String alias() {
        return organisation.getAlias();
    }

    /** R-ODO-2/3: only the home organisation issues credentials. */
    public boolean isHomeOf(UserModel person) {
        return organisation.getAlias().equals(person.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION));
    }
}
