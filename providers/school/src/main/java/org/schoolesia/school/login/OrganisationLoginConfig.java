package org.schoolesia.school.login;

import java.util.Map;

import org.keycloak.models.AuthenticatorConfigModel;

/** Typed settings of one {@code school-organisation-password-form} step, with defaults. */
public final class OrganisationLoginConfig {

    /** Step setting: {@code realm} (default), {@code on} or {@code esia-only}. */
    public static final String PASSWORD_LOGIN = "schoolPasswordLogin";
    /** Step setting: {@code esia-first} (default) or {@code password-first}. */
    public static final String LOGIN_ORDER = "schoolLoginOrder";

    private final String passwordLogin;
    private final LoginPageOrder loginOrder;

    OrganisationLoginConfig(String passwordLogin, LoginPageOrder loginOrder) {
        this.passwordLogin = passwordLogin;
        this.loginOrder = loginOrder;
    }

    public static OrganisationLoginConfig of(AuthenticatorConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new OrganisationLoginConfig(config.getOrDefault(PASSWORD_LOGIN, PasswordLoginPolicy.FOLLOW_REALM),
                LoginPageOrder.parse(config.get(LOGIN_ORDER)));
    }

    public LoginPageOrder loginOrder() {
        return loginOrder;
    }

    public PasswordLoginPolicy passwordLogin(String realmAttribute) {
        return PasswordLoginPolicy.resolve(passwordLogin, realmAttribute);
    }
}
