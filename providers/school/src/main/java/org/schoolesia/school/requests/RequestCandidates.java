package org.schoolesia.school.requests;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.PeopleDirectory;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.accounts.SnilsIndex;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.age.AgeSettings;
import org.schoolesia.school.link.AccountFacts;
import org.schoolesia.school.link.EsiaLinks;
import org.schoolesia.school.link.EsiaPersonFacts;
import org.schoolesia.school.link.LinkRefusal;
import org.schoolesia.school.link.LinkRules;
import org.schoolesia.school.link.PersonMatch;

/**
 * The local accounts an access request may be about, for staff eyes only (R-REQ-3), and the rules
 * a decision applies to the account and child staff pick: the rules of every link (R-LINK-3), the
 * home organisation's say over its accounts (R-ODO-2), a parent linked only to the child ESIA names
 * (R-FAM-1).
 */
public final class RequestCandidates {

    /** A local account staff might link the request to, with what matched; for staff eyes only. */
    public record Candidate(UserModel account, boolean snilsMatches, boolean nameMatches, boolean birthDateMatches,
                            Optional<LinkRefusal> refusal) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock;

    RequestCandidates(KeycloakSession session, RealmModel realm, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.clock = clock;
    }

    /**
     * Accounts of the request's role in the organisation that may be the person: same SNILS, or
     * same surname (then name and birth date are compared). Each says why it would be refused.
     */
    public List<Candidate> accounts(OrganizationModel organisation, AccessRequest request) {
        AccessRequest.Person p = request.person();
        return candidates(organisation, request.role(), p.snils(), p.lastName(), u -> {
            AccountFacts facts = AccountFacts.of(u);
            return new Candidate(u, p.snils() != null && p.snils().equals(facts.snils()),
                    PersonMatch.sameFullName(p.facts(), facts), PersonMatch.sameBirthDate(p.facts(), facts),
                    linkRefusal(request, u, organisation));
        });
    }

    /** Students of the organisation who may be the child a parent named (R-FAM-1). */
    public List<Candidate> children(OrganizationModel organisation, AccessRequest request) {
        AccessRequest.Child c = request.child();
        if (c == null || request.role() != SchoolRole.PARENT) {
            return List.of();
        }
        EsiaPersonFacts childFacts = childFacts(c);
        return candidates(organisation, SchoolRole.STUDENT, c.snils(), c.lastName(), u -> {
            AccountFacts facts = AccountFacts.of(u);
            return new Candidate(u, c.snils() != null && c.snils().equals(facts.snils()),
                    PersonMatch.sameFullName(childFacts, facts), PersonMatch.sameBirthDate(childFacts, facts),
                    childRefusal(organisation, c, u));
        });
    }

    private List<Candidate> candidates(OrganizationModel organisation, SchoolRole role, String snils, String lastName,
                                       Function<UserModel, Candidate> judge) {
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        Map<String, UserModel> found = new LinkedHashMap<>();
        if (snils != null) {
            try {
                new SnilsIndex(session).findUsers(realm, Snils.parse(snils))
                        .filter(u -> People.hasRole(u, role) && orgs.isMember(organisation, u))
                        .forEach(u -> found.putIfAbsent(u.getId(), u));
            } catch (IllegalArgumentException ignored) {
                // ESIA sent an unreadable SNILS: surname search only.
            }
        }
        if (lastName != null && !lastName.isBlank()) {
            new PeopleDirectory(session, realm).members(organisation, List.of(role), lastName, 0, 20).users()
                    .forEach(u -> found.putIfAbsent(u.getId(), u));
        }
        List<Candidate> out = new ArrayList<>(found.values().stream().map(judge).toList());
        // Best evidence first: SNILS, then name and birth date, then name.
        out.sort(Comparator.comparingInt((Candidate c) -> (c.snilsMatches() ? 0 : 4)
                + (c.nameMatches() ? 0 : 2) + (c.birthDateMatches() ? 0 : 1)));
        return out;
    }

    Optional<LinkRefusal> linkRefusal(AccessRequest request, UserModel account, OrganizationModel organisation) {
        if (!isHomeOf(organisation, account)) {
            // R-ODO-2: an account is linked by its home organisation; others see it, as members, but do not change it.
            return Optional.of(LinkRefusal.NOT_HOME_ORGANISATION);
        }
        String linkedOid = new EsiaLinks(session).linkOf(account).map(EsiaLinks.Link::esiaOid).orElse(null);
        return new LinkRules(new AgePolicy(clock, AgeSettings.adultAge(realm))).check(request.person().facts(), AccountFacts.of(account), request.role(),
                linkedOid, () -> People.zone(realm, organisation));
    }

    /**
     * R-FAM-1: a parent is linked only to the pupil their request names: an account of the home
     * organisation whose card does not contradict ESIA's child (SNILS, birth date).
     */
    Optional<LinkRefusal> childRefusal(OrganizationModel organisation, AccessRequest.Child child, UserModel account) {
        if (!isHomeOf(organisation, account)) {
            return Optional.of(LinkRefusal.NOT_HOME_ORGANISATION);
        }
        return PersonMatch.noContradiction(childFacts(child), AccountFacts.of(account))
                ? Optional.empty() : Optional.of(LinkRefusal.IDENTITY_MISMATCH);
    }

    private static EsiaPersonFacts childFacts(AccessRequest.Child c) {
        return new EsiaPersonFacts(c.esiaOid(), c.lastName(), c.firstName(), c.middleName(), c.birthDate(), c.snils(), true);
    }

    private static boolean isHomeOf(OrganizationModel organisation, UserModel account) {
        return organisation.getAlias().equals(account.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION));
    }
}
