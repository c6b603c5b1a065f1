package org.schoolesia.school.flow;

import org.jboss.logging.Logger;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.schoolesia.school.claims.PersonalDataScopes;
import org.schoolesia.school.link.EsiaStepFactory;

/**
 * {@code school-esia-account}, the old single first-login step, kept so realms that name it keep
 * working: at every server start (after Keycloak's own migration) and when a realm is created or
 * imported, flows using it are rebuilt into the ESIA first-login steps ({@link FirstLoginFlowUpgrade}); at start,
 * ESIA providers of such flows also get the role parameter forwarded ({@link EsiaProviderUpgrade}), and school realms
 * the personal page's client ({@link PersonalClientUpgrade}). At both, school cards get the validators added since
 * ({@link CardValidatorUpgrade}), and SNILS and birth dates leave the default scopes ({@link PersonalDataScopes}).
 */
public class LegacyEsiaAccountStepFactory extends EsiaStepFactory {

    public static final String ID = "school-esia-account";
    private static final Logger LOG = Logger.getLogger(LegacyEsiaAccountStepFactory.class);
    private static final LegacyEsiaAccountStep STEP = new LegacyEsiaAccountStep();

    @Override
    protected Authenticator step() {
        return STEP;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "School ESIA: old single step (replaced at start)";
    }

    @Override
    public String getHelpText() {
        return "Replaced by the ESIA first-login steps when the server starts or the realm is imported; do not add it to new flows.";
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream()
                        .forEach(realm -> {
                            int upgraded = FirstLoginFlowUpgrade.upgrade(realm);
                            if (upgraded > 0) {
                                LOG.infof("realm %s: %d old ESIA first-login steps upgraded at start", realm.getName(), upgraded);
                            }
                            EsiaProviderUpgrade.upgrade(session, realm);
                            CardValidatorUpgrade.upgrade(session, realm);
                            PersonalClientUpgrade.upgrade(session, realm);
                            if (CardValidatorUpgrade.isSchoolRealm(session, realm)) {
                                PersonalDataScopes.minimise(realm);
                            }
                            PostLoginFlowUpgrade.upgrade(session, realm);
                            PostLoginFlowUpgrade.addChildrenStep(realm);
                        }));
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                FirstLoginFlowUpgrade.upgrade(created.getCreatedRealm());
                CardValidatorUpgrade.upgrade(created.getKeycloakSession(), created.getCreatedRealm());
                if (CardValidatorUpgrade.isSchoolRealm(created.getKeycloakSession(), created.getCreatedRealm())) {
                    PersonalDataScopes.minimise(created.getCreatedRealm());
                }
            }
        });
    }
}
