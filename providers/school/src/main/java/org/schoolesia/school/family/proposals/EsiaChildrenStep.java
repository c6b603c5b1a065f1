package org.schoolesia.school.family.proposals;

import java.util.List;
import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.schoolesia.school.link.EsiaKids;
import org.schoolesia.school.link.EsiaPersonFacts;

/**
 * {@code school-family-esia-children}, a step of the ESIA provider's post-login flow after
 * {@code school-family-snils-children} (so a pair the card's SNILS links is linked, not proposed):
 * the parent's Госуслуги children that match pupils become proposals for the pupils' schools. No
 * page: the parent finds them on «Мои дети». A login that did not read the children (the provider's
 * setting, or nothing changed at Госуслуги) proposes nothing new.
 */
final class EsiaChildrenStep implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel parent = context.getUser();
        SerializedBrokeredIdentityContext serialized = SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession,
                PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT);
        if (parent != null && serialized != null) {
            BrokeredIdentityContext broker = serialized.deserialize(context.getSession(), authSession);
            Optional<List<EsiaKids.Kid>> kids = EsiaKids.read(broker.getContextData());
            if (kids.isPresent()) {
                new Proposals(context.getSession()).proposeAtLogin(context.getRealm(), parent,
                        EsiaPersonFacts.from(broker.getContextData()).trusted(), kids.get());
            }
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
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
