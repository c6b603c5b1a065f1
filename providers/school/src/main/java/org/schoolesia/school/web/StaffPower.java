package org.schoolesia.school.web;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

/**
 * Who holds staff power, and in which organisation, at this moment. The kernel knows tokens, not
 * schools: the composition root hands it the rule (accounts' staff accounts and memberships).
 */
@FunctionalInterface
public interface StaffPower {

    /** The organisation the user may act for now, from the database; empty when none. */
    Optional<OrganizationModel> organisationOf(KeycloakSession session, UserModel user);
}
