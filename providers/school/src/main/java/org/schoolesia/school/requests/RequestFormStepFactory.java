package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Duration;

import java.util.List;

import org.keycloak.authentication.Authenticator;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.schoolesia.school.link.EsiaStepFactory;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

/** {@code school-esia-request-form}: the sub-flow "esia access request". */
public class RequestFormStepFactory extends EsiaStepFactory {

    public static final String MAX_REQUESTS_PER_PERSON = RequestFormStep.Settings.MAX_PER_PERSON;
    public static final String REQUEST_PERSON_WINDOW_HOURS = RequestFormStep.Settings.PERSON_WINDOW_HOURS;
    public static final String MAX_REQUESTS_PER_ADDRESS = RequestFormStep.Settings.MAX_PER_ADDRESS;
    public static final String REQUEST_ADDRESS_WINDOW_MINUTES = RequestFormStep.Settings.ADDRESS_WINDOW_MINUTES;
    public static final String ID = "school-esia-request-form";
    private static final RequestFormStep STEP = new RequestFormStep(new OrganisationDirectoryCache(Duration.ofSeconds(30), Clock.systemUTC()), Clock.systemUTC());

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
        return "School ESIA: access request form";
    }

    @Override
    public String getHelpText() {
        return "R-REQ-1, R-REQ-2: the form prefilled from Госуслуги; on «Отправить» files the request and shows its number.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(MAX_REQUESTS_PER_PERSON).label("Access requests per ESIA person")
                .helpText("New requests one ESIA person may file within the window below. Asking again for a request still pending "
                        + "at the same organisation does not count.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("5").add()
                .property().name(REQUEST_PERSON_WINDOW_HOURS).label("Access requests per person: window (hours)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("24").add()
                .property().name(MAX_REQUESTS_PER_ADDRESS).label("Access requests per client address")
                .helpText("New requests filed from one IP address within the window below (a school's shared connection files "
                        + "for many families: keep it well above the per-person limit).")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("20").add()
                .property().name(REQUEST_ADDRESS_WINDOW_MINUTES).label("Access requests per address: window (minutes)")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue("60").add()
                .build();
    }
}
