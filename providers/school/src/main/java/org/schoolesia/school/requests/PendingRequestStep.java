package org.schoolesia.school.requests;

import java.time.Clock;
import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.schoolesia.school.link.EsiaAccountView;
import org.schoolesia.school.link.EsiaRoute;
import org.schoolesia.school.link.PasswordLinkSettings;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

/**
 * A person whose access request still waits for staff (R-REQ-3) sees its number instead of the
 * not-found page; from here «Обратиться в другую организацию» opens the form and, while open,
 * «Привязать учетную запись» the link page. No pending request: the next alternative.
 */
final class PendingRequestStep extends RequestStep {

    PendingRequestStep(OrganisationDirectoryCache directories, Clock clock) {
        super(directories, clock);
    }

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        // Staff resolve a request by linking the account, so a pending one means: not decided yet.
        RequestForm requests = requestForm(context, broker);
        List<AccessRequest> pending = person(broker).trusted() ? requests.pending() : List.of();
        if (pending.isEmpty()) {
            context.attempted();
            return;
        }
        show(context, broker, requests, pending, null);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("showLink")) {
            if (selfLinkOpen(context)) {
                EsiaRoute.LINK.take(context.getAuthenticationSession());
                context.success();
                return;
            }
            NotIdentifiedStep.refuseAfterCutoff(context, person(broker));
            RequestForm requests = requestForm(context, broker);
            List<AccessRequest> pending = requests.pending();
            if (pending.isEmpty()) {
                startOver(context, serialized); // decided meanwhile: where the person stands now
                return;
            }
            show(context, broker, requests, pending, PasswordLinkSettings.SELF_LINK_CLOSED);
        } else if (form.containsKey("another")) {
            EsiaRoute.REQUEST.take(context.getAuthenticationSession());
            context.success();
        } else {
            // The pending requests as they stand now (one may have been decided meanwhile).
            startOver(context, serialized);
        }
    }

    private void show(AuthenticationFlowContext context, BrokeredIdentityContext broker, RequestForm requests,
                      List<AccessRequest> pending, String error) {
        EsiaAccountView view = view(context, "pending", person(broker));
        view.setSelfLinkOpen(selfLinkOpen(context));
        show(context, view, form -> {
            if (error != null) {
                form.setError(error);
            }
            form.setAttribute(RequestForm.ATTRIBUTE, requests.pendingView(pending));
        });
    }
}
