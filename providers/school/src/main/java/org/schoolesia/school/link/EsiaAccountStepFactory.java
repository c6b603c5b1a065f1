package org.schoolesia.school.link;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.schoolesia.school.login.OrganisationDirectoryCache;

/**
 * {@code school-esia-account}: put it alone (REQUIRED) in the first-login flow of the ESIA
 * identity provider, with the provider's mapper "School account resolver (ESIA)".
 */
public class EsiaAccountStepFactory implements AuthenticatorFactory {

    public static final String ID = "school-esia-account";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    private final EsiaAccountStep step = new EsiaAccountStep(
            new OrganisationDirectoryCache(Duration.ofSeconds(30), Clock.systemUTC()), Clock.systemUTC());

    @Override
    public Authenticator create(KeycloakSession session) {
        return step;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "School: account for an ESIA person";
    }

    @Override
    public String getHelpText() {
        return "Finds the school account an ESIA (Госуслуги) person enters, by the role chosen at login: linked accounts (several: a chooser),"
                + " a staff authorisation, a unique SNILS match of a confirmed person; otherwise «Привязать учетную запись» (until the cut-off)"
                + " and «Обратиться в организацию» (an access request to the organisation's staff). Creates no accounts.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
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
                .property().name(EsiaAccountSettings.SELF_LINK_UNTIL).label("Self-linking until (local date-time)")
                .helpText("R-LINK-4: until this moment people may link their school account with its login and password, e.g. "
                        + "2025-04-01T00:00. Afterwards only a responsible employee links. Empty: no cut-off. Unreadable: closed.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(EsiaAccountSettings.SELF_LINK_ZONE).label("Time zone of the cut-off")
                .helpText("The region's time zone, e.g. Asia/Sakhalin. Empty: UTC.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("Europe/Moscow").add()
                .property().name(EsiaAccountSettings.SNILS_AUTO_LINK).label("Link by SNILS")
                .helpText("Link a confirmed ESIA person automatically when exactly one account of the chosen role carries the same SNILS "
                        + "and full name and birth date agree.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .property().name(EsiaAccountSettings.UNCONFIRMED_MAY_ENTER).label("Unconfirmed ESIA accounts enter linked accounts")
                .helpText("R-ESIA-4: unconfirmed (simplified or standard) ESIA accounts never link; on: they may still enter accounts "
                        + "linked earlier.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .property().name(EsiaAccountSettings.MAX_LINK_FAILURES).label("Link attempts per ESIA person")
                .helpText("Failed «Привязать учетную запись» attempts one ESIA person may make within the window below.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("5").add()
                .property().name(EsiaAccountSettings.FAILURE_WINDOW_MINUTES).label("Attempt window (minutes)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("15").add()
                .property().name(EsiaAccountSettings.MAX_REQUESTS_PER_PERSON).label("Access requests per ESIA person")
                .helpText("«Обратиться в организацию»: new requests one ESIA person may file within the window below. Asking again "
                        + "for a request still pending at the same organisation does not count.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("5").add()
                .property().name(EsiaAccountSettings.REQUEST_PERSON_WINDOW_HOURS).label("Access requests per person: window (hours)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("24").add()
                .property().name(EsiaAccountSettings.MAX_REQUESTS_PER_ADDRESS).label("Access requests per client address")
                .helpText("New requests filed from one IP address within the window below (a school's shared connection files "
                        + "for many families: keep it well above the per-person limit).")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("20").add()
                .property().name(EsiaAccountSettings.REQUEST_ADDRESS_WINDOW_MINUTES).label("Access requests per address: window (minutes)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("60").add()
                .build();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
