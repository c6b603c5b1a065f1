package org.schoolesia.school.family;

import java.util.List;
import java.util.Map;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.UserModel;
import org.schoolesia.school.link.EsiaPersonFacts;

/**
 * {@code school-family-snils-children}, the step of the ESIA provider's post-login flow (R-FAM-3):
 * after every Госуслуги login, first or returning, links the pupils whose cards hold the SNILS of
 * the person's confirmed account and, when it linked any, tells the parent on one page
 * («Продолжить»). Told once because the page shows only the links this login made; the next login
 * finds them made. A login that is no broker login, or links nothing, passes without a page.
 */
final class SnilsChildrenStep extends PostLoginStep {

    static final String TEMPLATE = "school-snils-children.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        BrokeredIdentityContext broker = brokered(context);
        if (broker == null) {
            context.success();
            return;
        }
        UserModel parent = context.getUser();
        EsiaPersonFacts person = EsiaPersonFacts.from(broker.getContextData());
        SnilsChildren children = new SnilsChildren(context.getSession(), context.getRealm());
        List<UserModel> linked = children.linkAtLogin(parent, person.trusted(), person.snils());
        if (linked.isEmpty()) {
            context.success();
            return;
        }
        // Plain maps: the template reads {name, organisation} whatever FreeMarker makes of records.
        List<Map<String, String>> shown = linked.stream().map(c -> Map.of("name", SnilsChildren.fullName(c), "organisation", children.homeOrganisationName(c))).toList();
        context.challenge(context.form().setAttribute("schoolSnilsChildren", shown).createForm(TEMPLATE));
    }
}
