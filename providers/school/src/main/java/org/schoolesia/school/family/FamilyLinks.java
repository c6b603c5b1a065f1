package org.schoolesia.school.family;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.schoolesia.school.accounts.PeopleDirectory;
import org.schoolesia.school.accounts.Relatives;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.kernel.UniqueKeyViolation;
import org.schoolesia.school.web.Refused;

/**
 * The one writer (and reader) of parent–child links (R-FAM-1). Every link is an insert of its own
 * row and every revocation a conditional update of one row: nothing is read, changed and written
 * back, so two staff members linking the same pair at once end with one active link (the unique
 * key on the active pair decides) and two revoking it with one revocation. Reads always go to the
 * table, so a revoked link grants nothing from the next call on. What pairs ever were, and when they
 * ended, is {@link FamilyHistory}.
 */
public final class FamilyLinks implements Relatives {

    private static final Logger LOG = Logger.getLogger(FamilyLinks.class);

    /** A link asked for: the active link of the pair, and whether this call made it. */
    public record Made(FamilyLink link, boolean created) {
    }

    private final KeycloakSession session;

    public FamilyLinks(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    // ---- reads ---------------------------------------------------------------------------------

    public List<FamilyLink> activeOfChild(String childId) {
        return em().createNamedQuery("FamilyLinkEntry.activeOfChild", FamilyLinkEntry.class)
                .setParameter("childId", childId).getResultList().stream().map(FamilyLinks::toLink).toList();
    }

    public List<FamilyLink> activeOfParent(String parentId) {
        return em().createNamedQuery("FamilyLinkEntry.activeOfParent", FamilyLinkEntry.class)
                .setParameter("parentId", parentId).getResultList().stream().map(FamilyLinks::toLink).toList();
    }

    public Optional<FamilyLink> activePair(String parentId, String childId) {
        return em().createNamedQuery("FamilyLinkEntry.activePair", FamilyLinkEntry.class)
                .setParameter("parentId", parentId).setParameter("childId", childId)
                .getResultStream().findFirst().map(FamilyLinks::toLink);
    }

    public Optional<FamilyLink> find(String linkId) {
        return Optional.ofNullable(linkId == null ? null : em().find(FamilyLinkEntry.class, linkId)).map(FamilyLinks::toLink);
    }

    // ---- writes --------------------------------------------------------------------------------

    /**
     * Links in a transaction of its own, committed before the caller goes on: the unique key decides
     * a race, and the loser's failure cannot spoil the caller's transaction. The loser gets the
     * winner's link ({@code created=false}), so both callers see the one link.
     */
    public Made link(RealmModel realm, UserModel parent, UserModel child, LinkKind kind, LinkSource source, String actorId) {
        requireTwo(parent, child);
        Optional<FamilyLink> existing = activePair(parent.getId(), child.getId());
        if (existing.isPresent()) {
            return new Made(existing.get(), false);
        }
        FamilyLinkEntry entry = newEntry(realm, parent, child, kind, source, actorId);
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
            LOG.debugf("link of parent %s to child %s lost a race: %s", parent.getId(), child.getId(), e.getMessage());
            return new Made(committedPair(parent.getId(), child.getId()).orElseThrow(() -> e), false);
        }
        return made(realm, entry, child);
    }

    /**
     * Links in the caller's transaction, for a decision that must commit or fail with the link (an
     * access request naming the child). The row is flushed at once, so a link racing in from
     * elsewhere fails the decision here (the caller rolls back, the staff member tries again and
     * finds the link) rather than at commit.
     */
    public Made linkWithCaller(RealmModel realm, UserModel parent, UserModel child, LinkKind kind, LinkSource source, String actorId) {
        requireTwo(parent, child);
        EntityManager em = em();
        // What the caller wrote so far (e.g. the parent's account just created) reaches the database
        // first, so a key violation below can only be this link's.
        em.flush();
        Optional<FamilyLink> existing = activePair(parent.getId(), child.getId());
        if (existing.isPresent()) {
            return new Made(existing.get(), false);
        }
        FamilyLinkEntry entry = newEntry(realm, parent, child, kind, source, actorId);
        try {
            em.persist(entry);
            em.flush();
        } catch (RuntimeException e) {
            if (UniqueKeyViolation.isCause(e)) {
                // Linked a moment ago by someone else: the caller's decision rolls back; asked again, it finds the link.
                throw Refused.of(409, "family_link_race", "schoolFamilyLinkRace");
            }
            throw e;
        }
        return made(realm, entry, child);
    }

    /** A new link: audited, logged. */
    private Made made(RealmModel realm, FamilyLinkEntry entry, UserModel child) {
        FamilyLink link = toLink(entry);
        FamilyAudit.linked(session, realm, link, child);
        LOG.infof("parent %s linked to child %s (%s, %s) by %s", link.parentId(), link.childId(), link.kind().code(), link.source().code(),
                link.createdBy() == null ? "the parent" : "staff member " + link.createdBy());
        return new Made(link, true);
    }

    /**
     * Revokes an active link: one conditional update, so of two revocations at once one wins.
     * @return the link as it now is, and whether this call revoked it; empty for an unknown id
     */
    public Optional<Made> revoke(RealmModel realm, String linkId, String actorId) {
        int changed = em().createNamedQuery("FamilyLinkEntry.revoke")
                .setParameter("now", System.currentTimeMillis()).setParameter("actorId", actorId).setParameter("id", linkId)
                .executeUpdate();
        FamilyLinkEntry entry = em().find(FamilyLinkEntry.class, linkId);
        if (entry == null) {
            return Optional.empty();
        }
        em().refresh(entry);
        if (changed == 1) {
            UserModel child = session.users().getUserById(realm, entry.getChildId());
            if (child != null) {
                FamilyAudit.revoked(session, realm, toLink(entry), child);
            }
            LOG.infof("link %s of parent %s to child %s revoked by %s", linkId, entry.getParentId(), entry.getChildId(),
                    actorId == null ? "an administrator" : "staff member " + actorId);
        }
        return Optional.of(new Made(toLink(entry), changed == 1));
    }

    /**
     * After a realm import: the children's {@code parentIds} attribute (the realm JSON of before
     * issue 12, the demo realm's included) becomes active links, source {@code import}, and the
     * attribute goes, so the table stays the only truth. Values naming no account of the realm are dropped.
     */
    public int adoptImported(RealmModel realm) {
        List<Object[]> values = em().createQuery("select a.user.id, a.value from UserAttributeEntity a"
                        + " where a.user.realmId = :realmId and a.name = :name", Object[].class)
                .setParameter("realmId", realm.getId()).setParameter("name", PeopleDirectory.PARENT_IDS)
                .getResultList();
        int adopted = 0;
        java.util.Set<String> children = new java.util.LinkedHashSet<>();
        for (Object[] v : values) {
            String childId = (String) v[0];
            String parentId = (String) v[1];
            children.add(childId);
            UserModel parent = parentId == null ? null : session.users().getUserById(realm, parentId);
            if (parent == null || parentId.equals(childId) || activePair(parentId, childId).isPresent()) {
                continue;
            }
            em().persist(new FamilyLinkEntry(KeycloakModelUtils.generateId(), realm.getId(), parentId, childId, LinkKind.PARENT,
                    LinkSource.IMPORT, null, System.currentTimeMillis()));
            em().flush();
            adopted++;
        }
        for (String childId : children) {
            UserModel child = session.users().getUserById(realm, childId);
            if (child != null) {
                child.removeAttribute(PeopleDirectory.PARENT_IDS);
            }
        }
        if (adopted > 0) {
            LOG.infof("realm %s: %d parent-child link(s) adopted from the imported parentIds attribute", realm.getName(), adopted);
        }
        return adopted;
    }

    /** A removed account: its links, as parent and as child, go with it. */
    public void forgetAccount(String userId) {
        em().createNamedQuery("FamilyLinkEntry.deleteOfAccount").setParameter("userId", userId).executeUpdate();
    }

    public void forgetRealm(String realmId) {
        em().createNamedQuery("FamilyLinkEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    // ---- Relatives (for accounts) -----------------------------------------------------------------

    @Override
    public List<UserModel> parentsOf(RealmModel realm, UserModel child) {
        return activeOfChild(child.getId()).stream().map(l -> session.users().getUserById(realm, l.parentId()))
                .filter(Objects::nonNull).toList();
    }

    @Override
    public List<UserModel> childrenOf(RealmModel realm, UserModel parent) {
        return activeOfParent(parent.getId()).stream().map(l -> session.users().getUserById(realm, l.childId()))
                .filter(Objects::nonNull).toList();
    }

    @Override
    public void createdTogether(RealmModel realm, UserModel parent, UserModel child, String staffId) {
        linkWithCaller(realm, parent, child, LinkKind.PARENT, LinkSource.STAFF, staffId);
    }

    // ---------------------------------------------------------------------------------------------

    private static void requireTwo(UserModel parent, UserModel child) {
        // R-FAM-5: a person is never their own parent; the callers check roles, this guards the table.
        if (parent.getId().equals(child.getId())) {
            throw new IllegalArgumentException("a person cannot be linked to themselves");
        }
    }

    private static FamilyLinkEntry newEntry(RealmModel realm, UserModel parent, UserModel child, LinkKind kind, LinkSource source,
                                            String actorId) {
        return new FamilyLinkEntry(KeycloakModelUtils.generateId(), realm.getId(), parent.getId(), child.getId(), kind, source, actorId,
                System.currentTimeMillis());
    }

    /** The active link of the pair as committed by another transaction (the race's winner). */
    private Optional<FamilyLink> committedPair(String parentId, String childId) {
        FamilyLink[] found = new FamilyLink[1];
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s ->
                found[0] = s.getProvider(JpaConnectionProvider.class).getEntityManager()
                        .createNamedQuery("FamilyLinkEntry.activePair", FamilyLinkEntry.class)
                        .setParameter("parentId", parentId).setParameter("childId", childId)
                        .getResultStream().findFirst().map(FamilyLinks::toLink).orElse(null));
        return Optional.ofNullable(found[0]);
    }

    static FamilyLink toLink(FamilyLinkEntry e) {
        return new FamilyLink(e.getId(), e.getParentId(), e.getChildId(), LinkKind.of(e.getKind()).orElse(LinkKind.PARENT),
                LinkSource.of(e.getSource()).orElse(LinkSource.IMPORT), e.getCreatedBy(), e.getCreatedAt(),
                e.getRevokedAt() == 0 ? null : e.getRevokedAt(), e.getRevokedBy());
    }
    // ---- token claims (issue 13) ---------------------------------------------------------------

    /** A linked child as relying systems see it: the account id and the name, nothing more. */
    public record NamedChild(String id, String lastName, String firstName, String middleName) {
    }

    /** The parent's children of active links with their names, in one query (no user loaded); oldest link first. */
    public List<NamedChild> activeChildrenNamed(RealmModel realm, String parentId) {
        List<Object[]> rows = em().createNamedQuery("FamilyLinkEntry.activeChildrenNamed", Object[].class)
                .setParameter("parentId", parentId).setParameter("realmId", realm.getId())
                .setParameter("middleName", SchoolAttributes.MIDDLE_NAME).getResultList();
        Map<String, NamedChild> children = new LinkedHashMap<>();
        for (Object[] row : rows) {
            children.putIfAbsent((String) row[0], new NamedChild((String) row[0], (String) row[1], (String) row[2], (String) row[3]));
        }
        return List.copyOf(children.values());
    }
}
