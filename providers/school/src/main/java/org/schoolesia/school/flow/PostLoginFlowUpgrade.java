package org.schoolesia.school.flow;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.schoolesia.school.family.SnilsChildrenStepFactory;

/**
 * R-FAM-3 needs a step after every Госуслуги login: a realm made by an earlier version has none.
 * Once per realm (the realm attribute {@value #DONE} records it, so an admin who removes the flow
 * later keeps it removed), every ESIA provider with the school's first-login steps and no post-login
 * flow gets the flow {@value #ALIAS} with the step {@code school-family-snils-children}.
 */
final class PostLoginFlowUpgrade {

    private static final Logger LOG = Logger.getLogger(PostLoginFlowUpgrade.class);

    static final String ALIAS = "esia post login";
    static final String DONE = "schoolPostLoginFlowAdded";

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
        flow.setDescription("After every Госуслуги login: the children whose cards hold the parent's SNILS (R-FAM-3).");
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        flow = realm.addAuthenticationFlow(flow);
        AuthenticationExecutionModel step = new AuthenticationExecutionModel();
        step.setParentFlow(flow.getId());
        step.setAuthenticator(SnilsChildrenStepFactory.ID);
        step.setRequirement(AuthenticationExecutionModel.Requirement.REQUIRED);
        step.setPriority(10);
        step.setAuthenticatorFlow(false);
        realm.addAuthenticatorExecution(step);
        return flow;
    }
}
