package org.schoolesia.school.certificates;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One certificate of supplementary education (R-CERT-3/4): whose, its number and term, who asked
 * for it, and its last status change (who, in which authorised organisation, why); every change is
 * also an audit event ({@link CertificateAudit}). {@code RETIRED_AT} is 0 until revoked, so the
 * unique key (child, retiredAt) keeps one standing certificate per child.
 */
@Entity
@Table(name = "SCHOOL_CERTIFICATE")
@NamedQuery(name = "CertificateEntry.standingOfChild", query = "select e from CertificateEntry e"
        + " where e.childId = :childId and e.retiredAt = 0")
@NamedQuery(name = "CertificateEntry.standingOfChildren", query = "select e from CertificateEntry e"
        + " where e.childId in :childIds and e.retiredAt = 0")
// Tokens and the parent's answer (issue 13): a parent's active children with what the rule needs — names, birth
// date, home organisation's id, standing certificate — in ONE query led by the links' index on the parent.
@NamedQuery(name = "CertificateEntry.childrenOfParent", query = "select l.childId, u.lastName, u.firstName, m.value, b.value, o.id, c"
        + " from FamilyLinkEntry l join UserEntity u on u.id = l.childId and u.realmId = l.realmId"
        + " left join UserAttributeEntity m on m.user = u and m.name = :middleName"
        + " left join UserAttributeEntity b on b.user = u and b.name = :birthdate"
        + " left join UserAttributeEntity h on h.user = u and h.name = :home"
        + " left join OrganizationEntity o on o.realmId = l.realmId and o.alias = h.value"
        + " left join CertificateEntry c on c.childId = l.childId and c.retiredAt = 0"
        + " where l.parentId = :parentId and l.realmId = :realmId and l.revokedAt = 0 order by l.createdAt, l.id")
@NamedQuery(name = "CertificateEntry.byNumber", query = "select e from CertificateEntry e"
        + " where e.realmId = :realmId and e.number = :number")
@NamedQuery(name = "CertificateEntry.change", query = "update CertificateEntry e set e.status = :to, e.changedAt = :now,"
        + " e.changedBy = :actorId, e.changedInOrg = :orgId, e.changeReason = :reason, e.retiredAt = :retiredAt"
        + " where e.id = :id and e.retiredAt = 0 and e.status in :from")
@NamedQuery(name = "CertificateEntry.deleteOfAccount", query = "delete from CertificateEntry e where e.childId = :userId")
@NamedQuery(name = "CertificateEntry.deleteByRealm", query = "delete from CertificateEntry e where e.realmId = :realmId")
public class CertificateEntry {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "CHILD_ID", length = 36, nullable = false)
    private String childId;

    @Column(name = "NUMBER", length = 20, nullable = false)
    private String number;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    /** ISO yyyy-MM-dd, a date without zone (the organisation's calendar day). */
    @Column(name = "VALID_FROM", length = 10, nullable = false)
    private String validFrom;

    @Column(name = "VALID_TO", length = 10, nullable = false)
    private String validTo;

    @Column(name = "ISSUED_AT", nullable = false)
    private long issuedAt;

    /** The applicant: the pupil themselves or the parent (R-CERT-1/2). */
    @Column(name = "ISSUED_BY", length = 36, nullable = false)
    private String issuedBy;

    @Column(name = "CHANGED_AT")
    private Long changedAt;

    @Column(name = "CHANGED_BY", length = 36)
    private String changedBy;

    /** The authorised organisation the staff member acted for (R-CERT-4). */
    @Column(name = "CHANGED_IN_ORG", length = 36)
    private String changedInOrg;

    @Column(name = "CHANGE_REASON", length = 500)
    private String changeReason;

    @Column(name = "RETIRED_AT", nullable = false)
    private long retiredAt;

    protected CertificateEntry() {
    }

    CertificateEntry(String id, String realmId, String childId, String number, CertificateTerm term, long issuedAt, String issuedBy) {
        this.id = id;
        this.realmId = realmId;
        this.childId = childId;
        this.number = number;
        this.status = CertificateStatus.INACTIVE.code();
        this.validFrom = term.start().toString();
        this.validTo = term.end().toString();
        this.issuedAt = issuedAt;
        this.issuedBy = issuedBy;
        this.retiredAt = 0;
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

    public String getNumber() {
        return number;
    }

    public String getStatus() {
        return status;
    }

    public String getValidFrom() {
        return validFrom;
    }

    public String getValidTo() {
        return validTo;
    }

    public long getIssuedAt() {
        return issuedAt;
    }

    public String getIssuedBy() {
        return issuedBy;
    }

    public Long getChangedAt() {
        return changedAt;
    }

    public String getChangedBy() {
        return changedBy;
    }

    public String getChangedInOrg() {
        return changedInOrg;
    }

    public String getChangeReason() {
        return changeReason;
    }

    public long getRetiredAt() {
        return retiredAt;
    }
}
