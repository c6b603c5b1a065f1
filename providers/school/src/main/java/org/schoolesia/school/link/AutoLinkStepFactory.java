package org.schoolesia.school.link;

import java.time.Clock;
import java.util.List;

import org.keycloak.authentication.Authenticator;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** {@code school-esia-auto-link}: third alternative of "esia account". */
public class AutoLinkStepFactory extends EsiaStepFactory {

    public static final String ID = "school-esia-auto-link";
    public static final String SNILS_AUTO_LINK = AutoLinkStep.Settings.SNILS_AUTO_LINK;
    private static final AutoLinkStep STEP = new AutoLinkStep(Clock.systemUTC());

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
        return "School ESIA: automatic link";
    }

    @Override
    public String getHelpText() {
        return "Links a confirmed person to the one account a staff member authorised, or (setting) to the one account with the same"
                + " SNILS, full name and birth date.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(SNILS_AUTO_LINK).label("Link by SNILS")
                .helpText("Link a confirmed ESIA person automatically when exactly one account of the chosen role carries the same SNILS "
                        + "and full name and birth date agree.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build();
    }
}
