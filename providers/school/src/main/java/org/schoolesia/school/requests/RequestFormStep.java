package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.schoolesia.esia.broker.EsiaChildDocuments;
import org.schoolesia.school.link.StepConfig;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

/**
 * The access request form (R-REQ-1) and, once sent, its number (R-REQ-2). The sent page belongs to
 * this step so that a replayed «Отправить» (reload, double click) reaches the same execution and
 * files nothing: any post after sending starts the flow over, which shows the pending requests.
 */
final class RequestFormStep extends RequestStep {

    /** The request this login filed (or was given back): "id|created". */
    static final String NOTE_SENT = "school.request.sent";

    record Settings(RequestLimits.Settings limits) {
        static final String MAX_PER_PERSON = "maxRequestsPerPerson";
        static final String PERSON_WINDOW_HOURS = "requestPersonWindowHours";
        static final String MAX_PER_ADDRESS = "maxRequestsPerAddress";
        static final String ADDRESS_WINDOW_MINUTES = "requestAddressWindowMinutes";

        static Settings of(Map<String, String> c) {
            return new Settings(new RequestLimits.Settings(StepConfig.positive(c.get(MAX_PER_PERSON), 5),
                    Duration.ofHours(StepConfig.positive(c.get(PERSON_WINDOW_HOURS), 24)),
                    StepConfig.positive(c.get(MAX_PER_ADDRESS), 20),
                    Duration.ofMinutes(StepConfig.positive(c.get(ADDRESS_WINDOW_MINUTES), 60))));
        }
    }

    RequestFormStep(OrganisationDirectoryCache directories, Clock clock) {
        super(directories, clock);
    }

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        // Sent already (Keycloak re-shows this step for a replayed form): the requests as they stand now.
        if (!ContactStep.mayFile(context, broker) || context.getAuthenticationSession().getAuthNote(NOTE_SENT) != null) {
            startOver(context, serialized);
            return;
        }
        showForm(context, broker, RequestChoices.NONE, null);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        if (!ContactStep.mayFile(context, broker) || context.getAuthenticationSession().getAuthNote(NOTE_SENT) != null) {
            startOver(context, serialized);
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        RequestChoices choices = RequestChoices.from(form::getFirst);
        if (!form.containsKey("send")) {
            // «Выбрать» (the cascade without a script) and anything else: the form again, nothing typed lost.
            showForm(context, broker, choices, null);
            return;
        }
        // The chosen child's birth certificate is read now, the one time it is needed (issue 14); kept for a re-send.
        if (EsiaChildDocuments.read(broker, choices.child())) {
            SerializedBrokeredIdentityContext.serialize(broker).saveToAuthenticationSession(context.getAuthenticationSession(),
                    BROKERED_CONTEXT_NOTE);
        }
        RequestForm requests = requestForm(context, broker);
        RequestForm.Outcome outcome = requests.send(choices, context.getConnection().getRemoteAddr(), Settings.of(StepConfig.of(context.getAuthenticatorConfig())).limits(),
                context.getEvent(), context.getSession().getContext().resolveLocale(null).toLanguageTag());
        if (!outcome.isFiled()) {
            showForm(context, broker, choices, outcome);
            return;
        }
        AccessRequests.Filing filing = outcome.filing();
        context.getAuthenticationSession().setAuthNote(NOTE_SENT, filing.request().id() + "|" + filing.created());
        show(context, view(context, "sent", person(broker)), f -> f.setAttribute(RequestForm.ATTRIBUTE, requests.sentView(filing)));
    }

    private void showForm(AuthenticationFlowContext context, BrokeredIdentityContext broker, RequestChoices choices,
                          RequestForm.Outcome refused) {
        RequestForm requests = requestForm(context, broker);
        show(context, view(context, "request", person(broker)), form -> {
            if (refused != null) {
                Optional.ofNullable(refused.pageError()).ifPresent(form::setError);
                refused.fieldErrors().forEach(form::addError);
            }
            form.setAttribute(RequestForm.ATTRIBUTE, requests.view(choices));
        });
    }
}
