package org.schoolesia.school.requests;

import java.time.Clock;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.link.EsiaRoute;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

/**
 * «Обратиться в организацию» (R-REQ-1): what happens to a request, then «Продолжить» to the form.
 * Staff accounts are linked by their organisation's administrator: staff get that guidance and no
 * «Продолжить» (a forged one shows this page again). «Назад» starts the flow over.
 */
final class ContactStep extends RequestStep {

    ContactStep(OrganisationDirectoryCache directories, Clock clock) {
        super(directories, clock);
    }

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        show(context, view(context, "contact", person(broker)), null);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("back")) {
            startOver(context, serialized);
        } else if (form.containsKey("continue") && mayFile(context, broker)) {
            EsiaRoute.REQUEST.take(context.getAuthenticationSession());
            context.success();
        } else {
            authenticateImpl(context, serialized, broker);
        }
    }

    /** Only confirmed persons (R-ESIA-4) of the roles parent and student file requests. */
    static boolean mayFile(AuthenticationFlowContext context, BrokeredIdentityContext broker) {
        return person(broker).trusted() && role(context) != SchoolRole.STAFF;
    }
}
