package org.schoolesia.school.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * Replaces every execution of the old single step {@code school-esia-account} by the steps of
 * {@link FirstLoginFlow}, its settings carried over to the steps that use them now. Idempotent: a
 * realm without the old step is left as it is.
 */
public final class FirstLoginFlowUpgrade {

    private static final Logger LOG = Logger.getLogger(FirstLoginFlowUpgrade.class);

    private FirstLoginFlowUpgrade() {
    }

    /** @return how many old steps were replaced */
    public static int upgrade(RealmModel realm) {
        List<AuthenticationExecutionModel> old = realm.getAuthenticationFlowsStream()
                .flatMap(f -> realm.getAuthenticationExecutionsStream(f.getId()))
                .filter(e -> LegacyEsiaAccountStepFactory.ID.equals(e.getAuthenticator()))
                .toList();
        for (AuthenticationExecutionModel execution : old) {
            AuthenticationFlowModel parent = realm.getAuthenticationFlowById(execution.getParentFlow());
            AuthenticatorConfigModel config = execution.getAuthenticatorConfig() == null ? null
                    : realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
            Map<String, String> settings = config == null || config.getConfig() == null ? Map.of() : new HashMap<>(config.getConfig());
            realm.removeAuthenticatorExecution(execution);
            if (config != null) {
                realm.removeAuthenticatorConfig(config);
            }
            new FirstLoginFlow(realm, parent.getAlias(), settings).buildInto(parent, execution.getPriority());
            LOG.infof("realm %s: flow '%s' upgraded from the single step %s to the ESIA first-login steps", realm.getName(),
                    parent.getAlias(), LegacyEsiaAccountStepFactory.ID);
        }
        return old.size();
    }
}
