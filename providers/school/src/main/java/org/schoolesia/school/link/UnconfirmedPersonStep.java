package org.schoolesia.school.link;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;

/**
 * R-ESIA-4: an unconfirmed ESIA account that entered no linked account stops here, with what to do
 * to confirm it. Nothing posted to this page does anything: it is shown again.
 */
final class UnconfirmedPersonStep extends EsiaFirstLoginStep {

    private static final Logger LOG = Logger.getLogger(UnconfirmedPersonStep.class);

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        EsiaPersonFacts person = person(broker);
        if (person.trusted()) {
            context.attempted();
            return;
        }
        LOG.debugf("ESIA person %s has an unconfirmed account: refused (R-ESIA-4)", person.oid());
        show(context, view(context, "unconfirmed", person), null);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        authenticateImpl(context, serialized, broker);
    }
}
