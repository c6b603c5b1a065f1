package org.schoolesia.school.link;

import java.util.List;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak's broker link for an ESIA person, kept as a pointer to the account the person entered
 * last ({@link EsiaLinks} holds the truth): Keycloak's lookup by (identity provider, oid) then
 * finds exactly the account to enter, and a returning person goes straight in.
 */
final class KeycloakLinkPointer {

    /**
     * Where the pointer is: at one account ({@code holder}), at nobody, or not known (not read, or a
     * race left several holders: Keycloak's lookup throws, and {@link #point} heals them).
     */
    record Target(UserModel holder, boolean known) {
        static final Target UNKNOWN = new Target(null, false);

        boolean nobody() {
            return known && holder == null;
        }
    }

    private final KeycloakSession session;

    KeycloakLinkPointer(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Where the pointer for this ESIA person is now. Read it before this transaction loads any account
     * of the person: Keycloak's user cache keeps the answer of this lookup only while the account is not
     * yet loaded in the transaction, and then Keycloak's own lookup after the mappers, and every later
     * login's, answers from the cache (issue 14: two queries per ESIA login otherwise).
     */
    Target read(RealmModel realm, String alias, String oid) {
        try {
            return new Target(session.users().getUserByFederatedIdentity(realm, new FederatedIdentityModel(alias, oid, null)), true);
        } catch (IllegalStateException moreThanOne) {
            return Target.UNKNOWN;
        }
    }

    /**
     * Points it at {@code user} (or at nobody); {@code now} is where it is ({@link #read}), or
     * {@link Target#UNKNOWN} to look.
     */
    void point(RealmModel realm, String alias, String oid, String brokerUsername, UserModel user, Target now) {
        if (user != null && now.holder() != null && now.holder().getId().equals(user.getId())) {
            return; // the returning login: no query beyond Keycloak's user cache (issue 14, the login's cost)
        }
        if (user == null && now.nobody()) {
            return; // a first login: nothing to clear (issue 14, the login's cost)
        }
        // Every holder, not Keycloak's single-result lookup: should a race ever have left two, this heals it
        // instead of failing each later login of the person.
        List<String> holders = em().createQuery("select f.user.id from FederatedIdentityEntity f"
                        + " where f.realmId = :realmId and f.identityProvider = :alias and f.userId = :oid", String.class)
                .setParameter("realmId", realm.getId()).setParameter("alias", alias).setParameter("oid", oid)
                .getResultList();
        for (String holderId : holders) {
            if (user == null || !holderId.equals(user.getId())) {
                UserModel holder = session.users().getUserById(realm, holderId);
                if (holder != null) {
                    session.users().removeFederatedIdentity(realm, holder, alias);
                }
            }
        }
        if (user != null && !holders.contains(user.getId())) {
            // An account carries one link per provider: a stale one (e.g. from before an unlink) goes first.
            if (session.users().getFederatedIdentity(realm, user, alias) != null) {
                session.users().removeFederatedIdentity(realm, user, alias);
            }
            session.users().addFederatedIdentity(realm, user, new FederatedIdentityModel(alias, oid, brokerUsername));
        }
    }

    /** Points it at nobody, wherever it was: the first-broker-login flow then decides. */
    void clear(RealmModel realm, String alias, String oid) {
        point(realm, alias, oid, null, null, Target.UNKNOWN);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
