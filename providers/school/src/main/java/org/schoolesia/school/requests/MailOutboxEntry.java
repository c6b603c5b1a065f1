package org.schoolesia.school.requests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An e-mail owed to someone, written in the same transaction as the decision it reports and sent
 * after it commits (R-REQ-4). {@code NEXT_ATTEMPT_AT} is when a sender may next take it; a sender
 * takes it by moving that time forward (a lease), so two nodes never send it at once; null once sent.
 */
@Entity
@Table(name = "SCHOOL_MAIL_OUTBOX")
@NamedQuery(name = "MailOutboxEntry.due", query = "select m.id from MailOutboxEntry m where m.nextAttemptAt <= :now order by m.nextAttemptAt")
@NamedQuery(name = "MailOutboxEntry.take", query = "update MailOutboxEntry m set m.nextAttemptAt = :leaseUntil, m.attempts = m.attempts + 1"
        + " where m.id = :id and m.nextAttemptAt <= :now")
@NamedQuery(name = "MailOutboxEntry.sent", query = "update MailOutboxEntry m set m.nextAttemptAt = null, m.sentAt = :now, m.lastError = null"
        + " where m.id = :id")
@NamedQuery(name = "MailOutboxEntry.failed", query = "update MailOutboxEntry m set m.nextAttemptAt = :next, m.lastError = :error"
        + " where m.id = :id and m.sentAt is null")
@NamedQuery(name = "MailOutboxEntry.ofRequest", query = "select m from MailOutboxEntry m where m.requestId = :requestId")
@NamedQuery(name = "MailOutboxEntry.waitingByRealm", query = "select m.realmId, count(m) from MailOutboxEntry m"
        + " where m.sentAt is null and m.failedAt is null and m.lastError = :error group by m.realmId")
@NamedQuery(name = "MailOutboxEntry.deleteByRealm", query = "delete from MailOutboxEntry m where m.realmId = :realmId")
@NamedQuery(name = "MailOutboxEntry.gaveUp", query = "update MailOutboxEntry m set m.nextAttemptAt = null, m.failedAt = :now,"
        + " m.lastError = :error where m.id = :id and m.sentAt is null")
@NamedQuery(name = "MailOutboxEntry.failedOfRealm", query = "select m from MailOutboxEntry m where m.realmId = :realmId"
        + " and m.failedAt is not null order by m.failedAt desc, m.id")
@NamedQuery(name = "MailOutboxEntry.retry", query = "update MailOutboxEntry m set m.failedAt = null, m.nextAttemptAt = :now,"
        + " m.attempts = 0 where m.id = :id and m.realmId = :realmId and m.failedAt is not null")
@NamedQuery(name = "MailOutboxEntry.countPending", query = "select count(m) from MailOutboxEntry m where m.realmId = :realmId"
        + " and m.sentAt is null and m.failedAt is null")
@NamedQuery(name = "MailOutboxEntry.countFailed", query = "select count(m) from MailOutboxEntry m where m.realmId = :realmId"
        + " and m.failedAt is not null")
@NamedQuery(name = "MailOutboxEntry.purgeSent", query = "delete from MailOutboxEntry m where m.realmId = :realmId and m.sentAt < :before")
@NamedQuery(name = "MailOutboxEntry.purgeOfDecided", query = "delete from MailOutboxEntry m where m.realmId = :realmId and m.requestId in"
        + " (select r.id from AccessRequestEntry r where r.realmId = :realmId and r.decidedAt < :before and r.status <> :pending)")
public class MailOutboxEntry {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "REQUEST_ID", length = 36, nullable = false)
    private String requestId;

    /** The e-mail theme template, e.g. school-access-request-resolved.ftl. */
    @Column(name = "TEMPLATE", length = 64, nullable = false)
    private String template;

    @Column(name = "RECIPIENT", length = 255, nullable = false)
    private String recipient;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "NEXT_ATTEMPT_AT")
    private Long nextAttemptAt;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "SENT_AT")
    private Long sentAt;

    /** Why the last attempt failed (no message text, no address). */
    @Column(name = "LAST_ERROR", length = 255)
    private String lastError;

    /** When the outbox gave the message up (refused for good, or too many attempts); null while it is pending or sent. */
    @Column(name = "FAILED_AT")
    private Long failedAt;

    protected MailOutboxEntry() {
    }

    public MailOutboxEntry(String id, String realmId, String requestId, String template, String recipient, long now) {
        this.id = id;
        this.realmId = realmId;
        this.requestId = requestId;
        this.template = template;
        this.recipient = recipient;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    public String getId() { return id; }
    public String getRealmId() { return realmId; }
    public String getRequestId() { return requestId; }
    public String getTemplate() { return template; }
    public String getRecipient() { return recipient; }
    public long getCreatedAt() { return createdAt; }
    public Long getNextAttemptAt() { return nextAttemptAt; }
    public int getAttempts() { return attempts; }
    public Long getSentAt() { return sentAt; }
    public String getLastError() { return lastError; }
    public Long getFailedAt() { return failedAt; }
}
