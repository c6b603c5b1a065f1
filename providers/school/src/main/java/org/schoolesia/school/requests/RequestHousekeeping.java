package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What operators need of the requests' tables: the figures for the metrics gauges, the e-mails the
 * outbox gave up (with why, for admins; {@link MailOutbox#retry} puts one back) and the purge of what is past its
 * retention (152-FZ: personal data kept no longer than needed). One realm per call.
 */
public final class RequestHousekeeping {

    /** An e-mail given up: which request, which template, why, after how many attempts; no address. */
    public record FailedMail(String id, String requestNumber, String template, int attempts, long failedAt, String reason) {
    }

    /** How many rows one purge removed. */
    public record Purged(int decidedRequests, int mail) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    public RequestHousekeeping(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Pending requests older than the realm's overdue setting ({@link OverduePolicy}). */
    public long overdueRequests(Clock clock) {
        long before = new AccessRequests(session, realm, clock).overdue().overdueBefore(clock.instant()).toEpochMilli();
        return em().createNamedQuery("AccessRequestEntry.countOverdue", Long.class).setParameter("realmId", realm.getId())
                .setParameter("pending", RequestStatus.PENDING.code()).setParameter("before", before).getSingleResult();
    }

    /** E-mails not sent yet and not given up. */
    public long pendingMail() {
        return em().createNamedQuery("MailOutboxEntry.countPending", Long.class).setParameter("realmId", realm.getId()).getSingleResult();
    }

    public long failedMailCount() {
        return em().createNamedQuery("MailOutboxEntry.countFailed", Long.class).setParameter("realmId", realm.getId()).getSingleResult();
    }

    /** The e-mails given up, newest first, at most {@code max}. */
    public List<FailedMail> failedMail(int max) {
        List<MailOutboxEntry> rows = em().createNamedQuery("MailOutboxEntry.failedOfRealm", MailOutboxEntry.class)
                .setParameter("realmId", realm.getId()).setMaxResults(max).getResultList();
        return rows.stream().map(m -> {
            AccessRequestEntry request = em().find(AccessRequestEntry.class, m.getRequestId());
            return new FailedMail(m.getId(), request == null ? null : request.getNumber(), m.getTemplate(), m.getAttempts(),
                    m.getFailedAt(), m.getLastError());
        }).toList();
    }

    /**
     * Removes requests decided before {@code decidedBefore} with their e-mails, and e-mails sent
     * before {@code sentBefore}. Pending requests and unsent e-mails of open requests stay, whatever their age.
     */
    public Purged purge(Instant decidedBefore, Instant sentBefore) {
        EntityManager em = em();
        int mail = em.createNamedQuery("MailOutboxEntry.purgeOfDecided").setParameter("realmId", realm.getId())
                .setParameter("before", decidedBefore.toEpochMilli()).setParameter("pending", RequestStatus.PENDING.code()).executeUpdate();
        int requests = em.createNamedQuery("AccessRequestEntry.purgeDecided").setParameter("realmId", realm.getId())
                .setParameter("before", decidedBefore.toEpochMilli()).setParameter("pending", RequestStatus.PENDING.code()).executeUpdate();
        mail += em.createNamedQuery("MailOutboxEntry.purgeSent").setParameter("realmId", realm.getId())
                .setParameter("before", sentBefore.toEpochMilli()).executeUpdate();
        return new Purged(requests, mail);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
