package org.schoolesia.school.family;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keeps parent–child links in line with accounts and realms: a removed account takes its links
 * along, a removed realm all of its links, and a realm import's {@code parentIds} attributes become
 * links ({@link FamilyLinks#adoptImported}). Global, so no realm has to remember to enable it.
 */
public class FamilyLinkListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "school-family-links";

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
                new FamilyLinks(removed.getKeycloakSession()).forgetAccount(removed.getUser().getId());
                new CardSnils(removed.getKeycloakSession()).forgetChild(removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                new FamilyLinks(created.getKeycloakSession()).adoptImported(created.getCreatedRealm());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new FamilyLinks(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
                new CardSnils(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
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
