package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Duration;

import org.keycloak.authentication.Authenticator;
import org.schoolesia.school.link.EsiaStepFactory;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

/** {@code school-esia-contact}: the sub-flow "esia contact organisation". */
public class ContactStepFactory extends EsiaStepFactory {

    public static final String ID = "school-esia-contact";
    private static final ContactStep STEP = new ContactStep(new OrganisationDirectoryCache(Duration.ofSeconds(30), Clock.systemUTC()), Clock.systemUTC());

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
        return "School ESIA: contact the organisation";
    }

    @Override
    public String getHelpText() {
        return "R-REQ-1: «Обратиться в организацию» — what a request is and who decides it; staff get their administrator's guidance instead.";
    }
}
