package org.schoolesia.school.link;

import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Keycloak's default brute-force protector (the blocking one) lets one login of a user run at a
 * time on a node and answers "temporarily disabled" to the others, while they run: Keycloak's
 * returning-login path then refuses them with «Учетная запись заблокирована». A person logging in
 * through ESIA on two devices at once is no password guesser, so the later login waits for its
 * turn here instead (a login takes a fraction of a second). A real lockout by password guessing is
 * read from the login failures themselves, never from that answer.
 */
final class LoginTurn {

    private static final Logger LOG = Logger.getLogger(LoginTurn.class);
    /** Longer than any login's callback under load; past it Keycloak's own refusal stands. */
    private static final long PATIENCE_MS = 10_000;
    private static final long STEP_MS = 25;

    private LoginTurn() {
    }

    /** Locked by password guessing now (a permanent lockout disables the account instead). */
    static boolean passwordLocked(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return false;
        }
        UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, user.getId());
        return failures != null && Time.currentTime() < failures.getFailedLoginNotBefore();
    }

    /**
     * Waits until no other login of {@code user} runs on this node; the protector then counts this
     * request as the user's login in progress, so Keycloak's own check in this request passes.
     */
    static void await(KeycloakSession session, RealmModel realm, UserModel user) {
        if (!realm.isBruteForceProtected()) {
            return;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        long start = System.nanoTime();
        long waitedMs = 0;
        while (protector.isTemporarilyDisabled(session, realm, user) && !passwordLocked(session, realm, user)) {
            waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (waitedMs > PATIENCE_MS) {
                LOG.infof("ESIA login of %s: another login of the account still runs after %d ms; Keycloak refuses this one", user.getId(), waitedMs);
                return;
            }
            try {
                Thread.sleep(STEP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (waitedMs > 0) {
            LOG.debugf("ESIA login of %s waited %d ms for another login of the account", user.getId(), waitedMs);
        }
    }
}
