package org.schoolesia.school.link;

import java.util.Map;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** True when the person took the route this condition's settings name (see {@link EsiaRoute}). */
final class EsiaRouteCondition implements ConditionalAuthenticator {

    static final String ROUTE = "route";

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        Map<String, String> config = context.getAuthenticatorConfig() == null ? Map.of() : context.getAuthenticatorConfig().getConfig();
        return EsiaRoute.of(config.get(ROUTE)).isPresent()
                && EsiaRoute.taken(context.getAuthenticationSession()).equals(EsiaRoute.of(config.get(ROUTE)));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
