package org.schoolesia.school.link;

import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The password of a link attempt, with the same hash work on every path (defect 8): which work is
 * {@link HashWork}'s choice; this class does it.
 */
final class PasswordCheck {

    enum Result { VALID, WRONG, LOCKED, UNKNOWN }

    /** What is hashed when no real check is made; its value never matters. */
    private static final String THROW_AWAY = "school-esia-link-throw-away";

    private PasswordCheck() {
    }

    static Result check(KeycloakSession session, RealmModel realm, UserModel user, String password) {
        boolean locked = user != null && realm.isBruteForceProtected()
                && session.getProvider(BruteForceProtector.class).isTemporarilyDisabled(session, realm, user);
        HashWork.Stored stored = user == null ? null : stored(user);
        boolean given = password != null && !password.isEmpty();
        PasswordPolicy policy = realm.getPasswordPolicy();
        HashWork work = HashWork.choose(stored, given && !locked, policy.getHashAlgorithm(), policy.getHashIterations());
        if (work.verifyStored()) {
            return user.credentialManager().isValid(UserCredentialModel.password(password)) ? Result.VALID : Result.WRONG;
        }
        throwAwayHash(session, work);
        return user == null ? Result.UNKNOWN : locked ? Result.LOCKED : Result.WRONG;
    }

    private static HashWork.Stored stored(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE)
                .findFirst()
                .map(PasswordCredentialModel::createFromCredentialModel)
                .map(c -> new HashWork.Stored(c.getPasswordCredentialData().getAlgorithm(), c.getPasswordCredentialData().getHashIterations()))
                .orElse(null);
    }

    private static void throwAwayHash(KeycloakSession session, HashWork work) {
        PasswordHashProvider hash = work.algorithm() == null ? null : session.getProvider(PasswordHashProvider.class, work.algorithm());
        if (hash == null) {
            hash = session.getProvider(PasswordHashProvider.class);
        }
        hash.encodedCredential(THROW_AWAY, work.iterations());
    }
}
