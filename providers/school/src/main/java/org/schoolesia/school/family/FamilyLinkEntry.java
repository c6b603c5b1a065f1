package org.schoolesia.school.family;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One parent–child link (R-FAM-1), active or revoked: who, how ({@link LinkSource}), by whom and
 * when; revoking keeps the row. {@code REVOKED_AT} is 0 while the link is active, so the unique key
 * (parent, child, revokedAt) admits one active link per pair whoever races to make it.
 */
@Entity
@Table(name = "SCHOOL_FAMILY_LINK")
@NamedQuery(name = "FamilyLinkEntry.activeOfChild", query = "select e from FamilyLinkEntry e"
        + " where e.childId = :childId and e.revokedAt = 0 order by e.createdAt, e.id")
@NamedQuery(name = "FamilyLinkEntry.activeOfParent", query = "select e from FamilyLinkEntry e"
        + " where e.parentId = :parentId and e.revokedAt = 0 order by e.createdAt, e.id")
@NamedQuery(name = "FamilyLinkEntry.activePair", query = "select e from FamilyLinkEntry e"
        + " where e.parentId = :parentId and e.childId = :childId and e.revokedAt = 0")
@NamedQuery(name = "FamilyLinkEntry.historyOfChild", query = "select e from FamilyLinkEntry e"
        + " where e.childId = :childId order by e.revokedAt, e.createdAt, e.id")
@NamedQuery(name = "FamilyLinkEntry.historyOfParent", query = "select e from FamilyLinkEntry e"
        + " where e.parentId = :parentId order by e.revokedAt, e.createdAt, e.id")
@NamedQuery(name = "FamilyLinkEntry.revoke", query = "update FamilyLinkEntry e set e.revokedAt = :now, e.revokedBy = :actorId"
        + " where e.id = :id and e.revokedAt = 0")
@NamedQuery(name = "FamilyLinkEntry.lastRevokedOfPair", query = "select max(e.revokedAt) from FamilyLinkEntry e"
        + " where e.parentId = :parentId and e.childId = :childId")
// A parent's login (issue 14): every pair of the parent, active (revoked at 0) or revoked, in one indexed query.
@NamedQuery(name = "FamilyLinkEntry.pairsOfParent", query = "select e.childId, e.revokedAt from FamilyLinkEntry e where e.parentId = :parentId")
// A returning parent's R-FAM-1 check (issue 14): every child the parent was ever linked to, with the card's role and
// SNILS, in one query; loading those accounts through Keycloak's user cache cost a query per school membership each.
@NamedQuery(name = "FamilyLinkEntry.childrenOfParentWithRoleAndSnils", query = "select e.childId, r.value, s.value"
        + " from FamilyLinkEntry e left join UserEntity u on u.id = e.childId and u.realmId = e.realmId"
        + " left join UserAttributeEntity r on r.user = u and r.name = :roleAttribute"
        + " left join UserAttributeEntity s on s.user = u and s.name = :snilsAttribute"
        + " where e.parentId = :parentId")
@NamedQuery(name = "FamilyLinkEntry.deleteOfAccount", query = "delete from FamilyLinkEntry e"
        + " where e.parentId = :userId or e.childId = :userId")
// Token claims (issue 13): a parent's active children with their names in one indexed query (parent, revoked-at).
@NamedQuery(name = "FamilyLinkEntry.activeChildrenNamed", query = "select e.childId, u.lastName, u.firstName, a.value"
        + " from FamilyLinkEntry e join UserEntity u on u.id = e.childId and u.realmId = e.realmId"
        + " left join UserAttributeEntity a on a.user = u and a.name = :middleName"
        + " where e.parentId = :parentId and e.realmId = :realmId and e.revokedAt = 0 order by e.createdAt, e.id")
@NamedQuery(name = "FamilyLinkEntry.deleteByRealm", query = "delete from FamilyLinkEntry e where e.realmId = :realmId")
public class FamilyLinkEntry {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "PARENT_ID", length = 36, nullable = false)
    private String parentId;

    @Column(name = "CHILD_ID", length = 36, nullable = false)
    private String childId;

    @Column(name = "KIND", length = 24, nullable = false)
    private String kind;

    @Column(name = "SOURCE", length = 16, nullable = false)
    private String source;

    /** The staff member who made it; null when the parent's own login or code made it, or it was imported. */
    @Column(name = "CREATED_BY", length = 36)
    private String createdBy;

    /** Null for links migrated from the {@code parentIds} attribute: nobody recorded when. */
    @Column(name = "CREATED_AT")
    private Long createdAt;

    @Column(name = "REVOKED_AT", nullable = false)
    private long revokedAt;

    @Column(name = "REVOKED_BY", length = 36)
    private String revokedBy;

    protected FamilyLinkEntry() {
    }

    FamilyLinkEntry(String id, String realmId, String parentId, String childId, LinkKind kind, LinkSource source, String createdBy,
                    long createdAt) {
        this.id = id;
        this.realmId = realmId;
        this.parentId = parentId;
        this.childId = childId;
        this.kind = kind.code();
        this.source = source.code();
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.revokedAt = 0;
    }

    public String getId() {
        return id;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getParentId() {
        return parentId;
    }

    public String getChildId() {
        return childId;
    }

    public String getKind() {
        return kind;
    }

    public String getSource() {
        return source;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Long getCreatedAt() {
        return createdAt;
    }

    public long getRevokedAt() {
        return revokedAt;
    }

    public String getRevokedBy() {
        return revokedBy;
    }
}
