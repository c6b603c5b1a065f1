package org.schoolesia.school.login;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;

/** Typed settings of one {@code school-organisation-password-form} step, with defaults. */
public final class OrganisationLoginConfig {

    /** Step setting: {@code realm} (default), {@code on} or {@code esia-only}. */
    public static final String PASSWORD_LOGIN = "schoolPasswordLogin";

    private final String passwordLogin;

    OrganisationLoginConfig(String passwordLogin) {
        this.passwordLogin = passwordLogin;
    }

    public static OrganisationLoginConfig of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new OrganisationLoginConfig(config.getOrDefault(PASSWORD_LOGIN, PasswordLoginPolicy.FOLLOW_REALM));
    }

    public PasswordLoginPolicy passwordLogin(String realmAttribute) {
        return PasswordLoginPolicy.resolve(passwordLogin, realmAttribute);
    }
}
