package org.schoolesia.school.link;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.accounts.SnilsIndex;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.age.AgeSettings;

/**
 * Links a confirmed person without asking: a staff authorisation on the card (R-LINK-4) or, where
 * the setting allows it, the SNILS rule: exactly one account of the chosen role carries the
 * person's SNILS, and full name and birth date agree. Anything less links nothing and passes on to
 * the next alternative, exactly as if there were no candidate at all.
 */
final class AutoLinkStep extends EsiaFirstLoginStep {

    private static final Logger LOG = Logger.getLogger(AutoLinkStep.class);

    record Settings(boolean snilsAutoLink) {
        static final String SNILS_AUTO_LINK = "snilsAutoLink";

        static Settings of(java.util.Map<String, String> config) {
            return new Settings(StepConfig.onUnlessFalse(config.get(SNILS_AUTO_LINK)));
        }
    }

    private final Clock clock;

    AutoLinkStep(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        EsiaPersonFacts person = person(broker);
        Optional<UserModel> matched = match(context, person, role(context), Settings.of(StepConfig.of(context.getAuthenticatorConfig())));
        if (matched.isEmpty()) {
            context.attempted();
            return;
        }
        enter(context, person, matched.get(), matched.get().getFirstAttribute(SchoolAttributes.HOME_ORGANISATION), broker);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        authenticateImpl(context, serialized, broker); // no page of its own
    }

    private Optional<UserModel> match(AuthenticationFlowContext context, EsiaPersonFacts person, SchoolRole role, Settings settings) {
        if (!person.trusted() || person.snils() == null) {
            return Optional.empty();
        }
        Snils snils;
        try {
            snils = Snils.parse(person.snils());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        EsiaLinks links = new EsiaLinks(session);
        List<UserModel> candidates = new SnilsIndex(session).findUsers(realm, snils)
                .filter(u -> AccountFacts.of(u).role() == role)
                .filter(u -> links.mayLinkAutomatically(u, person.oid())) // defect 5: unlinked pairs need staff again
                .toList();
        // Each candidate's link read once: a missing row is not remembered by JPA, a second read is a second query.
        Map<String, Optional<EsiaLinks.Link>> linkOf = new HashMap<>();
        candidates.forEach(u -> linkOf.put(u.getId(), links.linkOf(u)));
        List<UserModel> authorised = candidates.stream()
                .filter(u -> linkOf.get(u.getId()).map(EsiaLinks.Link::pending).orElse(false))
                .toList();
        LinkMethod method;
        List<UserModel> pool;
        if (!authorised.isEmpty()) {
            method = LinkMethod.STAFF_CARD;
            pool = authorised;
        } else if (settings.snilsAutoLink()) {
            method = LinkMethod.SNILS;
            pool = candidates;
        } else {
            return Optional.empty();
        }
        if (pool.size() != 1) {
            LOG.debugf("ESIA person %s: %d accounts of role %s with this SNILS: no automatic link", person.oid(), pool.size(), role.code());
            return Optional.empty();
        }
        UserModel account = pool.get(0);
        AccountFacts facts = AccountFacts.of(account);
        String linkedOid = linkOf.get(account.getId()).map(EsiaLinks.Link::esiaOid).orElse(null);
        Optional<LinkRefusal> refusal = new LinkRules(new AgePolicy(clock, AgeSettings.adultAge(context.getRealm()))).check(person, facts, role, linkedOid,
                () -> OrganisationZone.of(session, facts));
        if (refusal.isPresent() || !PersonMatch.sameFullName(person, facts) || !PersonMatch.sameBirthDate(person, facts)) {
            LOG.debugf("ESIA person %s: SNILS candidate %s not linked (%s)", person.oid(), account.getId(),
                    refusal.map(LinkRefusal::code).orElse("name or birth date differ"));
            return Optional.empty();
        }
        if (links.link(realm, account, person.oid(), method, null) != EsiaLinks.Outcome.LINKED) {
            return Optional.empty();
        }
        LinkAudit.linked(context.getEvent(), account, person, method, null);
        return Optional.of(account);
    }
}
