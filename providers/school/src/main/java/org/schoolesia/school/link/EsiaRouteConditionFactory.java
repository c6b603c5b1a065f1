package org.schoolesia.school.link;

import java.util.Arrays;
import java.util.List;

import org.keycloak.Config;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** {@code school-esia-route-condition}: heads a conditional sub-flow of the ESIA first login. */
public class EsiaRouteConditionFactory implements ConditionalAuthenticatorFactory {

    public static final String ID = "school-esia-route-condition";
    public static final String ROUTE = EsiaRouteCondition.ROUTE;

    private static final EsiaRouteCondition CONDITION = new EsiaRouteCondition();
    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public ConditionalAuthenticator getSingleton() {
        return CONDITION;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - school: ESIA person's choice";
    }

    @Override
    public String getHelpText() {
        return "Runs its sub-flow when the person chose this route on the «Учетная запись не найдена» or pending-request page: "
                + "link (by login and password), contact (the organisation) or request (the access request form).";
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
                .property().name(ROUTE).label("Route").helpText("The person's choice this sub-flow serves.")
                .type(ProviderConfigProperty.LIST_TYPE).options(Arrays.stream(EsiaRoute.values()).map(EsiaRoute::code).toList())
                .defaultValue(EsiaRoute.LINK.code()).add()
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
