package org.schoolesia.school.flow;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.schoolesia.school.family.SnilsChildrenStepFactory;
import org.schoolesia.school.family.proposals.EsiaChildrenStepFactory;

/**
 * R-FAM-3 needs a step after every Госуслуги login: a realm made by an earlier version has none.
 * Once per realm (the realm attribute {@value #DONE} records it, so an admin who removes the flow
 * later keeps it removed), every ESIA provider with the school's first-login steps and no post-login
 * flow gets the flow {@value #ALIAS} with the steps {@code school-family-snils-children} and
 * {@code school-family-esia-children}. A flow made by an earlier version gets the second step once
 * ({@value #CHILDREN_DONE}; issue 12, children from Госуслуги).
 */
final class PostLoginFlowUpgrade {

    private static final Logger LOG = Logger.getLogger(PostLoginFlowUpgrade.class);

    static final String ALIAS = "esia post login";
    static final String DONE = "schoolPostLoginFlowAdded";
    static final String CHILDREN_DONE = "schoolEsiaChildrenStepAdded";

    private PostLoginFlowUpgrade() {
    }

    /** @return how many providers got the flow */
    static int upgrade(KeycloakSession session, RealmModel realm) {
        if (realm.getAttribute(DONE) != null) {
            return 0;
        }
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm); // identityProviders() works in the context's realm
        try {
            int upgraded = 0;
            for (IdentityProviderModel provider : EsiaProviderUpgrade.esiaProviders(session)) {
                if (provider.getPostBrokerLoginFlowId() != null || !EsiaProviderUpgrade.usesSchoolSteps(realm, provider)) {
                    continue;
                }
                provider.setPostBrokerLoginFlowId(flow(realm).getId());
                session.identityProviders().update(provider);
                LOG.infof("realm %s: ESIA provider '%s' now runs the post-login flow '%s' (R-FAM-3)", realm.getName(), provider.getAlias(), ALIAS);
                upgraded++;
            }
            realm.setAttribute(DONE, "true");
            return upgraded;
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    private static AuthenticationFlowModel flow(RealmModel realm) {
        AuthenticationFlowModel existing = realm.getFlowByAlias(ALIAS);
        if (existing != null) {
            return existing;
        }
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(ALIAS);
        flow.setDescription("After every Госуслуги login: the children whose cards hold the parent's SNILS (R-FAM-3), then the parent's"
                + " Госуслуги children proposed to their schools.");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        flow = realm.addAuthenticationFlow(flow);
        addStep(realm, flow, SnilsChildrenStepFactory.ID, 10);
        addStep(realm, flow, EsiaChildrenStepFactory.ID, 20);
        return flow;
    }

    /**
     * Once per realm: the flow {@value #ALIAS} of an earlier version, holding the SNILS step only, gets
     * {@code school-family-esia-children} after it. A flow an admin changed otherwise is left alone.
     * @return whether the step was added
     */
    static boolean addChildrenStep(RealmModel realm) {
        String done = realm.getAttribute(CHILDREN_DONE);
        if (done != null && !done.isBlank()) {
            return false;
        }
        realm.setAttribute(CHILDREN_DONE, "true");
        AuthenticationFlowModel flow = realm.getFlowByAlias(ALIAS);
        if (flow == null) {
            return false;
        }
        boolean snils = realm.getAuthenticationExecutionsStream(flow.getId()).anyMatch(e -> SnilsChildrenStepFactory.ID.equals(e.getAuthenticator()));
        boolean children = realm.getAuthenticationExecutionsStream(flow.getId()).anyMatch(e -> EsiaChildrenStepFactory.ID.equals(e.getAuthenticator()));
        if (!snils || children) {
            return false;
        }
        int after = realm.getAuthenticationExecutionsStream(flow.getId()).mapToInt(AuthenticationExecutionModel::getPriority).max().orElse(0);
        addStep(realm, flow, EsiaChildrenStepFactory.ID, after + 10);
        LOG.infof("realm %s: the flow '%s' now proposes the parents' Госуслуги children to their schools", realm.getName(), ALIAS);
        return true;
    }

    private static void addStep(RealmModel realm, AuthenticationFlowModel flow, String authenticator, int priority) {
        AuthenticationExecutionModel step = new AuthenticationExecutionModel();
        step.setParentFlow(flow.getId());
        step.setAuthenticator(authenticator);
        step.setRequirement(AuthenticationExecutionModel.Requirement.REQUIRED);
        step.setPriority(priority);
        step.setAuthenticatorFlow(false);
        realm.addAuthenticatorExecution(step);
    }
}
