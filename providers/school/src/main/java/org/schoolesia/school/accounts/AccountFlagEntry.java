package org.schoolesia.school.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * R-FAM-5: a pupil account staff should look at — an adult's Госуслуги session tried to use it. One
 * row per account (the latest reason, first and last time, how often); staff see it on the card and
 * in the list until they clear it.
 */
@Entity
@Table(name = "SCHOOL_ACCOUNT_FLAG")
@NamedQuery(name = "AccountFlagEntry.count", query = "update AccountFlagEntry f set f.attempts = f.attempts + 1, f.lastAt = :now,"
        + " f.reason = :reason, f.esiaOid = :esiaOid where f.userId = :userId")
@NamedQuery(name = "AccountFlagEntry.ofUsers", query = "select f from AccountFlagEntry f where f.userId in :userIds")
@NamedQuery(name = "AccountFlagEntry.deleteByUser", query = "delete from AccountFlagEntry f where f.userId = :userId")
@NamedQuery(name = "AccountFlagEntry.deleteByRealm", query = "delete from AccountFlagEntry f where f.realmId = :realmId")
public class AccountFlagEntry {

    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "REASON", length = 64, nullable = false)
    private String reason;

    /** The ESIA person whose session it was, for the audit trail; never shown in the list. */
    @Column(name = "ESIA_OID", length = 32)
    private String esiaOid;

    @Column(name = "FIRST_AT", nullable = false)
    private long firstAt;

    @Column(name = "LAST_AT", nullable = false)
    private long lastAt;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    protected AccountFlagEntry() {
    }

    public AccountFlagEntry(String userId, String realmId, String reason, String esiaOid, long at) {
        this.userId = userId;
        this.realmId = realmId;
        this.reason = reason;
        this.esiaOid = esiaOid;
        this.firstAt = at;
        this.lastAt = at;
        this.attempts = 1;
    }

    public String getUserId() { return userId; }
    public String getRealmId() { return realmId; }
    public String getReason() { return reason; }
    public String getEsiaOid() { return esiaOid; }
    public long getFirstAt() { return firstAt; }
    public long getLastAt() { return lastAt; }
    public int getAttempts() { return attempts; }
}
