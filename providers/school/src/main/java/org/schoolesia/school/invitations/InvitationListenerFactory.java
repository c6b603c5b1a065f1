package org.schoolesia.school.invitations;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.schoolesia.school.kernel.ModelEventListenerFactory;

/**
 * Keeps invitation codes in line with accounts and realms: a removed child takes its codes along,
 * a removed realm its codes and attempt counts. Global, so no realm has to enable it.
 */
public class InvitationListenerFactory extends ModelEventListenerFactory {

    public static final String ID = "school-invitation-codes";

    @Override
    protected void onModelEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            ChildRedemption.forgetAccount(removed.getKeycloakSession(), removed.getUser().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            ChildRedemption.forgetRealm(removed.getKeycloakSession(), removed.getRealm().getId());
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
