package org.schoolesia.school.link;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.services.error.KeycloakErrorHandler;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Defect 3, the part before our steps: a post to a first-login page after the ESIA provider was
 * switched off fails in Keycloak's own endpoint, which re-reads the brokered identity and refuses a
 * disabled provider with a {@link ModelException} — a bare 500. That one case gets the themed page
 * of {@link EsiaFirstLoginStep#PROVIDER_OFF}; every other exception goes to Keycloak's handler.
 */
@Provider
public class EsiaProviderOffHandler implements ExceptionMapper<ModelException> {

    private static final Logger LOG = Logger.getLogger(EsiaProviderOffHandler.class);
    /** Keycloak's words for a disabled or removed provider when the brokered identity is read back. */
    private static final String PROVIDER_GONE = "Can't find identity provider";

    @Override
    public Response toResponse(ModelException exception) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null || !providerGoneInFirstLogin(session, exception)) {
            return KeycloakErrorHandler.getResponse(session, exception);
        }
        LOG.debugf("first login after the identity provider was switched off: %s", exception.getMessage());
        session.getTransactionManager().setRollbackOnly();
        return session.getProvider(LoginFormsProvider.class).setError(EsiaFirstLoginStep.PROVIDER_OFF)
                .createErrorPage(Response.Status.BAD_REQUEST);
    }

    private static boolean providerGoneInFirstLogin(KeycloakSession session, ModelException exception) {
        String message = exception.getMessage();
        return message != null && message.startsWith(PROVIDER_GONE) && session.getContext().getRealm() != null
                && session.getContext().getUri() != null
                && session.getContext().getUri().getPath().endsWith("/login-actions/first-broker-login");
    }
}
