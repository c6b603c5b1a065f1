package org.schoolesia.school.certificates;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A removed account takes its certificates along, a removed realm all of its certificates. Global. */
public class CertificateListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "school-certificates";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
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
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
                new Certificates(removed.getKeycloakSession()).forgetAccount(removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new Certificates(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
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
