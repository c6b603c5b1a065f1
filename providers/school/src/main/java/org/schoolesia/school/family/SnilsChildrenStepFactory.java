package org.schoolesia.school.family;

import org.keycloak.authentication.Authenticator;
import org.schoolesia.school.link.EsiaStepFactory;

/** {@code school-family-snils-children}: the step of the ESIA provider's post-login flow {@code esia post login} (R-FAM-3). */
public class SnilsChildrenStepFactory extends EsiaStepFactory {

    public static final String ID = "school-family-snils-children";
    private static final SnilsChildrenStep STEP = new SnilsChildrenStep();

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
        return "School family: children by the SNILS on their cards";
    }

    @Override
    public String getHelpText() {
        return "R-FAM-3: links the pupils whose cards hold the SNILS of the parent's confirmed Госуслуги account, and tells the parent once.";
    }
}
