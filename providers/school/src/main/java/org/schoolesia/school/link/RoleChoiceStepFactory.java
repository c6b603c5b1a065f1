package org.schoolesia.school.link;

import org.keycloak.authentication.Authenticator;

/** {@code school-esia-role}: first step of the ESIA first login. */
public class RoleChoiceStepFactory extends EsiaStepFactory {

    public static final String ID = "school-esia-role";
    private static final RoleChoiceStep STEP = new RoleChoiceStep();

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
        return "School ESIA: role";
    }

    @Override
    public String getHelpText() {
        return "R-ESIA-2: asks «Вход для родителей / учащихся / педагогов и сотрудников» unless the role was chosen before Госуслуги.";
    }
}
