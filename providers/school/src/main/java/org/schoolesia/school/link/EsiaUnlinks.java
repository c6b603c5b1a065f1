package org.schoolesia.school.link;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.UserSessionManager;

/**
 * Defect 5: what an unlink leaves behind, whoever did it (staff, realm admin, the person). The card
 * still carries the SNILS that ESIA's mappers wrote, so without a memory of the unlink the SNILS rule
 * would link the same person to the same account at their next login. The pair stays unlinked for
 * automatic linking until a staff member authorises the card or links an oid (R-LINK-4); linking
 * by hand (password, staff, admin) is a new decision and forgets it too. Sessions opened through
 * the removed link end: offline ones always (they would otherwise outlive the unlink for weeks).
 */
public final class EsiaUnlinks {

    private static final Logger LOG = Logger.getLogger(EsiaUnlinks.class);

    private final KeycloakSession session;

    public EsiaUnlinks(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** In the caller's transaction, with the unlink itself. */
    public void remember(RealmModel realm, String userId, String oid, String actorId) {
        if (oid == null) {
            return; // a cancelled staff authorisation linked nobody
        }
        long now = System.currentTimeMillis();
        EsiaUnlinkEntry existing = em().find(EsiaUnlinkEntry.class, new EsiaUnlinkEntry.Key(userId, oid));
        if (existing == null) {
            em().persist(new EsiaUnlinkEntry(userId, oid, realm.getId(), actorId, now));
        } else {
            existing.setActorId(actorId);
            existing.setUnlinkedAt(now);
        }
        LOG.debugf("account %s unlinked from ESIA person %s: no automatic link of the two until staff authorise it", userId, oid);
    }

    /** True when this account was unlinked from this ESIA person and no staff member has authorised a link since. */
    public boolean unlinked(UserModel user, String oid) {
        return oid != null && em().find(EsiaUnlinkEntry.class, new EsiaUnlinkEntry.Key(user.getId(), oid)) != null;
    }

    /** The pair was linked again by a decision of someone: the memory has served. */
    void forget(String userId, String oid) {
        EsiaUnlinkEntry existing = em().find(EsiaUnlinkEntry.class, new EsiaUnlinkEntry.Key(userId, oid));
        if (existing != null) {
            em().remove(existing);
        }
    }

    /** A staff authorisation on the card (R-LINK-4) lets the next matching ESIA login link, whoever it was unlinked from. */
    void forgetAll(String userId) {
        em().createNamedQuery("EsiaUnlinkEntry.deleteByUser").setParameter("userId", userId).executeUpdate();
    }

    void forgetRealm(String realmId) {
        em().createNamedQuery("EsiaUnlinkEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    /** Offline sessions (refresh tokens kept by applications) of the account end. */
    public void endOfflineSessions(RealmModel realm, UserModel user) {
        UserSessionManager manager = new UserSessionManager(session);
        manager.findOfflineSessionsStream(realm, user).toList().forEach(manager::revokeOfflineUserSession);
    }

    /** Whoever entered through the removed link leaves now, not when the SSO session ends; offline sessions too. */
    public void endAllSessions(RealmModel realm, UserModel user) {
        for (UserSessionModel us : session.sessions().getUserSessionsStream(realm, user).toList()) {
            AuthenticationManager.backchannelLogout(session, realm, us, session.getContext().getUri(),
                    session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
        }
        endOfflineSessions(realm, user);
    }
}
