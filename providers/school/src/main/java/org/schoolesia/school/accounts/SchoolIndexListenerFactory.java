package org.schoolesia.school.accounts;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Keeps the SNILS and member indexes in line with what admins do in the console (user created,
 * edited, deleted; organisation members added or removed; organisation deleted) and with realm
 * imports. Global, so no realm has to remember to enable it.
 */
public class SchoolIndexListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "school-index";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                // Login events change no SNILS.
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                if (event.getResourcePath() == null) {
                    return;
                }
                String[] path = event.getResourcePath().split("/");
                if (event.getResourceType() == ResourceType.USER) {
                    onUser(event, path);
                } else if (event.getResourceType() == ResourceType.ORGANIZATION_MEMBERSHIP) {
                    onMembership(event, path);
                } else if (event.getResourceType() == ResourceType.ORGANIZATION && event.getOperationType() == OperationType.DELETE
                        && path.length == 2 && "organizations".equals(path[0])) {
                    new MemberIndex(session).forgetOrganisation(path[1]);
                }
            }

            private void onUser(AdminEvent event, String[] path) {
                // Only "users/{id}" itself: sub-resources (credentials, groups, …) carry no SNILS, name or role.
                if (path.length != 2 || !"users".equals(path[0])) {
                    return;
                }
                SnilsIndex index = new SnilsIndex(session);
                if (event.getOperationType() == OperationType.DELETE) {
                    index.forget(path[1]);
                    new MemberIndex(session).forget(path[1]);
                    return;
                }
                RealmModel realm = session.realms().getRealm(event.getRealmId());
                UserModel user = realm == null ? null : session.users().getUserById(realm, path[1]);
                if (user != null) {
                    index.record(realm, user);
                    new MemberIndex(session).record(realm, user);
                }
            }

            /** "organizations/{orgId}/members/{userId}": a member added or removed in the console or admin API. */
            private void onMembership(AdminEvent event, String[] path) {
                if (path.length != 4 || !"organizations".equals(path[0]) || !"members".equals(path[2])) {
                    return;
                }
                MemberIndex members = new MemberIndex(session);
                if (event.getOperationType() == OperationType.DELETE) {
                    members.remove(path[1], path[3]);
                    return;
                }
                RealmModel realm = session.realms().getRealm(event.getRealmId());
                OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
                OrganizationModel org = realm == null || orgs == null ? null : orgs.getById(path[1]);
                UserModel user = org == null ? null : session.users().getUserById(realm, path[3]);
                if (user != null) {
                    members.add(realm, org, user);
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
                new SnilsIndex(removed.getKeycloakSession()).forget(removed.getUser().getId());
                new MemberIndex(removed.getKeycloakSession()).forget(removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                // After an import the users are there; nothing saw them being created one by one.
                new SnilsIndex(created.getKeycloakSession()).rebuild(created.getCreatedRealm());
                new MemberIndex(created.getKeycloakSession()).rebuild(created.getCreatedRealm());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new SnilsIndex(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
                new MemberIndex(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
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
