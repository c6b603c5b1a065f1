package org.schoolesia.school.flow;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.schoolesia.school.link.EsiaFirstLoginStep;

/**
 * The old single step, met in a flow the start-up upgrade has not seen yet (a flow built by hand
 * after start): upgrades the realm's flows now and starts the flow over, so the person goes on
 * through the new steps.
 */
final class LegacyEsiaAccountStep extends EsiaFirstLoginStep {

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        FirstLoginFlowUpgrade.upgrade(context.getRealm());
        EsiaProviderUpgrade.upgrade(context.getSession(), context.getRealm());
        startOver(context, serialized);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        authenticateImpl(context, serialized, broker);
    }
}
