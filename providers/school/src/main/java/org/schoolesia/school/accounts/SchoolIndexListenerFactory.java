package org.schoolesia.school.accounts;

import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.CachedUserModel;

/**
 * Keeps the SNILS and member indexes in line: users created, edited or deleted by admins (admin
 * events) or editing their own profile, organisation members joining or leaving and organisations
 * removed (Keycloak's organisation events, whatever the path), and realm imports. ESIA links and
 * access requests are kept by their own capabilities' listeners, so accounts import neither.
 * Global, so no realm has to remember to enable it.
 */
public class SchoolIndexListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "school-index";
    /**
     * Set on the session by the ESIA account resolver when ESIA's callback of a returning login runs in
     * it: every write of that login to the account (mappers, Keycloak's own name sync) then happened in
     * this session, where Keycloak's user cache keeps track of them.
     */
    public static final String ESIA_CALLBACK_IN_THIS_REQUEST = "school.index.esia-callback";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                if (event.getUserId() == null || !changesIndexedFields(event)) {
                    return;
                }
                RealmModel realm = session.realms().getRealm(event.getRealmId());
                UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
                if (user != null && !untouchedReturningLogin(session, event, user)) {
                    new SnilsIndex(session).record(realm, user);
                    new MemberIndex(session).record(realm, user);
                }
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                if (event.getResourceType() != ResourceType.USER || event.getResourcePath() == null) {
                    return;
                }
                String[] path = event.getResourcePath().split("/");
                // Only "users/{id}" itself: other sub-resources (credentials, groups, …) carry no SNILS, name or role.
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

            @Override
            public void close() {
            }
        };
    }

    /**
     * Events after which a user's SNILS, name or role may differ from our rows: own profile edits,
     * and logins through ESIA, whose mappers write SNILS and names (on the first login and, with
     * sync mode FORCE, on every one) without any admin event.
     */
    static boolean changesIndexedFields(Event event) {
        EventType type = event.getType();
        if (type == EventType.UPDATE_PROFILE || type == EventType.REGISTER
                || type == EventType.IDENTITY_PROVIDER_FIRST_LOGIN || type == EventType.IDENTITY_PROVIDER_LINK_ACCOUNT) {
            return true;
        }
        return (type == EventType.LOGIN || type == EventType.IDENTITY_PROVIDER_LOGIN)
                && event.getDetails() != null && event.getDetails().get(org.keycloak.events.Details.IDENTITY_PROVIDER) != null;
    }

    /**
     * A returning ESIA login that changed nothing of the account: its callback ran in this request and
     * Keycloak's user cache still serves the account unmarked. Every write through Keycloak marks the
     * cached account for eviction (and look-ups after it bypass the cache), so the index rows made from
     * it stand, and three queries of every returning login are saved (issue 14). Anything else — a login
     * finished after a post-login page, an account not served from the cache — is recorded as before.
     */
    static boolean untouchedReturningLogin(KeycloakSession session, Event event, UserModel user) {
        return (event.getType() == EventType.LOGIN || event.getType() == EventType.IDENTITY_PROVIDER_LOGIN)
                && session.getAttribute(ESIA_CALLBACK_IN_THIS_REQUEST) != null
                && user instanceof CachedUserModel cached && !cached.isMarkedForEviction();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            // Keycloak fires these from its organisation store, whoever adds or removes the member: our
            // staff API, the admin console or API, invitations, identity-provider brokering.
            if (event instanceof OrganizationModel.OrganizationMemberJoinEvent joined) {
                // Keycloak's organisation store itself works in the context's realm.
                RealmModel realm = joined.getSession().getContext().getRealm();
                if (realm != null) {
                    new MemberIndex(joined.getSession()).add(realm, joined.getOrganization(), joined.getUser());
                }
            } else if (event instanceof OrganizationModel.OrganizationMemberLeaveEvent left) {
                new MemberIndex(left.getSession()).remove(left.getOrganization().getId(), left.getUser().getId());
            } else if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
                new MemberIndex(removed.getKeycloakSession()).forgetOrganisation(removed.getOrganization().getId());
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new SnilsIndex(removed.getKeycloakSession()).forget(removed.getUser().getId());
                new MemberIndex(removed.getKeycloakSession()).forget(removed.getUser().getId());
                new AccountFlags(removed.getKeycloakSession()).forget(removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                // After an import the users are there; nothing saw them being created one by one.
                new SnilsIndex(created.getKeycloakSession()).rebuild(created.getCreatedRealm());
                new MemberIndex(created.getKeycloakSession()).rebuild(created.getCreatedRealm());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new SnilsIndex(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
                new MemberIndex(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
                new AccountFlags(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
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
