package org.schoolesia.school.invitations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One invitation code (R-FAM-2) as stored: never the code, only its keyed hash ({@link CodeHasher}),
 * bound to the child and the organisation whose staff issued it. A child has at most
 * {@link InvitationSettings#perChild()} rows, one per {@code SLOT}: the unique key (child, slot)
 * makes the limit hold whoever issues at once, and a slot whose code was used, withdrawn or has
 * expired is reissued in place. {@code USED_AT} is 0 until a parent redeems it, and redeeming is one
 * conditional update from 0, so of two parents racing with one code exactly one wins.
 */
@Entity
@Table(name = "SCHOOL_INVITATION_CODE")
@NamedQuery(name = "InvitationCodeEntry.byHashes", query = "select c from InvitationCodeEntry c"
        + " where c.codeHash in :hashes and c.realmId = :realmId")
@NamedQuery(name = "InvitationCodeEntry.ofChild", query = "select c from InvitationCodeEntry c where c.childId = :childId order by c.slot")
@NamedQuery(name = "InvitationCodeEntry.reissue", query = "update InvitationCodeEntry c set c.codeHash = :hash, c.orgId = :orgId,"
        + " c.issuedBy = :issuedBy, c.issuedAt = :now, c.expiresAt = :expiresAt, c.usedAt = 0, c.usedBy = null"
        + " where c.childId = :childId and c.slot = :slot and (c.usedAt <> 0 or c.expiresAt <= :now)")
@NamedQuery(name = "InvitationCodeEntry.redeem", query = "update InvitationCodeEntry c set c.usedAt = :now, c.usedBy = :parentId"
        + " where c.id = :id and c.usedAt = 0 and c.expiresAt > :now")
@NamedQuery(name = "InvitationCodeEntry.withdrawOfChild", query = "update InvitationCodeEntry c set c.expiresAt = :now"
        + " where c.childId = :childId and c.usedAt = 0 and c.expiresAt > :now")
@NamedQuery(name = "InvitationCodeEntry.deleteOfAccount", query = "delete from InvitationCodeEntry c where c.childId = :userId")
@NamedQuery(name = "InvitationCodeEntry.deleteByRealm", query = "delete from InvitationCodeEntry c where c.realmId = :realmId")
public class InvitationCodeEntry {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Hex HMAC-SHA-256 of the canonical code under the realm's key: the code itself is never stored. */
    @Column(name = "CODE_HASH", length = 64, nullable = false)
    private String codeHash;

    @Column(name = "CHILD_ID", length = 36, nullable = false)
    private String childId;

    @Column(name = "SLOT", nullable = false)
    private int slot;

    /** The organisation whose staff issued the code: the child's home organisation then. */
    @Column(name = "ORG_ID", length = 36, nullable = false)
    private String orgId;

    @Column(name = "ISSUED_BY", length = 36, nullable = false)
    private String issuedBy;

    @Column(name = "ISSUED_AT", nullable = false)
    private long issuedAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "USED_AT", nullable = false)
    private long usedAt;

    @Column(name = "USED_BY", length = 36)
    private String usedBy;

    protected InvitationCodeEntry() {
    }

    InvitationCodeEntry(String id, String realmId, String codeHash, String childId, int slot, String orgId, String issuedBy, long issuedAt,
                        long expiresAt) {
        this.id = id;
        this.realmId = realmId;
        this.codeHash = codeHash;
        this.childId = childId;
        this.slot = slot;
        this.orgId = orgId;
        this.issuedBy = issuedBy;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.usedAt = 0;
    }

    public String getId() {
        return id;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getCodeHash() {
        return codeHash;
    }

    public String getChildId() {
        return childId;
    }

    public int getSlot() {
        return slot;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getIssuedBy() {
        return issuedBy;
    }

    public long getIssuedAt() {
        return issuedAt;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public long getUsedAt() {
        return usedAt;
    }

    public String getUsedBy() {
        return usedBy;
    }
}
