package org.schoolesia.school.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.schoolesia.esia.broker.EsiaIdentityProviderConfig;
import org.schoolesia.esia.broker.EsiaIdentityProviderFactory;
import org.schoolesia.school.link.ChosenRole;
import org.schoolesia.school.link.RoleChoiceStepFactory;

/**
 * The ESIA provider no longer knows the school's role parameter: the realm names it among the
 * provider's "Forwarded login parameters" and says when children are read. A realm made by the
 * previous version has neither setting, so its role buttons would be forgotten at Госуслуги; this
 * sets them once on every ESIA provider whose first-login flow is the school's, and leaves an
 * admin's own values (even empty ones) alone.
 */
final class EsiaProviderUpgrade {

    private static final Logger LOG = Logger.getLogger(EsiaProviderUpgrade.class);

    private EsiaProviderUpgrade() {
    }

    /** @return how many providers got the settings */
    static int upgrade(KeycloakSession session, RealmModel realm) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm); // identityProviders() works in the context's realm
        try {
            int upgraded = 0;
            for (IdentityProviderModel provider : esiaProviders(session)) {
                Map<String, String> config = provider.getConfig() == null ? new HashMap<>() : new HashMap<>(provider.getConfig());
                if (config.containsKey(EsiaIdentityProviderConfig.FORWARDED_PARAMETERS) || !usesSchoolSteps(realm, provider)) {
                    continue;
                }
                config.put(EsiaIdentityProviderConfig.FORWARDED_PARAMETERS, ChosenRole.FORWARDED_PARAMETERS);
                config.putIfAbsent(EsiaIdentityProviderConfig.READ_CHILDREN_WHEN, ChosenRole.READ_CHILDREN_WHEN);
                provider.setConfig(config);
                session.identityProviders().update(provider);
                LOG.infof("realm %s: ESIA provider '%s' now forwards %s and reads children when %s", realm.getName(),
                        provider.getAlias(), ChosenRole.FORWARDED_PARAMETERS, config.get(EsiaIdentityProviderConfig.READ_CHILDREN_WHEN));
                upgraded++;
            }
            return upgraded;
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    /** The realm's ESIA providers; call with the realm in the session's context. */
    static List<IdentityProviderModel> esiaProviders(KeycloakSession session) {
        return session.identityProviders().getAllStream(Map.of(), null, null)
                .filter(p -> EsiaIdentityProviderFactory.PROVIDER_ID.equals(p.getProviderId())).toList();
    }

    static boolean usesSchoolSteps(RealmModel realm, IdentityProviderModel provider) {
        AuthenticationFlowModel flow = provider.getFirstBrokerLoginFlowId() == null ? null
                : realm.getAuthenticationFlowById(provider.getFirstBrokerLoginFlowId());
        return flow != null && containsRoleStep(realm, flow);
    }

    private static boolean containsRoleStep(RealmModel realm, AuthenticationFlowModel flow) {
        return realm.getAuthenticationExecutionsStream(flow.getId()).anyMatch(e -> e.isAuthenticatorFlow()
                ? containsRoleStep(realm, realm.getAuthenticationFlowById(e.getFlowId()))
                : Objects.equals(RoleChoiceStepFactory.ID, e.getAuthenticator()));
    }
}
