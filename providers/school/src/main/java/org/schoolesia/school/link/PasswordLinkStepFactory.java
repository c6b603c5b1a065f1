package org.schoolesia.school.link;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.keycloak.authentication.Authenticator;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

/** {@code school-esia-link-password}: the sub-flow "esia link by password". */
public class PasswordLinkStepFactory extends EsiaStepFactory {

    public static final String ID = "school-esia-link-password";
    private static final PasswordLinkStep STEP = new PasswordLinkStep(
            new OrganisationDirectoryCache(Duration.ofSeconds(30), Clock.systemUTC()), Clock.systemUTC());

    @Override
    protected Authenticator step() {
        return STEP;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "School ESIA: link by login and password";
    }

    @Override
    public String getHelpText() {
        return "R-LINK-2..4: «Привязать учетную запись» — organisation, login and password of the account of the chosen role; "
                + "until the cut-off, with a limit of attempts per Госуслуги person.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(PasswordLinkSettings.SELF_LINK_UNTIL).label("Self-linking until (local date-time)")
                .helpText("R-LINK-4: until this moment people may link their school account with its login and password, e.g. "
                        + "2025-04-01T00:00. Afterwards only a responsible employee links. Empty: no cut-off. Unreadable: closed.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(PasswordLinkSettings.SELF_LINK_ZONE).label("Time zone of the cut-off")
                .helpText("The region's time zone, e.g. Asia/Sakhalin. Empty: UTC.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("Europe/Moscow").add()
                .property().name(PasswordLinkSettings.MAX_LINK_FAILURES).label("Link attempts per ESIA person")
                .helpText("Failed «Привязать учетную запись» attempts one ESIA person may make within the window below.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("5").add()
                .property().name(PasswordLinkSettings.FAILURE_WINDOW_MINUTES).label("Attempt window (minutes)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("15").add()
                .build();
    }
}
