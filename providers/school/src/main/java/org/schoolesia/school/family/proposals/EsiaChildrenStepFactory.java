package org.schoolesia.school.family.proposals;

import org.keycloak.authentication.Authenticator;
import org.schoolesia.school.link.EsiaStepFactory;

/** {@code school-family-esia-children}: the post-login step that proposes a parent's Госуслуги children to their schools (issue 12). */
public class EsiaChildrenStepFactory extends EsiaStepFactory {

    public static final String ID = "school-family-esia-children";
    private static final EsiaChildrenStep STEP = new EsiaChildrenStep();

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
        return "School family: children from Госуслуги proposed to their schools";
    }

    @Override
    public String getHelpText() {
        return "After the SNILS step: the parent's Госуслуги children that match pupils (by SNILS, or name and birth date without"
                + " contradiction) become proposals that staff of the pupil's home organisation confirm or dismiss (R-FAM-1).";
    }
}
