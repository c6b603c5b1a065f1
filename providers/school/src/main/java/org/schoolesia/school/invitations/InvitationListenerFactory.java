package org.schoolesia.school.invitations;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keeps invitation codes in line with accounts and realms: a removed child takes its codes along,
 * a removed realm its codes and attempt counts. Global, so no realm has to enable it.
 */
public class InvitationListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "school-invitation-codes";

    private static final EventListenerProvider NOTHING = new EventListenerProvider() {
        @Override
        public void onEvent(Event event) {
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public EventListenerProvider create(org.keycloak.models.KeycloakSession session) {
        return NOTHING;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                ChildRedemption.forgetAccount(removed.getKeycloakSession(), removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                ChildRedemption.forgetRealm(removed.getKeycloakSession(), removed.getRealm().getId());
            }
        });
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
