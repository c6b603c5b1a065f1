package org.schoolesia.school.family.proposals;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A child from a parent's Госуслуги list that matched a pupil (issue 12): proposed, then confirmed
 * or dismissed by staff of the pupil's home organisation. Unique per parent and pupil, so repeated
 * and concurrent logins make one row and a decision stays made. {@code ORG_ID}: the pupil's home
 * organisation when proposed, for the organisation's list; the decision checks the home again.
 */
@Entity
@Table(name = "SCHOOL_FAMILY_PROPOSAL")
@NamedQuery(name = "ProposalEntry.ofParent", query = "select e from ProposalEntry e"
        + " where e.parentId = :parentId order by e.createdAt, e.id")
@NamedQuery(name = "ProposalEntry.ofChild", query = "select e from ProposalEntry e"
        + " where e.childId = :childId order by e.createdAt, e.id")
@NamedQuery(name = "ProposalEntry.childrenOfParent", query = "select e.childId from ProposalEntry e where e.parentId = :parentId")
@NamedQuery(name = "ProposalEntry.ofOrganisation", query = "select e from ProposalEntry e"
        + " where e.orgId = :orgId and e.status = :status order by e.createdAt, e.id")
@NamedQuery(name = "ProposalEntry.decide", query = "update ProposalEntry e set e.status = :status, e.decidedAt = :now,"
        + " e.decidedBy = :actorId, e.reason = :reason where e.id = :id and e.status = :proposed")
@NamedQuery(name = "ProposalEntry.linked", query = "update ProposalEntry e set e.linkId = :linkId where e.id = :id")
@NamedQuery(name = "ProposalEntry.deleteOfAccount", query = "delete from ProposalEntry e"
        + " where e.parentId = :userId or e.childId = :userId")
@NamedQuery(name = "ProposalEntry.deleteByRealm", query = "delete from ProposalEntry e where e.realmId = :realmId")
public class ProposalEntry {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "PARENT_ID", length = 36, nullable = false)
    private String parentId;

    @Column(name = "CHILD_ID", length = 36, nullable = false)
    private String childId;

    @Column(name = "ORG_ID", length = 36)
    private String orgId;

    @Column(name = "BASIS", length = 16, nullable = false)
    private String basis;

    @Column(name = "KID_OID", length = 64)
    private String kidOid;

    @Column(name = "KID_LAST_NAME", length = 255)
    private String kidLastName;

    @Column(name = "KID_FIRST_NAME", length = 255)
    private String kidFirstName;

    @Column(name = "KID_MIDDLE_NAME", length = 255)
    private String kidMiddleName;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "DECIDED_BY", length = 36)
    private String decidedBy;

    /** Why staff dismissed it. */
    @Column(name = "REASON", length = 500)
    private String reason;

    /** The family link a confirmation made (or found). */
    @Column(name = "LINK_ID", length = 36)
    private String linkId;

    protected ProposalEntry() {
    }

    ProposalEntry(String id, String realmId, String parentId, String childId, String orgId, ChildMatch.Basis basis, String kidOid,
                  String kidLastName, String kidFirstName, String kidMiddleName, long createdAt) {
        this.id = id;
        this.realmId = realmId;
        this.parentId = parentId;
        this.childId = childId;
        this.orgId = orgId;
        this.basis = basis.code();
        this.kidOid = kidOid;
        this.kidLastName = cut(kidLastName);
        this.kidFirstName = cut(kidFirstName);
        this.kidMiddleName = cut(kidMiddleName);
        this.status = ProposalStatus.PROPOSED.code();
        this.createdAt = createdAt;
    }

    private static String cut(String s) {
        return s == null || s.length() <= 255 ? s : s.substring(0, 255);
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

    public String getOrgId() {
        return orgId;
    }

    public String getBasis() {
        return basis;
    }

    public String getKidOid() {
        return kidOid;
    }

    public String getKidLastName() {
        return kidLastName;
    }

    public String getKidFirstName() {
        return kidFirstName;
    }

    public String getKidMiddleName() {
        return kidMiddleName;
    }

    public String getStatus() {
        return status;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public Long getDecidedAt() {
        return decidedAt;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public String getReason() {
        return reason;
    }

    public String getLinkId() {
        return linkId;
    }
}
