package org.schoolesia.school.link;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * Settings of «Привязать учетную запись» (R-LINK-2..4): the cut-off and the per-person attempt
 * limit. The not-identified and pending pages read the cut-off from here too, to offer the button
 * only while linking is open: one setting, one place for the admin.
 */
public record PasswordLinkSettings(SelfLinkCutoff cutoff, int maxLinkFailures, Duration failureWindow) {

    /** Set on the reset flow when the cut-off passed while the person was on the link page: the not-found page says so. */
    public static final String NOTE_CLOSED = "school.esia.link.closed";
    /** The message: self-linking is closed (R-LINK-4). */
    public static final String SELF_LINK_CLOSED = "schoolEsiaSelfLinkClosed";

    public static final String SELF_LINK_UNTIL = "selfLinkUntil";
    public static final String SELF_LINK_ZONE = "selfLinkZone";
    public static final String MAX_LINK_FAILURES = "maxLinkFailuresPerPerson";
    public static final String FAILURE_WINDOW_MINUTES = "linkFailureWindowMinutes";

    public static PasswordLinkSettings of(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        return new PasswordLinkSettings(SelfLinkCutoff.parse(c.get(SELF_LINK_UNTIL), c.get(SELF_LINK_ZONE)),
                StepConfig.positive(c.get(MAX_LINK_FAILURES), 5),
                Duration.ofMinutes(StepConfig.positive(c.get(FAILURE_WINDOW_MINUTES), 15)));
    }

    /**
     * The settings of the link step of the flow running now; empty when the flow has no enabled link
     * step (then nobody links by password, whatever any cut-off says).
     */
    public static Optional<PasswordLinkSettings> inFlow(AuthenticationFlowContext context) {
        RealmModel realm = context.getRealm();
        return executions(realm, context.getTopLevelFlow().getId())
                .filter(e -> PasswordLinkStepFactory.ID.equals(e.getAuthenticator()) && !e.isDisabled())
                .findFirst()
                .map(e -> {
                    AuthenticatorConfigModel config = e.getAuthenticatorConfig() == null ? null
                            : realm.getAuthenticatorConfigById(e.getAuthenticatorConfig());
                    return of(StepConfig.of(config));
                });
    }

    /** Whether «Привязать учетную запись» is open now in the running flow (R-LINK-4). */
    public static boolean openNow(AuthenticationFlowContext context, java.time.Clock clock) {
        return inFlow(context).map(s -> s.cutoff().isOpen(clock.instant())).orElse(false);
    }

    private static Stream<AuthenticationExecutionModel> executions(RealmModel realm, String flowId) {
        return realm.getAuthenticationExecutionsStream(flowId)
                .flatMap(e -> e.isAuthenticatorFlow() ? executions(realm, e.getFlowId()) : Stream.of(e));
    }
}
