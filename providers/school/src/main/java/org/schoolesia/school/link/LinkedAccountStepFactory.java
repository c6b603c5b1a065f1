package org.schoolesia.school.link;

import java.util.List;

import org.keycloak.authentication.Authenticator;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** {@code school-esia-linked-account}: first alternative of "esia account". */
public class LinkedAccountStepFactory extends EsiaStepFactory {

    public static final String ID = "school-esia-linked-account";
    public static final String UNCONFIRMED_MAY_ENTER = LinkedAccountStep.Settings.UNCONFIRMED_MAY_ENTER;
    private static final LinkedAccountStep STEP = new LinkedAccountStep();

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
        return "School ESIA: linked account";
    }

    @Override
    public String getHelpText() {
        return "Enters the account linked to this Госуслуги person with the chosen role; several: the person chooses one.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(UNCONFIRMED_MAY_ENTER).label("Unconfirmed ESIA accounts enter linked accounts")
                .helpText("R-ESIA-4: unconfirmed (simplified or standard) ESIA accounts never link; on: they may still enter accounts "
                        + "linked earlier.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false").add()
                .build();
    }
}
