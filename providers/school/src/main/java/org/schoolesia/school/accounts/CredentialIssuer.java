package org.schoolesia.school.accounts;

import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffMember;

/**
 * «Сменить пароль» on a person's card (R-ODO-3, seed 000 Рис. 4-6): the staff member sets a new
 * password for an account their organisation created, optionally forcing a change at first login.
 * R-ODO-2: accounts created elsewhere are refused with the home organisation's name, whatever
 * ids the request carries — membership and home organisation come from the database.
 */
public final class CredentialIssuer {

    private static final Logger LOG = Logger.getLogger(CredentialIssuer.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public CredentialIssuer(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public void issue(StaffMember staff, String targetId, String password, String confirmation, boolean temporary) {
        UserModel target = targetId == null ? null : session.users().getUserById(realm, targetId);
        boolean member = target != null && People.isPerson(target) && session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), target);
        Optional<CredentialChecks.Refusal> refusal = CredentialChecks.check(member, member && People.isHome(staff.organisation(), target), password, confirmation);
        if (refusal.isPresent()) {
            switch (refusal.get()) {
                case NOT_FOUND -> throw Refused.notFound();
                case NOT_HOME_ORGANIZATION -> throw notHome(session, target);
                case PASSWORD_MISMATCH -> throw Refused.of(400, "password_mismatch", "schoolPasswordMismatch");
                case PASSWORD_TOO_SHORT -> throw Refused.of(400, "password_too_short", "schoolPasswordTooShort", String.valueOf(CredentialChecks.MIN_LENGTH));
            }
        }
        Passwords.set(session, realm, target, password, temporary);
        new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.UPDATE_CREDENTIAL)
                .client(staff.client())
                .user(target)
                .detail(Details.CREDENTIAL_TYPE, "password")
                .detail("staff_id", staff.user().getId())
                .detail("target_id", target.getId())
                .detail("organization", staff.alias())
                .detail("temporary", String.valueOf(temporary))
                .success();
        LOG.infof("staff %s issued a password to %s (organisation %s, temporary=%s)", staff.user().getId(), target.getId(), staff.alias(), temporary);
    }

    /** R-ODO-2: 403 naming the organisation that issues this account's credentials. */
    public static Refused notHome(KeycloakSession session, UserModel target) {
        String home = target.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationModel org = home == null ? null : session.getProvider(OrganizationProvider.class).getByAlias(home);
        return Refused.of(403, "not_home_organization", "schoolNotHomeOrganization", org == null ? String.valueOf(home) : org.getName())
                .with("homeOrganization", OrganisationRef.of(org, home));
    }
}
