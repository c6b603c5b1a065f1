package org.schoolesia.school.link;

import org.keycloak.authentication.Authenticator;

/** {@code school-esia-unconfirmed}: second alternative of "esia account". */
public class UnconfirmedPersonStepFactory extends EsiaStepFactory {

    public static final String ID = "school-esia-unconfirmed";
    private static final UnconfirmedPersonStep STEP = new UnconfirmedPersonStep();

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
        return "School ESIA: unconfirmed person";
    }

    @Override
    public String getHelpText() {
        return "R-ESIA-4: stops an unconfirmed Госуслуги account and tells how to confirm it; confirmed persons pass on.";
    }
}
