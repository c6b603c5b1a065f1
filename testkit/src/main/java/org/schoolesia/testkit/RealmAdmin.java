package org.schoolesia.testkit;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.OrganizationResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The demo realm through Keycloak's typed admin client, plus the few look-ups the tests repeat
 * (users by exact username, organisations by alias). {@link #realm()} gives the whole client.
 */
public final class RealmAdmin {

    private final RealmResource realm;

    RealmAdmin(RealmResource realm) {
        this.realm = realm;
    }

    public RealmResource realm() {
        return realm;
    }

    /** The user with exactly this username (full representation, attributes included), or null. */
    public UserRepresentation user(String username) {
        List<UserRepresentation> found = realm.users().search(username, true);
        return found.isEmpty() ? null : realm.users().get(found.get(0).getId()).toRepresentation();
    }

    /** The id of the user with exactly this username, or null. */
    public String userId(String username) {
        List<UserRepresentation> found = realm.users().search(username, true);
        return found.isEmpty() ? null : found.get(0).getId();
    }

    /** The ids of every user of the realm now (the demo realm is small). */
    public Set<String> userIds() {
        return realm.users().list(0, 100_000).stream().map(UserRepresentation::getId).collect(Collectors.toSet());
    }

    /** Deletes every user whose id is not in {@code before}: what a test created, however it failed. */
    public void deleteUsersNotIn(Set<String> before) {
        for (String id : userIds()) {
            if (!before.contains(id)) {
                try (Response response = realm.users().delete(id)) {
                    expect(response, 204, "delete user " + id);
                }
            }
        }
    }

    /** For {@link Cleanup#add}: deletes, when run, every user created from now on. */
    public Runnable deleteUsersCreatedFromNow() {
        Set<String> before = userIds();
        return () -> deleteUsersNotIn(before);
    }

    public UserResource userById(String id) {
        return realm.users().get(id);
    }

    public int userCount() {
        return realm.users().count();
    }

    /** The organisation with this alias; fails the test if there is none. */
    public OrganizationResource organisation(String alias) {
        return realm.organizations().get(organisationId(alias));
    }

    public String organisationId(String alias) {
        return realm.organizations().getAll().stream().filter(o -> alias.equals(o.getAlias()))
                .map(OrganizationRepresentation::getId).findFirst()
                .orElseThrow(() -> new AssertionError("no organisation " + alias));
    }

    /** Creates the user and answers its id (a refusal fails the test with Keycloak's answer). */
    public String createUser(UserRepresentation user) {
        try (Response response = realm.users().create(user)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** Creates the client and answers its internal id. */
    public String createClient(ClientRepresentation client) {
        try (Response response = realm.clients().create(client)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** Adds a user to an organisation's members (a refusal fails the test). */
    public void addMember(String organisationAlias, String userId) {
        try (Response response = organisation(organisationAlias).members().addMember(userId)) {
            expect(response, 201, "add member " + userId + " to " + organisationAlias);
        }
    }

    /** Removes a user from an organisation's members, as an admin does in the console. */
    public void removeMember(String organisationAlias, String userId) {
        try (Response response = organisation(organisationAlias).members().member(userId).delete()) {
            expect(response, 204, "remove member " + userId + " from " + organisationAlias);
        }
    }

    /**
     * Gives the user {@code password} (not temporary) again, drops required actions and brute-force
     * failures: undoes a test's password change.
     */
    public void restorePassword(String userId, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        UserResource user = realm.users().get(userId);
        user.resetPassword(credential);
        UserRepresentation representation = user.toRepresentation();
        representation.setRequiredActions(List.of());
        user.update(representation);
        realm.attackDetection().clearBruteForceForUser(userId);
    }

    /** Makes the user a member of the organisation, whether they are already or not. */
    public void ensureMember(String organisationAlias, String userId) {
        try (Response response = organisation(organisationAlias).members().addMember(userId)) {
            if (response.getStatus() != 201 && response.getStatus() != 409) {
                expect(response, 201, "add member " + userId + " to " + organisationAlias);
            }
        }
    }

    /** Takes the user out of the organisation's members if they are one (for clean-ups). */
    public void ensureNotMember(String organisationAlias, String userId) {
        try (Response response = organisation(organisationAlias).members().member(userId).delete()) {
            if (response.getStatus() != 204 && response.getStatus() != 404) {
                expect(response, 204, "remove member " + userId + " from " + organisationAlias);
            }
        }
    }

    /** The client with this client id; fails the test if there is none. */
    public ClientResource client(String clientId) {
        List<ClientRepresentation> found = realm.clients().findByClientId(clientId);
        if (found.isEmpty()) {
            throw new AssertionError("no client " + clientId);
        }
        return realm.clients().get(found.get(0).getId());
    }

    /** How many online sessions the user has now. */
    public int sessionCount(String userId) {
        return realm.users().get(userId).getUserSessions().size();
    }

    /** The user's identity-provider links (ESIA's among them). */
    public List<FederatedIdentityRepresentation> links(String userId) {
        return realm.users().get(userId).getFederatedIdentity();
    }

    /** The realm's login events of one type, newest first (at most {@code max}). */
    public List<EventRepresentation> events(String type, int max) {
        return realm.getEvents(List.of(type), null, null, null, null, null, 0, max);
    }

    private static void expect(Response response, int status, String what) {
        if (response.getStatus() != status) {
            throw new IllegalStateException(what + " → " + response.getStatus() + ": " + response.readEntity(String.class));
        }
    }
}
