package org.schoolesia.school.family;

import java.util.Map;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.link.EsiaPersonFacts;
import org.schoolesia.school.link.EsiaStepFactory;
import org.schoolesia.school.link.QuietPostLoginStep;

/** {@code school-family-snils-children}: the step of the ESIA provider's post-login flow {@code esia post login} (R-FAM-3). */
public class SnilsChildrenStepFactory extends EsiaStepFactory implements QuietPostLoginStep {

    public static final String ID = "school-family-snils-children";
    private static final SnilsChildrenStep STEP = new SnilsChildrenStep();

    @Override
    protected Authenticator step() {
        return STEP;
    }

    /** Quiet when no pupil's card would give this account a child now: the step would pass without a page. */
    @Override
    public boolean quietAt(KeycloakSession session, RealmModel realm, UserModel user, Map<String, Object> contextData) {
        EsiaPersonFacts person = EsiaPersonFacts.from(contextData);
        return new SnilsChildren(session, realm).toLinkAtLogin(user, person.trusted(), person.snils()).isEmpty();
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
