package org.schoolesia.school.link;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.schoolesia.esia.broker.EsiaIdentityProviderFactory;
import org.schoolesia.school.kernel.SchoolMeters;
import org.schoolesia.school.kernel.UniqueKeyViolation;

/**
 * Which school accounts each ESIA person may enter. Our table is the truth (one row per account,
 * so an account never has two ESIA persons); Keycloak's broker link is kept as a pointer to the
 * account the person entered last ({@link KeycloakLinkPointer}), which lets a returning person with
 * one account go straight in through Keycloak's own fast path.
 */
public final class EsiaLinks {

    private static final Logger LOG = Logger.getLogger(EsiaLinks.class);

    public enum Outcome { LINKED, ALREADY_LINKED, LINKED_ELSEWHERE }

    public record Link(String userId, String esiaOid, LinkMethod method, String actorId, long createdAt) {
        public boolean pending() {
            return esiaOid == null;
        }
    }

    private final KeycloakSession session;

    public EsiaLinks(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Enabled or not: the caller decides what a disabled account means. Pending authorisations excluded. */
    public List<UserModel> accountsOf(RealmModel realm, String oid) {
        if (oid == null) {
            return List.of();
        }
        return em().createNamedQuery("EsiaLinkEntry.userIdsByOid", String.class)
                .setParameter("realmId", realm.getId())
                .setParameter("oid", oid)
                .getResultList().stream()
                .map(userId -> session.users().getUserById(realm, userId))
                .filter(Objects::nonNull)
                .toList();
    }

    public Optional<Link> linkOf(UserModel user) {
        EsiaLinkEntry entry = em().find(EsiaLinkEntry.class, user.getId());
        return Optional.ofNullable(entry).map(EsiaLinks::toLink);
    }

    /**
     * Links in a transaction of its own, committed before the caller goes on: the primary key
     * decides races (two ESIA persons, two tabs, a double click) and the loser's failure cannot
     * spoil the caller's transaction.
     */
    public Outcome link(RealmModel realm, UserModel user, String oid, LinkMethod method, String actorId) {
        Objects.requireNonNull(oid, "oid");
        Outcome[] outcome = new Outcome[1];
        long now = System.currentTimeMillis();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                EsiaLinkEntry existing = em.find(EsiaLinkEntry.class, user.getId());
                if (existing == null) {
                    em.persist(new EsiaLinkEntry(user.getId(), realm.getId(), oid, method.code(), actorId, now));
                    em.flush();
                    outcome[0] = Outcome.LINKED;
                } else if (existing.getEsiaOid() == null) {
                    // A staff authorisation waiting for this login: claimed only if still empty.
                    int claimed = em.createNamedQuery("EsiaLinkEntry.claimPending")
                            .setParameter("oid", oid).setParameter("now", now).setParameter("userId", user.getId())
                            .setParameter("method", method.code())
                            .executeUpdate();
                    outcome[0] = claimed == 1 ? Outcome.LINKED : Outcome.LINKED_ELSEWHERE;
                } else {
                    outcome[0] = oid.equals(existing.getEsiaOid()) ? Outcome.ALREADY_LINKED : Outcome.LINKED_ELSEWHERE;
                }
            });
        } catch (RuntimeException e) {
            if (UniqueKeyViolation.isCause(e)) {
                LOG.debugf("link of user %s lost a race: %s", user.getId(), e.getMessage());
                // The same person in two tabs wins either way; anyone else lost.
                EsiaLinkEntry winner = em().find(EsiaLinkEntry.class, user.getId());
                return winner != null && oid.equals(winner.getEsiaOid()) ? Outcome.ALREADY_LINKED : Outcome.LINKED_ELSEWHERE;
            }
            throw e;
        }
        // The row was committed by the job: what this session's persistence context remembers of it
        // (a pending authorisation read before) is refreshed. A row it had not read comes in fresh with
        // the find, and a refresh would read it twice (issue 14: every first login links here).
        EsiaLinkEntry cached = em().find(EsiaLinkEntry.class, user.getId());
        if (cached != null && !(outcome[0] == Outcome.LINKED && oid.equals(cached.getEsiaOid()) && cached.getCreatedAt() == now)) {
            em().refresh(cached);
        }
        if (outcome[0] == Outcome.LINKED) {
            linked(realm, user, oid, method, actorId);
        }
        return outcome[0];
    }

    /**
     * Links in the caller's transaction, for a decision that must commit or fail together with the
     * link (an access request's resolution). The row is flushed at once so that a link racing in
     * from elsewhere shows up here, as {@link Outcome#LINKED_ELSEWHERE}, not as a failed commit.
     */
    public Outcome linkWithCaller(RealmModel realm, UserModel user, String oid, LinkMethod method, String actorId) {
        Objects.requireNonNull(oid, "oid");
        EntityManager em = em();
        // What the caller wrote so far (e.g. the account just created) reaches the database first,
        // so a key violation below can only be this link's.
        em.flush();
        EsiaLinkEntry existing = em.find(EsiaLinkEntry.class, user.getId());
        long now = System.currentTimeMillis();
        if (existing == null) {
            try {
                em.persist(new EsiaLinkEntry(user.getId(), realm.getId(), oid, method.code(), actorId, now));
                em.flush();
                linked(realm, user, oid, method, actorId);
                return Outcome.LINKED;
            } catch (RuntimeException e) {
                if (UniqueKeyViolation.isCause(e)) {
                    return Outcome.LINKED_ELSEWHERE;
                }
                throw e;
            }
        }
        if (existing.getEsiaOid() == null) {
            int claimed = em.createNamedQuery("EsiaLinkEntry.claimPending")
                    .setParameter("oid", oid).setParameter("now", now).setParameter("userId", user.getId())
                    .setParameter("method", method.code())
                    .executeUpdate();
            em.refresh(existing);
            if (claimed == 1) {
                linked(realm, user, oid, method, actorId);
                return Outcome.LINKED;
            }
            return Outcome.LINKED_ELSEWHERE;
        }
        return oid.equals(existing.getEsiaOid()) ? Outcome.ALREADY_LINKED : Outcome.LINKED_ELSEWHERE;
    }

    /**
     * After a new link, in the caller's transaction: a link someone decided (staff, an admin, the
     * person's password) ends the memory of an unlink of the pair (defect 5); a login's automatic link
     * (SNILS, a staff authorisation) never reaches a remembered pair, so it has none to end. Listeners
     * (the person's pending access requests, defect 9) learn of it.
     */
    private void linked(RealmModel realm, UserModel user, String oid, LinkMethod method, String actorId) {
        // Every new link passes here, whatever its method (admin and import too): the links meter counts it.
        SchoolMeters.countOnCommit(session, SchoolMeters.LINKS, realm.getName(), "method", method.code());
        if (method != LinkMethod.SNILS && method != LinkMethod.STAFF_CARD) {
            // Not for the login's links: AutoLinkStep asked mayLinkAutomatically, one query more for nothing.
            new EsiaUnlinks(session).forget(user.getId(), oid);
        }
        EsiaLinkedEvent.publish(session, realm, user, oid, method, actorId);
    }

    /** Defect 5: the SNILS rule skips an account unlinked from this person until staff authorise it again. */
    public boolean mayLinkAutomatically(UserModel user, String oid) {
        return !new EsiaUnlinks(session).unlinked(user, oid);
    }


    /** R-LINK-4: staff filled the card; the person's next confirmed ESIA login with matching SNILS, name and birth date completes the link. */
    public boolean authorise(RealmModel realm, UserModel user, String actorId) {
        boolean[] created = new boolean[1];
        try {
            // Its own transaction, as link(): two staff members (or the person linking) at once cannot both win.
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                if (em.find(EsiaLinkEntry.class, user.getId()) == null) {
                    em.persist(new EsiaLinkEntry(user.getId(), realm.getId(), null, LinkMethod.STAFF_CARD.code(), actorId,
                            System.currentTimeMillis()));
                    em.flush();
                    created[0] = true;
                }
            });
        } catch (RuntimeException e) {
            if (UniqueKeyViolation.isCause(e)) {
                return false;
            }
            throw e;
        }
        if (created[0]) {
            // Defect 5: the staff member's decision is the new authorisation an unlinked pair needs.
            new EsiaUnlinks(session).forgetAll(user.getId());
        }
        return created[0];
    }

    /**
     * Removes the link (or a pending authorisation) and Keycloak's pointer, so the next ESIA login
     * identifies afresh, but never again by SNILS alone (defect 5, {@link EsiaUnlinks}).
     */
    public Optional<Link> unlink(RealmModel realm, UserModel user, String actorId) {
        EntityManager em = em();
        EsiaLinkEntry existing = em.find(EsiaLinkEntry.class, user.getId());
        if (existing != null) {
            em.remove(existing);
            em.flush();
        }
        for (String alias : esiaAliases(realm)) {
            session.users().removeFederatedIdentity(realm, user, alias);
        }
        if (existing != null && existing.getEsiaOid() != null) {
            EsiaUnlinks unlinks = new EsiaUnlinks(session);
            unlinks.remember(realm, user.getId(), existing.getEsiaOid(), actorId);
            unlinks.endAllSessions(realm, user);
        }
        return Optional.ofNullable(existing).map(EsiaLinks::toLink);
    }

    /** After a realm import: Keycloak broker links of ESIA providers become our links. */
    public int adoptKeycloakLinks(RealmModel realm) {
        Set<String> aliases = esiaAliases(realm);
        if (aliases.isEmpty()) {
            return 0;
        }
        return em().createQuery("insert into EsiaLinkEntry (userId, realmId, esiaOid, method, actorId, createdAt)"
                        + " select f.user.id, f.realmId, f.userId, :method, null, :now from FederatedIdentityEntity f"
                        + " where f.realmId = :realmId and f.identityProvider in :aliases"
                        + " and not exists (select 1 from EsiaLinkEntry e where e.userId = f.user.id)")
                .setParameter("method", LinkMethod.IMPORT.code())
                .setParameter("now", System.currentTimeMillis())
                .setParameter("realmId", realm.getId())
                .setParameter("aliases", aliases)
                .executeUpdate();
    }

    /** The account's link goes; what it was is returned, for the caller to remember the unlink. */
    public Optional<Link> forget(String userId) {
        Optional<Link> existing = Optional.ofNullable(em().find(EsiaLinkEntry.class, userId)).map(EsiaLinks::toLink);
        em().createNamedQuery("EsiaLinkEntry.deleteByUser").setParameter("userId", userId).executeUpdate();
        return existing;
    }

    /** A removed account: its link and the memory of its unlinks. */
    public void forgetAccount(String userId) {
        forget(userId);
        new EsiaUnlinks(session).forgetAll(userId);
    }

    public void forgetRealm(String realmId) {
        em().createNamedQuery("EsiaLinkEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        new EsiaUnlinks(session).forgetRealm(realmId);
    }

    /** Aliases of the realm's identity providers of the ESIA type. */
    public Set<String> esiaAliases(RealmModel realm) {
        // From the table rather than session.identityProviders(), which works in the context's realm only.
        return Set.copyOf(em().createQuery("select i.alias from IdentityProviderEntity i"
                        + " where i.realmId = :realmId and i.providerId = :providerId", String.class)
                .setParameter("realmId", realm.getId())
                .setParameter("providerId", EsiaIdentityProviderFactory.PROVIDER_ID)
                .getResultList());
    }

    private static Link toLink(EsiaLinkEntry e) {
        return new Link(e.getUserId(), e.getEsiaOid(), LinkMethod.of(e.getMethod()).orElse(LinkMethod.IMPORT), e.getActorId(), e.getCreatedAt());
    }
}
