package org.schoolesia.school.certificates;

import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.link.ChosenRole;

/**
 * R-CERT-6 (4), R-FAM-5: evidence that a parent is at the keyboard of this account — one of its
 * sessions was opened for the parent role: the role button before Госуслуги, or a relying system's
 * {@code school_role=parent}. Read from all the account's sessions, so the page and the REST answer
 * (different clients of one login) judge alike.
 */
final class ParentAtKeyboard {

    private static final String PRESELECTED = AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX
            + ChosenRole.REQUEST_PARAMETER;

    private ParentAtKeyboard() {
    }

    static boolean evident(KeycloakSession session, RealmModel realm, UserModel user) {
        return session.sessions().getUserSessionsStream(realm, user)
                .flatMap(s -> s.getAuthenticatedClientSessions().values().stream())
                .anyMatch(ParentAtKeyboard::parentRole);
    }

    private static boolean parentRole(AuthenticatedClientSessionModel clientSession) {
        String parent = SchoolRole.PARENT.code();
        return parent.equalsIgnoreCase(clientSession.getNote(ChosenRole.NOTE)) || parent.equalsIgnoreCase(clientSession.getNote(PRESELECTED));
    }
}
