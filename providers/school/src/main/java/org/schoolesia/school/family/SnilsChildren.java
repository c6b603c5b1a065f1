package org.schoolesia.school.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.accounts.SnilsIndex;
import org.schoolesia.school.link.EsiaLinks;

/**
 * R-FAM-3 at a parent's Госуслуги login: every pupil whose card holds the SNILS of the parent's
 * confirmed Госуслуги account becomes the parent's child (source SNILS, through the one writer
 * {@link FamilyLinks}), without a code. The parent joins the child's home organisation where not a
 * member yet, so its staff see the link (as an ОДО's enrolment brings the parents along).
 */
public final class SnilsChildren {

    private static final Logger LOG = Logger.getLogger(SnilsChildren.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public SnilsChildren(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** @return the children linked by this login (none when all were linked before) */
    public List<UserModel> linkAtLogin(UserModel parent, boolean esiaConfirmed, String esiaSnils) {
        FamilyLinks links = new FamilyLinks(session);
        List<UserModel> linked = new ArrayList<>();
        for (UserModel child : toLinkAtLogin(parent, esiaConfirmed, esiaSnils)) {
            if (links.link(realm, parent, child, LinkKind.PARENT, LinkSource.SNILS, null).created()) {
                joinHomeOrganisation(parent, child);
                linked.add(child);
            }
        }
        if (!linked.isEmpty()) {
            LOG.infof("parent %s got %d child(ren) by the SNILS on their cards (R-FAM-3)", parent.getId(), linked.size());
        }
        return linked;
    }

    /**
     * R-FAM-3 at once when staff put a SNILS on the card: a parent account whose Госуслуги link is
     * confirmed and carries that SNILS need not wait for the next login. The link's source is SNILS
     * (taking the SNILS off revokes it as it revokes one made at login); made by the staff member.
     * @return the parents linked now
     */
    public List<UserModel> linkOnCardEdit(UserModel child, CardSnilsEntry card, String snilsDigits, String staffId) {
        EsiaLinks esia = new EsiaLinks(session);
        List<UserModel> linked = new ArrayList<>();
        for (UserModel parent : new SnilsIndex(session).findUsers(realm, Snils.parse(snilsDigits)).toList()) {
            boolean confirmed = esia.linkOf(parent).filter(l -> !l.pending()).isPresent()
                    && "true".equalsIgnoreCase(parent.getFirstAttribute(SchoolAttributes.ESIA_TRUSTED));
            if (grant(parent, child, card, confirmed, staffId)) {
                linked.add(parent);
            }
        }
        if (!linked.isEmpty()) {
            LOG.infof("child %s: %d parent(s) linked at once by the SNILS put on the card (R-FAM-3)", child.getId(), linked.size());
        }
        return linked;
    }

    /** {@link CardSnilsRule#grantsAtLogin}, then the link; whether this call made it. */
    private boolean grant(UserModel parent, UserModel child, CardSnilsEntry card, boolean esiaConfirmed, String actorId) {
        if (child.getId().equals(parent.getId())) {
            return false;
        }
        FamilyLinks links = new FamilyLinks(session);
        CardSnilsRule.AtLogin facts = new CardSnilsRule.AtLogin(esiaConfirmed, People.hasRole(parent, SchoolRole.PARENT),
                People.hasRole(child, SchoolRole.STUDENT), links.activePair(parent.getId(), child.getId()).isPresent(), card.getAddedAt(),
                new FamilyHistory(session).lastRevokedAt(parent.getId(), child.getId()));
        if (!CardSnilsRule.grantsAtLogin(facts) || !links.link(realm, parent, child, LinkKind.PARENT, LinkSource.SNILS, actorId).created()) {
            return false;
        }
        joinHomeOrganisation(parent, child);
        return true;
    }

    /** The pupils {@link #linkAtLogin} would link now, linking nothing: the cards holding the SNILS that the rule grants. */
    List<UserModel> toLinkAtLogin(UserModel parent, boolean esiaConfirmed, String esiaSnils) {
        Optional<String> snils = CardSnilsRule.digits(esiaSnils);
        // The rule grants only to a parent's account: a teacher's or pupil's login asks no card (issue 14, the login's cost).
        if (!esiaConfirmed || snils.isEmpty() || !People.hasRole(parent, SchoolRole.PARENT)) {
            return List.of();
        }
        List<CardSnilsEntry> cards = new CardSnils(session).cardsWith(realm, snils.get());
        if (cards.isEmpty()) {
            return List.of();
        }
        // The parent's pairs once for all cards (issue 14, the login's cost), not two queries per card.
        Map<String, FamilyHistory.PairHistory> pairs = new FamilyHistory(session).pairsOfParent(parent.getId());
        List<UserModel> granted = new ArrayList<>();
        for (CardSnilsEntry card : cards) {
            FamilyHistory.PairHistory pair = pairs.getOrDefault(card.getChildId(), new FamilyHistory.PairHistory(false, 0));
            if (pair.active()) {
                continue; // linked already: the rule grants nothing, so the child's account is not loaded (a returning parent)
            }
            UserModel child = session.users().getUserById(realm, card.getChildId());
            if (child == null || child.getId().equals(parent.getId())) {
                continue;
            }
            CardSnilsRule.AtLogin facts = new CardSnilsRule.AtLogin(true, true, People.hasRole(child, SchoolRole.STUDENT),
                    pair.active(), card.getAddedAt(), pair.lastRevokedAt());
            if (CardSnilsRule.grantsAtLogin(facts)) {
                granted.add(child);
            }
        }
        return granted;
    }

    /** The parent joins the child's home organisation where not a member yet, so its staff see the link. */
    public void joinHomeOrganisation(UserModel parent, UserModel child) {
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        String home = child.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationModel org = home == null ? null : orgs.getByAlias(home);
        if (org != null && !orgs.isMember(org, parent)) {
            orgs.addMember(org, parent);
        }
    }

    /** «Фамилия Имя Отчество», the parts there are; empty when none. */
    public static String fullName(UserModel u) {
        return Stream.of(u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME))
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" "));
    }

    /** The child's home organisation's name, for the page that tells the parent. */
    public String homeOrganisationName(UserModel child) {
        String home = child.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationModel org = home == null ? null : session.getProvider(OrganizationProvider.class).getByAlias(home);
        return org == null ? "" : org.getName();
    }
}
