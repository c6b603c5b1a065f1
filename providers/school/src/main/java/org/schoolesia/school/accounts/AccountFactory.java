package org.schoolesia.school.accounts;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.organization.OrganizationProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Creates the accounts of quick entry and import (R-ODO-1): home organisation = the staff
 * member's, a membership there, no password yet (R-ODO-3 issues it). One instance per request,
 * so logins chosen earlier in the same request are not chosen twice.
 */
public final class AccountFactory {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationModel organisation;
    private final EnrolmentSource source;
    private final Set<String> chosenLogins = new HashSet<>();

    public AccountFactory(KeycloakSession session, RealmModel realm, OrganizationModel organisation, EnrolmentSource source) {
        this.session = session;
        this.realm = realm;
        this.organisation = organisation;
        this.source = source;
    }

    public UserModel create(ValidPerson person, SchoolRole role) {
        String login = LoginGenerator.generate(person.lastName(), person.firstName(),
                candidate -> chosenLogins.contains(candidate) || session.users().getUserByUsername(realm, candidate) != null);
        chosenLogins.add(login);
        UserModel user = session.users().addUser(realm, login);
        user.setEnabled(true);
        user.setLastName(person.lastName());
        user.setFirstName(person.firstName());
        if (person.middleName() != null) {
            user.setSingleAttribute(SchoolAttributes.MIDDLE_NAME, person.middleName());
        }
        user.setSingleAttribute(SchoolAttributes.NO_MIDDLE_NAME, String.valueOf(person.noMiddleName()));
        if (person.birthdate() != null) {
            user.setSingleAttribute(SchoolAttributes.BIRTHDATE, person.birthdate().toString());
        }
        if (person.gender() != null) {
            user.setSingleAttribute(SchoolAttributes.GENDER, person.gender());
        }
        user.setSingleAttribute(SchoolAttributes.ROLE, role.code());
        user.setSingleAttribute(SchoolAttributes.HOME_ORGANISATION, organisation.getAlias());
        user.setSingleAttribute(SchoolAttributes.ENROLMENT_SOURCE, source.code());
        if (person.snils() != null) {
            user.setSingleAttribute(SchoolAttributes.SNILS, person.snils().digits());
            new SnilsIndex(session).record(realm, user);
        }
        session.getProvider(OrganizationProvider.class).addMember(organisation, user);
        return user;
    }
}
