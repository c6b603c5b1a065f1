package org.schoolesia.school.family;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One parent's SNILS on a child's card («Родители и представители», R-FAM-3), on the card or removed
 * from it: who put it there and when, who removed it, and how many links the removal revoked.
 * {@code REMOVED_AT} is 0 while it is on the card (unique with the child and the SNILS). The SNILS is
 * kept as its keyed hash (found by it at a parent's login) and its masked form (what staff see),
 * never its digits (issue 14).
 */
@Entity
@Table(name = "SCHOOL_CARD_PARENT_SNILS")
@NamedQuery(name = "CardSnilsEntry.activeOfChild", query = "select e from CardSnilsEntry e"
        + " where e.childId = :childId and e.removedAt = 0 order by e.addedAt, e.id")
@NamedQuery(name = "CardSnilsEntry.historyOfChild", query = "select e from CardSnilsEntry e"
        + " where e.childId = :childId order by e.addedAt desc, e.id")
@NamedQuery(name = "CardSnilsEntry.activeBySnils", query = "select e from CardSnilsEntry e"
        + " where e.realmId = :realmId and e.snilsHash = :snilsHash and e.removedAt = 0 order by e.addedAt, e.id")
@NamedQuery(name = "CardSnilsEntry.remove", query = "update CardSnilsEntry e set e.removedAt = :now, e.removedBy = :actorId"
        + " where e.id = :id and e.removedAt = 0")
@NamedQuery(name = "CardSnilsEntry.revokedLinks", query = "update CardSnilsEntry e set e.revokedLinks = :count where e.id = :id")
@NamedQuery(name = "CardSnilsEntry.deleteOfChild", query = "delete from CardSnilsEntry e where e.childId = :childId")
@NamedQuery(name = "CardSnilsEntry.deleteByRealm", query = "delete from CardSnilsEntry e where e.realmId = :realmId")
public class CardSnilsEntry {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CHILD_ID", length = 36, nullable = false)
    private String childId;

    /** The keyed hash of the eleven digits ({@code SnilsHash}). */
    @Column(name = "SNILS_HASH", length = 64)
    private String snilsHash;

    /** As staff see it: {@code ***-***-*** 95}. */
    @Column(name = "SNILS_MASKED", length = 14)
    private String snilsMasked;

    @Column(name = "ADDED_BY", length = 36)
    private String addedBy;

    @Column(name = "ADDED_AT", nullable = false)
    private long addedAt;

    @Column(name = "REMOVED_AT", nullable = false)
    private long removedAt;

    @Column(name = "REMOVED_BY", length = 36)
    private String removedBy;

    @Column(name = "REVOKED_LINKS", nullable = false)
    private int revokedLinks;

    protected CardSnilsEntry() {
    }

    CardSnilsEntry(String id, String realmId, String childId, String snilsHash, String snilsMasked, String addedBy, long addedAt) {
        this.id = id;
        this.realmId = realmId;
        this.childId = childId;
        this.snilsHash = snilsHash;
        this.snilsMasked = snilsMasked;
        this.addedBy = addedBy;
        this.addedAt = addedAt;
    }

    public String getId() {
        return id;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getChildId() {
        return childId;
    }

    public String getSnilsHash() {
        return snilsHash;
    }

    public String getSnilsMasked() {
        return snilsMasked;
    }

    public String getAddedBy() {
        return addedBy;
    }

    public long getAddedAt() {
        return addedAt;
    }

    public long getRemovedAt() {
        return removedAt;
    }

    public String getRemovedBy() {
        return removedBy;
    }

    public int getRevokedLinks() {
        return revokedLinks;
    }
}
