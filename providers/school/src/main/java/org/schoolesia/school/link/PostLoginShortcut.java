package org.schoolesia.school.link;

import org.jboss.logging.Logger;
import org.keycloak.authentication.Authenticator;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderFactory;
import org.schoolesia.esia.broker.EsiaIdentityProviderConfig;

/**
 * A returning ESIA login skips the provider's post-login flow when every step of it is a
 * {@link QuietPostLoginStep} that has nothing to do for this account now (issue 14): Keycloak then
 * finishes the login in the callback's own request instead of redirecting the browser to the flow,
 * which would only pass. The flow's id is cleared on this login's own copy of the provider's settings
 * (the ESIA provider makes one per request), never on the realm's.
 */
final class PostLoginShortcut {

    private static final Logger LOG = Logger.getLogger(PostLoginShortcut.class);

    private PostLoginShortcut() {
    }

    static void apply(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context) {
        // Only the callback's own settings object (a deserialised context may hold the realm's cached model).
        if (!(context.getIdpConfig() instanceof EsiaIdentityProviderConfig config) || config.getPostBrokerLoginFlowId() == null
                || context.getIdp() == null || context.getIdp().getConfig() != config) {
            return;
        }
        boolean steps = false;
        for (AuthenticationExecutionModel execution : realm.getAuthenticationExecutionsStream(config.getPostBrokerLoginFlowId()).toList()) {
            if (execution.isDisabled()) {
                continue;
            }
            ProviderFactory<Authenticator> factory = execution.isAuthenticatorFlow() || execution.getAuthenticator() == null ? null
                    : session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, execution.getAuthenticator());
            if (!(factory instanceof QuietPostLoginStep step) || !step.quietAt(session, realm, user, context.getContextData())) {
                return;
            }
            steps = true;
        }
        if (steps) {
            config.setPostBrokerLoginFlowId(null);
            LOG.debugf("ESIA login of %s: the post-login flow has nothing to do, skipped", user.getId());
        }
    }
}
