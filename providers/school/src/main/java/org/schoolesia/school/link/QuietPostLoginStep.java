package org.schoolesia.school.link;

import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A step factory of the ESIA post-login flow that can tell, while ESIA's callback is still being
 * handled, that its step would pass at this login without a page and without changing anything.
 * When every step of the provider's post-login flow says so, {@link PostLoginShortcut} lets Keycloak
 * skip that flow for this login: no redirect to it, no second request (issue 14, the login's cost).
 * A step that does not implement this keeps the flow running at every login.
 */
public interface QuietPostLoginStep {

    /**
     * @param user        the account entering (the post-login flow's user)
     * @param contextData the brokered context's data as the ESIA provider filled it ({@code EsiaNotes})
     * @return true only when the step would call {@code success()} and do nothing else
     */
    boolean quietAt(KeycloakSession session, RealmModel realm, UserModel user, Map<String, Object> contextData);
}
