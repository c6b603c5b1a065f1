package org.schoolesia.school.accounts;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.schoolesia.school.kernel.UniqueKeyViolation;

/**
 * R-FAM-5 made visible: pupil accounts an adult's Госуслуги session tried to use (the parent typing
 * the child's password into «Привязать учетную запись», a link to the child's account that the
 * parent's Госуслуги login hit). The rules refuse entry already; the flag tells the school, on the
 * card and in «Список учеников», so staff can talk to the family.
 */
public final class AccountFlags {

    private static final Logger LOG = Logger.getLogger(AccountFlags.class);

    /** Why an account is flagged. */
    public static final String ADULT_ESIA_SESSION = "adult_esia_session";

    /** What staff see: the reason, when first and last, how many times. */
    public record Flag(String reason, String firstAt, String lastAt, int attempts) {
        static Flag of(AccountFlagEntry e) {
            return new Flag(e.getReason(), Instant.ofEpochMilli(e.getFirstAt()).toString(), Instant.ofEpochMilli(e.getLastAt()).toString(),
                    e.getAttempts());
        }
    }

    private final KeycloakSession session;

    public AccountFlags(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /**
     * Flags the account (or counts once more), in a transaction of its own: the login that noticed it
     * is being refused, and its own transaction may roll back.
     */
    public void flag(RealmModel realm, UserModel account, String reason, String esiaOid) {
        long now = System.currentTimeMillis();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                int counted = em.createNamedQuery("AccountFlagEntry.count").setParameter("now", now).setParameter("reason", reason)
                        .setParameter("esiaOid", esiaOid).setParameter("userId", account.getId()).executeUpdate();
                if (counted == 0) {
                    em.persist(new AccountFlagEntry(account.getId(), realm.getId(), reason, esiaOid, now));
                    em.flush();
                }
            });
        } catch (RuntimeException e) {
            if (!UniqueKeyViolation.isCause(e)) {
                throw e;
            }
            // Flagged a moment ago by a parallel attempt: the flag is there, which is all that matters.
        }
        LOG.warnf("pupil account %s flagged (%s): used through ESIA person %s", account.getId(), reason, esiaOid);
    }

    public Optional<Flag> of(String userId) {
        return Optional.ofNullable(userId == null ? null : em().find(AccountFlagEntry.class, userId)).map(Flag::of);
    }

    /** The flags of a page of accounts in one query. */
    public Map<String, Flag> of(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return em().createNamedQuery("AccountFlagEntry.ofUsers", AccountFlagEntry.class).setParameter("userIds", userIds)
                .getResultStream().collect(Collectors.toMap(AccountFlagEntry::getUserId, Flag::of, (a, b) -> a));
    }

    /** Staff have dealt with it. */
    public boolean clear(String userId) {
        return em().createNamedQuery("AccountFlagEntry.deleteByUser").setParameter("userId", userId).executeUpdate() > 0;
    }

    void forget(String userId) {
        clear(userId);
    }

    void forgetRealm(String realmId) {
        em().createNamedQuery("AccountFlagEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }
}
