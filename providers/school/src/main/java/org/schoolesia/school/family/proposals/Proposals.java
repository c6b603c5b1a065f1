package org.schoolesia.school.family.proposals;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.PeopleDirectory;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.accounts.SnilsIndex;
import org.schoolesia.school.family.CardSnilsRule;
import org.schoolesia.school.family.FamilyHistory;
import org.schoolesia.school.family.FamilyLinks;
import org.schoolesia.school.family.LinkKind;
import org.schoolesia.school.family.LinkSource;
import org.schoolesia.school.family.SnilsChildren;
import org.schoolesia.school.kernel.UniqueKeyViolation;
import org.schoolesia.school.link.AccountFacts;
import org.schoolesia.school.link.EsiaKids;

/**
 * The one writer of proposals (issue 12, «Children from Госуслуги»): at a parent's Госуслуги login
 * every child of the parent's list that {@link ChildMatch} finds among the realm's pupils becomes a
 * proposal; staff of the pupil's home organisation confirm it (a family link, source
 * {@code esia-children}, through {@link FamilyLinks}) or dismiss it. Proposing is an insert guarded
 * by the unique pair, so logins at once or again make one row; deciding is one conditional update,
 * so of two staff members deciding at once one decides.
 */
public final class Proposals {

    private static final Logger LOG = Logger.getLogger(Proposals.class);

    /** How many pupils of one name and birth date are read: two already make an ambiguity. */
    private static final int NAME_CANDIDATES = 3;

    /** A decision asked for: the proposal as it now is, and whether this call decided it. */
    public record Decided(ProposalEntry proposal, boolean changed) {
    }

    private final KeycloakSession session;

    public Proposals(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    // ---- at login ------------------------------------------------------------------------------

    /** A pupil this login would propose to a parent, and why. */
    record Proposal(UserModel child, ChildMatch.Basis basis, EsiaKids.Kid kid) {
    }

    /**
     * The proposals this login makes for a parent account whose Госуслуги account is confirmed (an
     * unconfirmed one proves nothing about whose children it lists).
     * @return the proposals made now (none for pairs proposed, linked or decided before)
     */
    public List<ProposalEntry> proposeAtLogin(RealmModel realm, UserModel parent, boolean esiaConfirmed, List<EsiaKids.Kid> kids) {
        List<ProposalEntry> made = new ArrayList<>();
        for (Proposal p : toProposeAtLogin(realm, parent, esiaConfirmed, kids)) {
            propose(realm, parent, p.child(), p.basis(), p.kid()).ifPresent(made::add);
        }
        if (!made.isEmpty()) {
            LOG.infof("parent %s: %d child(ren) from Госуслуги proposed to the schools", parent.getId(), made.size());
        }
        return made;
    }

    /** What {@link #proposeAtLogin} would propose now, proposing nothing (reads only). */
    List<Proposal> toProposeAtLogin(RealmModel realm, UserModel parent, boolean esiaConfirmed, List<EsiaKids.Kid> kids) {
        if (!esiaConfirmed || kids.isEmpty() || !People.hasRole(parent, SchoolRole.PARENT)) {
            return List.of();
        }
        // Every returning parent's login asks this: the parent's pairs and proposals are read once for all the
        // children, not per candidate (issue 14, the login's cost: two children took fourteen queries).
        List<FamilyHistory.LinkedChild> linked = new FamilyHistory(session).childrenEverLinked(parent.getId());
        Set<String> linkedOnce = linked.stream().map(FamilyHistory.LinkedChild::childId).collect(Collectors.toSet());
        Set<String> linkedPupilsSnils = linked.stream()
                .filter(c -> SchoolRole.of(c.role()).filter(SchoolRole.STUDENT::equals).isPresent())
                .map(c -> c.snils() == null ? null : CardSnilsRule.digits(c.snils().trim()).orElse(null)).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Set<String> proposed = null;
        List<Proposal> found = new ArrayList<>();
        for (EsiaKids.Kid kid : kids) {
            ChildMatch.Kid facts = new ChildMatch.Kid(kid.lastName(), kid.firstName(), kid.middleName(), kid.birthDate(),
                    CardSnilsRule.digits(kid.snils()).orElse(null));
            if (facts.snils() != null && linkedPupilsSnils.contains(facts.snils())) {
                // A pupil linked to this parent now or once carries the child's SNILS: ChildMatch can only answer
                // "none" (that pupil, or two with one SNILS), so the directory is not searched (the usual returning parent).
                continue;
            }
            List<ChildMatch.Pupil> candidates = candidates(realm, facts).stream()
                    .filter(u -> !u.getId().equals(parent.getId()))
                    .map(u -> pupil(u, linkedOnce.contains(u.getId()))).toList();
            Optional<ChildMatch.Match> match = ChildMatch.match(facts, candidates);
            if (match.isEmpty()) {
                continue;
            }
            if (proposed == null) {
                proposed = Set.copyOf(em().createNamedQuery("ProposalEntry.childrenOfParent", String.class)
                        .setParameter("parentId", parent.getId()).getResultList());
            }
            if (proposed.contains(match.get().pupilId())) {
                continue;
            }
            found.add(new Proposal(session.users().getUserById(realm, match.get().pupilId()), match.get().basis(), kid));
        }
        return found;
    }

    /** Pupils of the realm with the kid's SNILS (the SNILS index) and with its name and birth date. */
    private List<UserModel> candidates(RealmModel realm, ChildMatch.Kid kid) {
        List<UserModel> found = new ArrayList<>();
        if (kid.snils() != null) {
            new SnilsIndex(session).findUsers(realm, Snils.parse(kid.snils()))
                    .filter(u -> People.hasRole(u, SchoolRole.STUDENT)).forEach(found::add);
        }
        if (kid.lastName() != null && kid.firstName() != null && kid.birthDate() != null) {
            found.addAll(new PeopleDirectory(session, realm).studentsByNameAndBirthdate(null, kid.lastName().strip(), kid.firstName().strip(),
                    kid.birthDate().toString(), NAME_CANDIDATES));
        }
        return found;
    }

    private static ChildMatch.Pupil pupil(UserModel u, boolean linkedOnce) {
        AccountFacts f = AccountFacts.of(u);
        return new ChildMatch.Pupil(u.getId(), f.lastName(), f.firstName(), f.middleName(), f.birthDate(),
                CardSnilsRule.digits(f.snils()).orElse(null), linkedOnce);
    }

    /** In a transaction of its own: of two logins at once the unique pair keeps one row, and neither login fails. */
    private Optional<ProposalEntry> propose(RealmModel realm, UserModel parent, UserModel child, ChildMatch.Basis basis, EsiaKids.Kid kid) {
        String home = child.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationModel org = home == null ? null : session.getProvider(OrganizationProvider.class).getByAlias(home);
        ProposalEntry entry = new ProposalEntry(KeycloakModelUtils.generateId(), realm.getId(), parent.getId(), child.getId(),
                org == null ? null : org.getId(), basis, kid.oid(), kid.lastName(), kid.firstName(), kid.middleName(), System.currentTimeMillis());
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                em.persist(entry);
                em.flush();
            });
        } catch (RuntimeException e) {
            if (!UniqueKeyViolation.isCause(e)) {
                throw e;
            }
            LOG.debugf("proposal of child %s to parent %s made by a login at the same time", child.getId(), parent.getId());
            return Optional.empty();
        }
        ProposalAudit.proposed(session, realm, entry, child);
        return Optional.of(entry);
    }

    // ---- reads ---------------------------------------------------------------------------------

    public List<ProposalEntry> ofParent(String parentId) {
        return em().createNamedQuery("ProposalEntry.ofParent", ProposalEntry.class).setParameter("parentId", parentId).getResultList();
    }

    public List<ProposalEntry> ofChild(String childId) {
        return em().createNamedQuery("ProposalEntry.ofChild", ProposalEntry.class).setParameter("childId", childId).getResultList();
    }

    /** The organisation's open proposals, oldest first. */
    public List<ProposalEntry> openOf(OrganizationModel organisation, int max) {
        return em().createNamedQuery("ProposalEntry.ofOrganisation", ProposalEntry.class).setParameter("orgId", organisation.getId())
                .setParameter("status", ProposalStatus.PROPOSED.code()).setMaxResults(max).getResultList();
    }

    public Optional<ProposalEntry> find(String id) {
        return Optional.ofNullable(id == null ? null : em().find(ProposalEntry.class, id));
    }

    // ---- decisions -----------------------------------------------------------------------------

    /**
     * Confirms: the pair gets a family link (source {@code esia-children}) made by the staff member,
     * and the parent joins the pupil's home organisation so its staff see the link.
     */
    public Decided confirm(RealmModel realm, ProposalEntry proposal, UserModel parent, UserModel child, LinkKind kind, String actorId) {
        if (!decide(proposal, ProposalStatus.CONFIRMED, actorId, null)) {
            return new Decided(refreshed(proposal), false);
        }
        FamilyLinks.Made made = new FamilyLinks(session).link(realm, parent, child, kind, LinkSource.ESIA_CHILDREN, actorId);
        new SnilsChildren(session, realm).joinHomeOrganisation(parent, child);
        em().createNamedQuery("ProposalEntry.linked").setParameter("linkId", made.link().id()).setParameter("id", proposal.getId())
                .executeUpdate();
        ProposalEntry now = refreshed(proposal);
        ProposalAudit.decided(session, realm, now, child);
        LOG.infof("proposal %s confirmed by staff member %s: link %s", proposal.getId(), actorId, made.link().id());
        return new Decided(now, true);
    }

    public Decided dismiss(RealmModel realm, ProposalEntry proposal, UserModel child, String actorId, String reason) {
        if (!decide(proposal, ProposalStatus.DISMISSED, actorId, reason)) {
            return new Decided(refreshed(proposal), false);
        }
        ProposalEntry now = refreshed(proposal);
        ProposalAudit.decided(session, realm, now, child);
        LOG.infof("proposal %s dismissed by staff member %s", proposal.getId(), actorId);
        return new Decided(now, true);
    }

    private boolean decide(ProposalEntry proposal, ProposalStatus status, String actorId, String reason) {
        return em().createNamedQuery("ProposalEntry.decide").setParameter("status", status.code())
                .setParameter("now", System.currentTimeMillis()).setParameter("actorId", actorId).setParameter("reason", reason)
                .setParameter("id", proposal.getId()).setParameter("proposed", ProposalStatus.PROPOSED.code()).executeUpdate() == 1;
    }

    private ProposalEntry refreshed(ProposalEntry proposal) {
        em().refresh(proposal);
        return proposal;
    }

    // ---- housekeeping --------------------------------------------------------------------------

    public void forgetAccount(String userId) {
        em().createNamedQuery("ProposalEntry.deleteOfAccount").setParameter("userId", userId).executeUpdate();
    }

    public void forgetRealm(String realmId) {
        em().createNamedQuery("ProposalEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }
}
