package org.schoolesia.school.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;
import org.schoolesia.school.link.AutoLinkStepFactory;
import org.schoolesia.school.link.EsiaRoute;
import org.schoolesia.school.link.EsiaRouteConditionFactory;
import org.schoolesia.school.link.LinkedAccountStepFactory;
import org.schoolesia.school.link.PasswordLinkSettings;
import org.schoolesia.school.link.PasswordLinkStepFactory;
import org.schoolesia.school.link.RoleChoiceStepFactory;
import org.schoolesia.school.link.UnconfirmedPersonStepFactory;
import org.schoolesia.school.requests.ContactStepFactory;
import org.schoolesia.school.requests.NotIdentifiedStepFactory;
import org.schoolesia.school.requests.PendingRequestStepFactory;
import org.schoolesia.school.requests.RequestFormStepFactory;

/**
 * The shape of the ESIA first-login flow, built into a flow of a realm (the realm upgrade uses it;
 * the demo realm's generator writes the same shape):
 * <pre>
 * role                                  REQUIRED
 * "… account"                           REQUIRED, one of:
 *     linked account | unconfirmed | automatic link | pending request | not found
 * "… link by password"                  CONDITIONAL: route = link    → link by login and password
 * "… contact organisation"              CONDITIONAL: route = contact → contact page
 * "… access request"                    CONDITIONAL: route = request → request form (and its number)
 * </pre>
 */
public final class FirstLoginFlow {

    /** Which old setting of {@code school-esia-account} belongs to which step now. */
    static final Map<String, Set<String>> SETTINGS = Map.of(
            LinkedAccountStepFactory.ID, Set.of(LinkedAccountStepFactory.UNCONFIRMED_MAY_ENTER),
            AutoLinkStepFactory.ID, Set.of(AutoLinkStepFactory.SNILS_AUTO_LINK),
            PasswordLinkStepFactory.ID, Set.of(PasswordLinkSettings.SELF_LINK_UNTIL, PasswordLinkSettings.SELF_LINK_ZONE,
                    PasswordLinkSettings.MAX_LINK_FAILURES, PasswordLinkSettings.FAILURE_WINDOW_MINUTES),
            RequestFormStepFactory.ID, Set.of(RequestFormStepFactory.MAX_REQUESTS_PER_PERSON, RequestFormStepFactory.REQUEST_PERSON_WINDOW_HOURS,
                    RequestFormStepFactory.MAX_REQUESTS_PER_ADDRESS, RequestFormStepFactory.REQUEST_ADDRESS_WINDOW_MINUTES));

    private final RealmModel realm;
    private final String name;
    private final Map<String, String> settings;

    /**
     * @param name what the sub-flows' and settings' aliases start with (the top-level flow's alias)
     * @param settings the old step's settings, spread over the steps that use them now
     */
    FirstLoginFlow(RealmModel realm, String name, Map<String, String> settings) {
        this.realm = realm;
        this.name = name;
        this.settings = settings == null ? Map.of() : settings;
    }

    /** Adds the steps to {@code parent} from {@code priority} on. */
    void buildInto(AuthenticationFlowModel parent, int priority) {
        execution(parent, RoleChoiceStepFactory.ID, Requirement.REQUIRED, priority);
        AuthenticationFlowModel account = subFlow(parent, "account", "The school account of the Госуслуги person: the first step that answers wins.",
                Requirement.REQUIRED, priority + 1);
        int p = 10;
        for (String step : List.of(LinkedAccountStepFactory.ID, UnconfirmedPersonStepFactory.ID, AutoLinkStepFactory.ID,
                PendingRequestStepFactory.ID, NotIdentifiedStepFactory.ID)) {
            execution(account, step, Requirement.ALTERNATIVE, p);
            p += 10;
        }
        routed(parent, "link by password", "«Привязать учетную запись» (R-LINK-2..4).", EsiaRoute.LINK,
                PasswordLinkStepFactory.ID, priority + 2);
        routed(parent, "contact organisation", "«Обратиться в организацию» (R-REQ-1).", EsiaRoute.CONTACT,
                ContactStepFactory.ID, priority + 3);
        routed(parent, "access request", "The access request form and its number (R-REQ-1, R-REQ-2).", EsiaRoute.REQUEST,
                RequestFormStepFactory.ID, priority + 4);
    }

    private void routed(AuthenticationFlowModel parent, String what, String description, EsiaRoute route, String step, int priority) {
        AuthenticationFlowModel flow = subFlow(parent, what, description, Requirement.CONDITIONAL, priority);
        AuthenticationExecutionModel condition = execution(flow, EsiaRouteConditionFactory.ID, Requirement.REQUIRED, 10);
        condition.setAuthenticatorConfig(config(what + " route", Map.of(EsiaRouteConditionFactory.ROUTE, route.code())).getId());
        realm.updateAuthenticatorExecution(condition);
        execution(flow, step, Requirement.REQUIRED, 20);
    }

    private AuthenticationFlowModel subFlow(AuthenticationFlowModel parent, String what, String description, Requirement requirement,
                                            int priority) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(unique(name + " " + what));
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(false);
        flow.setBuiltIn(false);
        flow = realm.addAuthenticationFlow(flow);
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setParentFlow(parent.getId());
        execution.setFlowId(flow.getId());
        execution.setAuthenticatorFlow(true);
        execution.setRequirement(requirement);
        execution.setPriority(priority);
        realm.addAuthenticatorExecution(execution);
        return flow;
    }

    private AuthenticationExecutionModel execution(AuthenticationFlowModel parent, String authenticator, Requirement requirement, int priority) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setParentFlow(parent.getId());
        execution.setAuthenticator(authenticator);
        execution.setAuthenticatorFlow(false);
        execution.setRequirement(requirement);
        execution.setPriority(priority);
        Set<String> keys = SETTINGS.get(authenticator);
        if (keys != null) {
            Map<String, String> own = new LinkedHashMap<>();
            settings.forEach((k, v) -> {
                if (keys.contains(k) && v != null) {
                    own.put(k, v);
                }
            });
            execution.setAuthenticatorConfig(config(authenticator.replace("school-esia-", ""), own).getId());
        }
        return realm.addAuthenticatorExecution(execution);
    }

    private AuthenticatorConfigModel config(String what, Map<String, String> values) {
        AuthenticatorConfigModel config = new AuthenticatorConfigModel();
        config.setAlias(uniqueConfig(name + " " + what));
        config.setConfig(new LinkedHashMap<>(values));
        return realm.addAuthenticatorConfig(config);
    }

    private String unique(String alias) {
        String candidate = alias;
        for (int i = 2; realm.getFlowByAlias(candidate) != null; i++) {
            candidate = alias + " " + i;
        }
        return candidate;
    }

    private String uniqueConfig(String alias) {
        String candidate = alias;
        for (int i = 2; realm.getAuthenticatorConfigByAlias(candidate) != null; i++) {
            candidate = alias + " " + i;
        }
        return candidate;
    }
}
