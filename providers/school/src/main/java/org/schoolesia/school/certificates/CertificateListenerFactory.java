package org.schoolesia.school.certificates;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.schoolesia.school.kernel.ModelEventListenerFactory;

/** A removed account takes its certificates along, a removed realm all of its certificates. */
public class CertificateListenerFactory extends ModelEventListenerFactory {

    public static final String ID = "school-certificates";

    @Override
    protected void onModelEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            new Certificates(removed.getKeycloakSession()).forgetAccount(removed.getUser().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            new Certificates(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
