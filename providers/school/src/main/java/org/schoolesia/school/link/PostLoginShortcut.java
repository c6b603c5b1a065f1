package org.schoolesia.school.link;

import org.jboss.logging.Logger;
import org.keycloak.authentication.Authenticator;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderFactory;
import org.schoolesia.esia.broker.EsiaIdentityProvider;
import org.schoolesia.esia.broker.EsiaIdentityProviderConfig;

/**
 * An ESIA login skips the provider's post-login flow when every step of it is a
 * {@link QuietPostLoginStep} that has nothing to do for this account now (issue 14): Keycloak then
 * finishes the login in the request that found the account instead of redirecting the browser to the
 * flow, which would only pass. A returning login is decided in ESIA's callback; a first login right
 * after its first-login flow linked the account (Keycloak runs the mappers' update there too). The
 * flow's id is cleared on this login's own copy of the provider's settings, never on the realm's.
 */
final class PostLoginShortcut {

    private static final Logger LOG = Logger.getLogger(PostLoginShortcut.class);

    private PostLoginShortcut() {
    }

    static void apply(KeycloakSession session, RealmModel realm, UserModel user, BrokeredIdentityContext context) {
        IdentityProviderModel config = context.getIdpConfig();
        if (config == null || config.getPostBrokerLoginFlowId() == null || !ownedByThisLogin(session, context)) {
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

    /**
     * The settings object this login alone holds: in ESIA's callback the provider's own (the ESIA provider
     * makes one per request); after the first-login flow the one Keycloak's provider store handed out when it
     * read the login back, a copy per call (organisations on, as this product needs). Should the store ever
     * hand out its cached model instead, a second read gives the same object and nothing is changed.
     */
    private static boolean ownedByThisLogin(KeycloakSession session, BrokeredIdentityContext context) {
        IdentityProviderModel config = context.getIdpConfig();
        if (config instanceof EsiaIdentityProviderConfig) {
            return context.getIdp() != null && context.getIdp().getConfig() == config;
        }
        return context.getIdp() instanceof EsiaIdentityProvider
                && config != session.identityProviders().getByAlias(config.getAlias());
    }
}
