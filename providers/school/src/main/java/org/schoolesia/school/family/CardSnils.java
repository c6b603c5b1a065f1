package org.schoolesia.school.family;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.kernel.SnilsHash;
import org.schoolesia.school.kernel.UniqueKeyViolation;

/**
 * The parents' SNILS on the children's cards (R-FAM-3), the table {@code SCHOOL_CARD_PARENT_SNILS}:
 * the one writer. Adding inserts a row, removing is one conditional update of it and revokes, through
 * {@link FamilyLinks}, the links that SNILS made; nothing is read, changed and written back.
 */
public final class CardSnils {

    private static final Logger LOG = Logger.getLogger(CardSnils.class);

    /** A SNILS asked onto the card: the entry on it, and whether this call put it there. */
    public record Added(CardSnilsEntry entry, boolean created) {
    }

    private final KeycloakSession session;

    public CardSnils(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public List<CardSnilsEntry> onCard(String childId) {
        return em().createNamedQuery("CardSnilsEntry.activeOfChild", CardSnilsEntry.class).setParameter("childId", childId).getResultList();
    }

    /** Every SNILS the card ever held, newest first: what staff changed. */
    public List<CardSnilsEntry> history(String childId, int max) {
        return em().createNamedQuery("CardSnilsEntry.historyOfChild", CardSnilsEntry.class).setParameter("childId", childId)
                .setMaxResults(max).getResultList();
    }

    /** The cards holding this SNILS now (a parent's login). */
    public List<CardSnilsEntry> cardsWith(RealmModel realm, String snilsDigits) {
        return em().createNamedQuery("CardSnilsEntry.activeBySnils", CardSnilsEntry.class)
                .setParameter("realmId", realm.getId()).setParameter("snilsHash", hash(realm, snilsDigits)).getResultList();
    }

    /**
     * Puts the SNILS on the card, in a transaction of its own (as {@link FamilyLinks#link} does): of two
     * staff members adding it at once, the unique key keeps one, and both get that one.
     */
    public Added add(RealmModel realm, UserModel child, String snilsDigits, String actorId) {
        String hash = hash(realm, snilsDigits);
        Optional<CardSnilsEntry> existing = active(child.getId(), hash);
        if (existing.isPresent()) {
            return new Added(existing.get(), false);
        }
        CardSnilsEntry entry = new CardSnilsEntry(KeycloakModelUtils.generateId(), realm.getId(), child.getId(), hash,
                Snils.parse(snilsDigits).masked(), actorId, System.currentTimeMillis());
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
            return new Added(committed(child.getId(), hash).orElseThrow(() -> e), false);
        }
        LOG.infof("parent's SNILS %s put on the card of child %s by %s", entry.getSnilsMasked(), child.getId(), actorId);
        return new Added(entry, true);
    }

    /**
     * Takes the SNILS off the card and revokes the links it made (source SNILS, a parent account
     * with that SNILS): one conditional update, so of two removals one revokes.
     * @return the entry as it now is; empty for an unknown id or one of another card
     */
    public Optional<CardSnilsEntry> remove(RealmModel realm, UserModel child, String entryId, String actorId) {
        CardSnilsEntry entry = entryId == null ? null : em().find(CardSnilsEntry.class, entryId);
        if (entry == null || !entry.getChildId().equals(child.getId())) {
            return Optional.empty();
        }
        int changed = em().createNamedQuery("CardSnilsEntry.remove").setParameter("now", System.currentTimeMillis())
                .setParameter("actorId", actorId).setParameter("id", entryId).executeUpdate();
        if (changed == 1) {
            FamilyLinks links = new FamilyLinks(session);
            int revoked = 0;
            for (FamilyLink link : links.activeOfChild(child.getId())) {
                UserModel parent = session.users().getUserById(realm, link.parentId());
                String parentsHash = parent == null ? null
                        : CardSnilsRule.digits(parent.getFirstAttribute(SchoolAttributes.SNILS)).map(d -> hash(realm, d)).orElse(null);
                if (parent != null && CardSnilsRule.revokedByRemoval(entry.getSnilsHash(), parentsHash, link.source())
                        && links.revoke(realm, link.id(), actorId).map(FamilyLinks.Made::created).orElse(false)) {
                    revoked++;
                }
            }
            em().createNamedQuery("CardSnilsEntry.revokedLinks").setParameter("count", revoked).setParameter("id", entryId).executeUpdate();
            LOG.infof("parent's SNILS %s taken off the card of child %s by %s; %d link(s) revoked", entry.getSnilsMasked(), child.getId(), actorId, revoked);
        }
        em().refresh(entry);
        return Optional.of(entry);
    }

    public void forgetChild(String childId) {
        em().createNamedQuery("CardSnilsEntry.deleteOfChild").setParameter("childId", childId).executeUpdate();
    }

    public void forgetRealm(String realmId) {
        em().createNamedQuery("CardSnilsEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    private String hash(RealmModel realm, String snilsDigits) {
        return SnilsHash.of(session).of(realm.getId(), snilsDigits);
    }

    private Optional<CardSnilsEntry> active(String childId, String snilsHash) {
        return onCard(childId).stream().filter(e -> snilsHash.equals(e.getSnilsHash())).findFirst();
    }

    private Optional<CardSnilsEntry> committed(String childId, String snilsHash) {
        CardSnilsEntry[] found = new CardSnilsEntry[1];
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s ->
                found[0] = s.getProvider(JpaConnectionProvider.class).getEntityManager()
                        .createNamedQuery("CardSnilsEntry.activeOfChild", CardSnilsEntry.class).setParameter("childId", childId)
                        .getResultStream().filter(e -> snilsHash.equals(e.getSnilsHash())).findFirst().orElse(null));
        return Optional.ofNullable(found[0]);
    }
}
