package org.schoolesia.school.accounts;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.services.managers.BruteForceProtector;
import org.schoolesia.school.web.Refused;

/**
 * Sets an account's password for someone else (staff's «Сменить пароль», a parent's «Создать логин»
 * for a child): the realm's password policy decides (its refusal in Keycloak's own words, ru/en), a
 * lock from guessing is lifted so the new password works at once, and {@code temporary} makes the
 * owner choose their own at the next login (Keycloak's required action UPDATE_PASSWORD).
 */
public final class Passwords {

    private Passwords() {
    }

    public static void set(KeycloakSession session, RealmModel realm, UserModel target, String password, boolean temporary) {
        PolicyError policy = session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, target, password);
        if (policy != null) {
            throw policyRefusal(policy);
        }
        try {
            target.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        } catch (ModelException e) {
            // E.g. password history: Keycloak names the rule in the exception's message key.
            throw policyRefusal(new PolicyError(e.getMessage(), e.getParameters() == null ? new Object[0] : e.getParameters()));
        }
        // A family who locked the account by guessing must be able to use the new password at once.
        session.getProvider(BruteForceProtector.class).cleanUpPermanentLockout(session, realm, target);
        session.loginFailures().removeUserLoginFailure(realm, target.getId());
        if (temporary) {
            target.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        } else {
            target.removeRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
        }
    }

    /** A refused password: Keycloak's policy message key (its texts are in the login theme) and parameters. */
    private static Refused policyRefusal(PolicyError error) {
        return Refused.of(400, "password_policy", error.getMessage(), error.getParameters());
    }
}
