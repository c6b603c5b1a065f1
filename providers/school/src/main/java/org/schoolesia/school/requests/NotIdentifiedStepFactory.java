package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Duration;

import org.keycloak.authentication.Authenticator;
import org.schoolesia.school.link.EsiaStepFactory;
import org.schoolesia.school.orgs.cascade.OrganisationDirectoryCache;

/** {@code school-esia-not-identified}: last alternative of "esia account". */
public class NotIdentifiedStepFactory extends EsiaStepFactory {

    public static final String ID = "school-esia-not-identified";
    private static final NotIdentifiedStep STEP = new NotIdentifiedStep(new OrganisationDirectoryCache(Duration.ofSeconds(30), Clock.systemUTC()), Clock.systemUTC());

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
        return "School ESIA: account not found";
    }

    @Override
    public String getHelpText() {
        return "R-LINK-1: «Учетная запись не найдена» — the person chooses «Привязать учетную запись» (while open) or «Обратиться в организацию».";
    }
}
