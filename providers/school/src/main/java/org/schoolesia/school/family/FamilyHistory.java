package org.schoolesia.school.family;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.schoolesia.school.accounts.SchoolAttributes;

/**
 * What parent–child pairs ever were and when they ended, revoked links included: the rules that
 * must not grant again what staff or a parent took back (R-FAM-1, R-FAM-3), a returning parent's
 * login (one query each, no account loaded: issue 14) and the staff page's history. Only reads;
 * links are made and revoked by {@link FamilyLinks}.
 */
public final class FamilyHistory {

    private final KeycloakSession session;

    public FamilyHistory(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** A pair's history: linked now, and when a link of it was last revoked (0: never). */
    public record PairHistory(boolean active, long lastRevokedAt) {
    }

    /**
     * Whether the pair is linked now and {@link #lastRevokedAt} for every child the parent was ever linked
     * to, in one query: a parent's login asks them of each child card and each Госуслуги child.
     */
    public Map<String, PairHistory> pairsOfParent(String parentId) {
        Map<String, PairHistory> pairs = new HashMap<>();
        for (Object[] row : em().createNamedQuery("FamilyLinkEntry.pairsOfParent", Object[].class)
                .setParameter("parentId", parentId).getResultList()) {
            long revokedAt = row[1] == null ? 0 : ((Number) row[1]).longValue();
            PairHistory seen = pairs.getOrDefault((String) row[0], new PairHistory(false, 0));
            pairs.put((String) row[0], new PairHistory(seen.active() || revokedAt == 0, Math.max(seen.lastRevokedAt(), revokedAt)));
        }
        return pairs;
    }

    /** A child the parent was ever linked to (actively or not), with what its card says now: role and SNILS, null when absent. */
    public record LinkedChild(String childId, String role, String snils) {
    }

    /**
     * Every child the parent was ever linked to, with the card's role and SNILS, in one query (a returning
     * parent's login asks it; reading the accounts through Keycloak cost a query per school membership of each).
     */
    public List<LinkedChild> childrenEverLinked(String parentId) {
        Map<String, LinkedChild> children = new LinkedHashMap<>();
        for (Object[] row : em().createNamedQuery("FamilyLinkEntry.childrenOfParentWithRoleAndSnils", Object[].class)
                .setParameter("parentId", parentId).setParameter("roleAttribute", SchoolAttributes.ROLE)
                .setParameter("snilsAttribute", SchoolAttributes.SNILS).getResultList()) {
            children.putIfAbsent((String) row[0], new LinkedChild((String) row[0], (String) row[1], (String) row[2]));
        }
        return List.copyOf(children.values());
    }

    /** When a link of the pair was last revoked; 0 when none ever was. */
    public long lastRevokedAt(String parentId, String childId) {
        Long at = em().createNamedQuery("FamilyLinkEntry.lastRevokedOfPair", Long.class)
                .setParameter("parentId", parentId).setParameter("childId", childId).getSingleResult();
        return at == null ? 0 : at;
    }

    /** Active links first, then revoked ones, oldest first: the whole history of the person as child or parent. */
    public List<FamilyLink> history(String personId, boolean asChild, int first, int max) {
        return em().createNamedQuery(asChild ? "FamilyLinkEntry.historyOfChild" : "FamilyLinkEntry.historyOfParent", FamilyLinkEntry.class)
                .setParameter(asChild ? "childId" : "parentId", personId)
                .setFirstResult(first).setMaxResults(max)
                .getResultList().stream().map(FamilyLinks::toLink).toList();
    }
}
