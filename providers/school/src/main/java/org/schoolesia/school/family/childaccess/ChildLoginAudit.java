package org.schoolesia.school.family.childaccess;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Audit of children's logins (R-FAM-4): a Keycloak user event {@code UPDATE_CREDENTIAL} on the child's
 * account with {@code school_child_login} = {@code created} / {@code reset}, who did it
 * ({@code changed_by}, {@code changed_by_role} parent or staff, the staff member's {@code organization}),
 * the login and, when it changed, the one before. Never the password. A log line says the same.
 */
final class ChildLoginAudit {

    private static final Logger LOG = Logger.getLogger(ChildLoginAudit.class);

    static final String STEP = "school_child_login";
    static final String ACTOR = "changed_by";
    static final String ACTOR_ROLE = "changed_by_role";

    private ChildLoginAudit() {
    }

    static void changed(KeycloakSession session, RealmModel realm, ChildLogins.Actor actor, UserModel child, String step, String previousLogin) {
        EventBuilder e = (session.getContext().getConnection() == null ? new EventBuilder(realm, session)
                : new EventBuilder(realm, session, session.getContext().getConnection()))
                .event(EventType.UPDATE_CREDENTIAL).user(child)
                .detail(Details.USERNAME, child.getUsername()).detail(Details.CREDENTIAL_TYPE, "password")
                .detail(STEP, step).detail(ACTOR, actor.user().getId()).detail(ACTOR_ROLE, actor.role())
                .detail("temporary", "true");
        if (actor.organisation() != null) {
            e.detail("organization", actor.organisation());
        }
        if (previousLogin != null && !previousLogin.equals(child.getUsername())) {
            e.detail("previous_username", previousLogin);
        }
        e.success();
        LOG.infof("child %s: login %s by %s %s", child.getId(), step, actor.role(), actor.user().getId());
    }
}
