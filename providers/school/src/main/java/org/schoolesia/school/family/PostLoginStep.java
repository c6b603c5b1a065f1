package org.schoolesia.school.family;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The common part of the family steps of the ESIA provider's post-login flow ({@code esia post login}):
 * stateless, no user required up front (a login that is no broker login passes), and the brokered
 * identity Keycloak keeps for the post-login flow, from which they read what Госуслуги said.
 */
public abstract class PostLoginStep implements Authenticator {

    /** The brokered identity of this login, or null when there is none (no broker login, or no account). */
    protected static BrokeredIdentityContext brokered(AuthenticationFlowContext context) {
        SerializedBrokeredIdentityContext serialized = SerializedBrokeredIdentityContext.readFromAuthenticationSession(
                context.getAuthenticationSession(), PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT);
        return context.getUser() == null || serialized == null ? null : serialized.deserialize(context.getSession(), context.getAuthenticationSession());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // «Продолжить» on a page of the step: what it did is done; nothing the form says changes anything.
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
