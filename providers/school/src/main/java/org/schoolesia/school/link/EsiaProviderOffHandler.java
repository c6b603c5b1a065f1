package org.schoolesia.school.link;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.services.error.KeycloakErrorHandler;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.utils.KeycloakSessionUtil;
import org.schoolesia.esia.broker.EsiaIdentityProviderFactory;
import org.schoolesia.esia.broker.EsiaNotes;

/**
 * Defect 3, the part before our steps: a post to a first-login page after the ESIA provider was
 * switched off fails in Keycloak's own endpoint, which re-reads the brokered identity and refuses a
 * disabled provider with a plain {@link ModelException}, a bare 500. That case gets the themed page
 * of {@link EsiaFirstLoginStep#PROVIDER_OFF}; every other exception goes to Keycloak's handler.
 * The case is told by the login's state, not by Keycloak's wording or paths: the authentication
 * session holds a brokered first login whose provider is an ESIA provider now disabled (or removed,
 * the brokered person carrying ESIA's data).
 */
@Provider
public class EsiaProviderOffHandler implements ExceptionMapper<ModelException> {

    private static final Logger LOG = Logger.getLogger(EsiaProviderOffHandler.class);

    @Override
    public Response toResponse(ModelException exception) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        String alias = session == null || exception.getClass() != ModelException.class ? null : esiaProviderOff(session);
        if (alias == null) {
            return KeycloakErrorHandler.getResponse(session, exception);
        }
        LOG.debugf("first login after the ESIA provider '%s' was switched off: %s", alias, exception.getMessage());
        session.getTransactionManager().setRollbackOnly();
        return session.getProvider(LoginFormsProvider.class).setError(EsiaFirstLoginStep.PROVIDER_OFF)
                .createErrorPage(Response.Status.BAD_REQUEST);
    }

    /** The alias of the ESIA provider this request's first login came through, when that provider is off now; else null. */
    static String esiaProviderOff(KeycloakSession session) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (session.getContext().getRealm() == null || authSession == null) {
            return null;
        }
        SerializedBrokeredIdentityContext brokered = SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession,
                AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE);
        if (brokered == null || brokered.getIdentityProviderId() == null) {
            return null;
        }
        IdentityProviderModel provider = session.identityProviders().getByAlias(brokered.getIdentityProviderId());
        boolean off = provider == null ? brokered.getContextData().containsKey(EsiaNotes.OID)
                : !provider.isEnabled() && EsiaIdentityProviderFactory.PROVIDER_ID.equals(provider.getProviderId());
        return off ? brokered.getIdentityProviderId() : null;
    }
}
