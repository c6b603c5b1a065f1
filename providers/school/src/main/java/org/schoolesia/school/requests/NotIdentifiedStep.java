package org.schoolesia.school.requests;

import java.time.Clock;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.schoolesia.school.kernel.SchoolMeters;
import org.schoolesia.school.link.EsiaAccountView;
import org.schoolesia.school.link.EsiaPersonFacts;
import org.schoolesia.school.link.EsiaRoute;
import org.schoolesia.school.link.LinkAudit;
import org.schoolesia.school.link.PasswordLinkSettings;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

/**
 * R-LINK-1: «Учетная запись не найдена» with «Привязать учетную запись» (while open, R-LINK-4) and
 * «Обратиться в организацию»; the choice becomes the route of the next sub-flow. It sits in
 * {@code requests} because the page also says what became of the person's last request (R-REQ-4).
 */
final class NotIdentifiedStep extends RequestStep {

    private static final Logger LOG = Logger.getLogger(NotIdentifiedStep.class);
    /** On the page: the person's latest rejected request, if any. */
    static final String REJECTION_ATTRIBUTE = "schoolRequestRejected";

    NotIdentifiedStep(OrganisationDirectoryCache directories, Clock clock) {
        super(directories, clock);
    }

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        // The link page found the cut-off passed and started over: say so here.
        boolean closedMeanwhile = context.getAuthenticationSession().getAuthNote(PasswordLinkSettings.NOTE_CLOSED) != null;
        context.getAuthenticationSession().removeAuthNote(PasswordLinkSettings.NOTE_CLOSED);
        SchoolMeters.countOnCommit(context.getSession(), SchoolMeters.LOGINS, context.getRealm().getName(),
                "outcome", "not_identified", "reason", SchoolMeters.NONE);
        showPage(context, broker, closedMeanwhile ? PasswordLinkSettings.SELF_LINK_CLOSED : null);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("showLink")) {
            if (!selfLinkOpen(context)) {
                refuseAfterCutoff(context, person(broker));
                showPage(context, broker, PasswordLinkSettings.SELF_LINK_CLOSED);
                return;
            }
            EsiaRoute.LINK.take(context.getAuthenticationSession());
            context.success();
        } else if (form.containsKey("contact")) {
            EsiaRoute.CONTACT.take(context.getAuthenticationSession());
            context.success();
        } else {
            showPage(context, broker, null);
        }
    }

    private void showPage(AuthenticationFlowContext context, BrokeredIdentityContext broker, String error) {
        Optional<RequestNumbersView> rejection = requestForm(context, broker).lastRejection();
        EsiaAccountView view = view(context, "unidentified", person(broker));
        view.setSelfLinkOpen(selfLinkOpen(context));
        show(context, view, form -> {
            if (error != null) {
                form.setError(error);
            }
            rejection.ifPresent(r -> form.setAttribute(REJECTION_ATTRIBUTE, r));
        });
    }

    static void refuseAfterCutoff(AuthenticationFlowContext context, EsiaPersonFacts person) {
        LOG.debugf("ESIA person %s: self-linking after the cut-off refused (R-LINK-4)", person.oid());
        context.getEvent().clone().event(EventType.FEDERATED_IDENTITY_LINK_ERROR)
                .detail(LinkAudit.ESIA_OID, person.oid()).detail(Details.REASON, "self_link_closed").error(Errors.NOT_ALLOWED);
    }
}
