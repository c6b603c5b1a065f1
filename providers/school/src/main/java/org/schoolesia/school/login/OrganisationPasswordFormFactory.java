package org.schoolesia.school.login;

import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * {@code school-organisation-password-form}: the password login of the school systems
 * (R-ORG-2, R-ODO-2, R-ESIA-1). Put it where Keycloak's "Username Password Form" would be, in a
 * browser flow of your own.
 *
 * <p>Per step (admin console: Authentication → the flow → ⚙ of this step): "Password login" =
 * {@code realm} (default: the realm attribute {@code schoolPasswordLogin}, else {@code on}),
 * {@code on}, or {@code esia-only}; "Login page order" = {@code esia-first} (default) or
 * {@code password-first}. Server-wide:
 * {@code --spi-authenticator--school-organisation-password-form--directory-cache-seconds} (how
 * long the login page reuses a realm's organisation list; default 30, 0 = never).
 */
public class OrganisationPasswordFormFactory implements AuthenticatorFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "school-organisation-password-form";
    static final String CACHE_SECONDS = "directoryCacheSeconds";
    static final int DEFAULT_CACHE_SECONDS = 30;

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED};

    private volatile OrganisationPasswordForm authenticator = new OrganisationPasswordForm(
            new OrganisationDirectoryCache(Duration.ofSeconds(DEFAULT_CACHE_SECONDS), Clock.systemUTC()));
    private int cacheSeconds = DEFAULT_CACHE_SECONDS;

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public void init(Config.Scope config) {
        cacheSeconds = Math.max(0, config.getInt(CACHE_SECONDS, DEFAULT_CACHE_SECONDS));
        authenticator = new OrganisationPasswordForm(new OrganisationDirectoryCache(Duration.ofSeconds(cacheSeconds), Clock.systemUTC()));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "School: password login by organisation";
    }

    @Override
    public String getHelpText() {
        return "Login, password and the organisation chosen in the cascade Region → Municipality → Settlement → Type → "
                + "Organisation. The person must be a member of that organisation (home or enrolled). "
                + "'Password login' = esia-only refuses accounts linked to ESIA (R-ESIA-1).";
    }

    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(OrganisationLoginConfig.PASSWORD_LOGIN).label("Password login")
                .helpText("realm: follow the realm attribute 'schoolPasswordLogin' (on when absent). on: every account may log in "
                        + "with its password. esia-only: accounts linked to ESIA (Госуслуги) must use ESIA; accounts without an "
                        + "ESIA link (e.g. children under 14) still log in with their password.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(PasswordLoginPolicy.FOLLOW_REALM, PasswordLoginPolicy.ON.value(), PasswordLoginPolicy.ESIA_ONLY.value())
                .defaultValue(PasswordLoginPolicy.FOLLOW_REALM)
                .add()
                .property().name(OrganisationLoginConfig.LOGIN_ORDER).label("Login page order")
                .helpText("esia-first: the Госуслуги role buttons come first, then the organisation and password form "
                        + "(R-ESIA-1: most people log in through ESIA). password-first: the password form first, then Госуслуги.")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(LoginPageOrder.ESIA_FIRST.value(), LoginPageOrder.PASSWORD_FIRST.value())
                .defaultValue(LoginPageOrder.ESIA_FIRST.value())
                .add()
                .build();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(CACHE_SECONDS).type("int")
                .helpText("Seconds the login page reuses a realm's list of organisations (0: read it on every page).")
                .defaultValue(DEFAULT_CACHE_SECONDS)
                .add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        String version = OrganisationPasswordFormFactory.class.getPackage().getImplementationVersion();
        return Map.of("version", version == null ? "dev" : version, CACHE_SECONDS, Integer.toString(cacheSeconds));
    }
}
