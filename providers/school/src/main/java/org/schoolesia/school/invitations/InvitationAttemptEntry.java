package org.schoolesia.school.invitations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Redemption attempts of one parent account or one client address in the current window (R-FAM-2:
 * guessing codes must stop cluster-wide). Counted in the database by conditional updates only
 * ({@link RedemptionAttempts}): an attempt is taken when the count is below the limit in the same
 * statement, so parallel posts on any node cannot slip past it.
 */
@Entity
@Table(name = "SCHOOL_INVITATION_ATTEMPT")
@NamedQuery(name = "InvitationAttemptEntry.takeInWindow", query = "update InvitationAttemptEntry a set a.attempts = a.attempts + 1"
        + " where a.id = :id and a.windowStart > :windowOpen and a.attempts < :max")
@NamedQuery(name = "InvitationAttemptEntry.takeNewWindow", query = "update InvitationAttemptEntry a set a.attempts = 1, a.windowStart = :now"
        + " where a.id = :id and a.windowStart <= :windowOpen")
@NamedQuery(name = "InvitationAttemptEntry.giveBack", query = "update InvitationAttemptEntry a set a.attempts = a.attempts - 1"
        + " where a.id = :id and a.attempts > 0")
@NamedQuery(name = "InvitationAttemptEntry.deleteStale", query = "delete from InvitationAttemptEntry a"
        + " where a.realmId = :realmId and a.windowStart < :before")
@NamedQuery(name = "InvitationAttemptEntry.deleteByRealm", query = "delete from InvitationAttemptEntry a where a.realmId = :realmId")
public class InvitationAttemptEntry {

    /** {@code <realm id>:p:<user id>} or {@code <realm id>:a:<address>}. */
    @Id
    @Column(name = "ID", length = 128)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "WINDOW_START", nullable = false)
    private long windowStart;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    protected InvitationAttemptEntry() {
    }

    InvitationAttemptEntry(String id, String realmId, long windowStart) {
        this.id = id;
        this.realmId = realmId;
        this.windowStart = windowStart;
        this.attempts = 1;
    }

    public String getId() {
        return id;
    }

    public int getAttempts() {
        return attempts;
    }

    public long getWindowStart() {
        return windowStart;
    }
}
