package org.schoolesia.school.link;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keeps our ESIA link rows in line with Keycloak's federated identities, whoever changes them: a
 * person unlinking in the account console, an admin in the admin console or API, users and realms
 * removed, realms imported. Global, so no realm has to remember to enable it.
 */
public class EsiaLinkListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "school-esia-links";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                if (event.getType() == EventType.REMOVE_FEDERATED_IDENTITY) {
                    EsiaLinkMirror.userUnlinked(session, event);
                }
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                if (event.getResourceType() != ResourceType.USER || event.getResourcePath() == null) {
                    return;
                }
                String[] path = event.getResourcePath().split("/");
                if (path.length == 4 && "users".equals(path[0]) && "federated-identity".equals(path[2])) {
                    EsiaLinkMirror.adminChanged(session, event, path[1], path[3]);
                }
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
                new EsiaLinks(removed.getKeycloakSession()).forget(removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                // After an import the links are Keycloak's only: adopt them.
                new EsiaLinks(created.getKeycloakSession()).adoptKeycloakLinks(created.getCreatedRealm());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new EsiaLinks(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
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
