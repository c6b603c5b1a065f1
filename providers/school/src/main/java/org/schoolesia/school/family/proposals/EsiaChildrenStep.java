package org.schoolesia.school.family.proposals;

import java.util.List;
import java.util.Optional;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.schoolesia.school.family.PostLoginStep;
import org.schoolesia.school.link.EsiaKids;
import org.schoolesia.school.link.EsiaPersonFacts;

/**
 * {@code school-family-esia-children}, a step of the ESIA provider's post-login flow after
 * {@code school-family-snils-children} (so a pair the card's SNILS links is linked, not proposed):
 * the parent's Госуслуги children that match pupils become proposals for the pupils' schools. No
 * page: the parent finds them on «Мои дети». A login that did not read the children (the provider's
 * setting, or nothing changed at Госуслуги) proposes nothing new.
 */
final class EsiaChildrenStep extends PostLoginStep {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        BrokeredIdentityContext broker = brokered(context);
        Optional<List<EsiaKids.Kid>> kids = broker == null ? Optional.empty() : EsiaKids.read(broker.getContextData());
        if (kids.isPresent()) {
            new Proposals(context.getSession()).proposeAtLogin(context.getRealm(), context.getUser(),
                    EsiaPersonFacts.from(broker.getContextData()).trusted(), kids.get());
        }
        context.success();
    }
}
