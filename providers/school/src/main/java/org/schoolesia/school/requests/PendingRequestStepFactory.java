package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Duration;

import org.keycloak.authentication.Authenticator;
import org.schoolesia.school.link.EsiaStepFactory;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

/** {@code school-esia-pending-request}: fourth alternative of "esia account". */
public class PendingRequestStepFactory extends EsiaStepFactory {

    public static final String ID = "school-esia-pending-request";
    private static final PendingRequestStep STEP = new PendingRequestStep(new OrganisationDirectoryCache(Duration.ofSeconds(30), Clock.systemUTC()), Clock.systemUTC());

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
        return "School ESIA: pending access request";
    }

    @Override
    public String getHelpText() {
        return "Shows the number of the person's access request still waiting for staff; from there: another request or, while open, linking.";
    }
}
