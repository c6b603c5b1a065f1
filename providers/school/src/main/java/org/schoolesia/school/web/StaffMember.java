package org.schoolesia.school.web;

import org.keycloak.models.ClientModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

/**
 * The caller of a staff resource: an account whose staff power was checked on this request, with
 * the organisation it holds that power in (as the database says, never as the request says) and
 * the client the token was issued to.
 */
public record StaffMember(UserModel user, OrganizationModel organisation, ClientModel client) {

    public String alias() {
        return organisation.getAlias();
    }
}
