package org.schoolesia.school.family.proposals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.link.EsiaKids;
import org.schoolesia.school.link.EsiaPersonFacts;
import org.schoolesia.school.link.EsiaStepFactory;
import org.schoolesia.school.link.QuietPostLoginStep;

/** {@code school-family-esia-children}: the post-login step that proposes a parent's Госуслуги children to their schools (issue 12). */
public class EsiaChildrenStepFactory extends EsiaStepFactory implements QuietPostLoginStep {

    public static final String ID = "school-family-esia-children";
    private static final EsiaChildrenStep STEP = new EsiaChildrenStep();

    @Override
    protected Authenticator step() {
        return STEP;
    }

    /** Quiet when this login's Госуслуги children would propose nothing new: the step would pass without a page. */
    @Override
    public boolean quietAt(KeycloakSession session, RealmModel realm, UserModel user, Map<String, Object> contextData) {
        Optional<List<EsiaKids.Kid>> kids = EsiaKids.read(contextData);
        return kids.isEmpty() || new Proposals(session)
                .toProposeAtLogin(realm, user, EsiaPersonFacts.from(contextData).trusted(), kids.get()).isEmpty();
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
