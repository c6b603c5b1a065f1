package org.schoolesia.school.requests;

import java.time.Clock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.schoolesia.school.kernel.PersonFields;

/**
 * An access request «Обратиться в организацию» (R-REQ-1..4): what ESIA said about the person (and
 * the child they named) when they filed it, where they sent it, and the one decision made on it.
 * {@code PENDING_KEY} is unique: (realm, organisation, role, person) while the request waits, so
 * a person has one pending request per organisation and role however many tabs file at once; a
 * decision turns it into {@code decided:<id>} (not null: some databases allow a single null in a
 * unique column).
 *
 * <p>Defect 6: every text setter bounds its value by its column ({@link PersonFields}), so ESIA data
 * or a form that is too long can never fail the filing with "value too long"; identifiers (SNILS,
 * certificate) are kept whole or dropped, birth dates only when plausible.
 */
@Entity
@Table(name = "SCHOOL_ACCESS_REQUEST")
@NamedQuery(name = "AccessRequestEntry.byPendingKey", query = "select r from AccessRequestEntry r where r.pendingKey = :key")
@NamedQuery(name = "AccessRequestEntry.pendingOfPerson", query = "select r from AccessRequestEntry r"
        + " where r.realmId = :realmId and r.esiaOid = :oid and r.status = 'pending' order by r.createdAt")
@NamedQuery(name = "AccessRequestEntry.decidedOfPerson", query = "select r from AccessRequestEntry r"
        + " where r.realmId = :realmId and r.esiaOid = :oid and r.status = :status and r.decidedAt >= :since order by r.decidedAt desc")
@NamedQuery(name = "AccessRequestEntry.byIdInOrganisation", query = "select r from AccessRequestEntry r"
        + " where r.id = :id and r.realmId = :realmId and r.organisationId = :orgId")
@NamedQuery(name = "AccessRequestEntry.decide", query = "update AccessRequestEntry r set r.status = :status, r.decidedAt = :now,"
        + " r.decidedBy = :staffId, r.decisionComment = :comment, r.accountId = :accountId, r.pendingKey = concat('decided:', r.id)"
        + " where r.id = :id and r.organisationId = :orgId and r.status = 'pending'")
/* The person's own page (issue 11): requests filed with the caller's linked ESIA person, or with the SNILS on their card. */
@NamedQuery(name = "AccessRequestEntry.ofEsiaPerson", query = "select r from AccessRequestEntry r"
        + " where r.realmId = :realmId and r.esiaOid = :oid order by r.createdAt desc")
@NamedQuery(name = "AccessRequestEntry.ofSnils", query = "select r from AccessRequestEntry r"
        + " where r.realmId = :realmId and r.snilsHash = :snilsHash order by r.createdAt desc")
@NamedQuery(name = "AccessRequestEntry.deleteByRealm", query = "delete from AccessRequestEntry r where r.realmId = :realmId")
@NamedQuery(name = "AccessRequestEntry.purgeDecided", query = "delete from AccessRequestEntry r where r.realmId = :realmId"
        + " and r.decidedAt < :before and r.status <> :pending")
@NamedQuery(name = "AccessRequestEntry.countOverdue", query = "select count(r) from AccessRequestEntry r where r.realmId = :realmId"
        + " and r.status = :pending and r.createdAt < :before")
public class AccessRequestEntry {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** {@code 123-456-785}: unique in the realm, see RequestNumber. */
    @Column(name = "NUMBER", length = 11, nullable = false)
    private String number;

    @Column(name = "ORG_ID", length = 36, nullable = false)
    private String organisationId;

    @Column(name = "CLASS_ID", length = 36)
    private String classId;

    /** The class name as it was when filed, for lists and filters without a join. */
    @Column(name = "CLASS_NAME", length = 255)
    private String className;

    @Column(name = "ROLE", length = 16, nullable = false)
    private String role;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "ESIA_OID", length = 32, nullable = false)
    private String esiaOid;

    @Column(name = "LAST_NAME", length = 255)
    private String lastName;

    @Column(name = "FIRST_NAME", length = 255)
    private String firstName;

    @Column(name = "MIDDLE_NAME", length = 255)
    private String middleName;

    /** ISO yyyy-MM-dd, as ESIA gave it. */
    @Column(name = "BIRTH_DATE", length = 10)
    private String birthDate;

    @Column(name = "EMAIL", length = 255)
    private String email;

    /**
     * Eleven digits as ESIA sent them: the request's content (shown to staff masked, put on the
     * account made on approval). Never looked up by: that is {@link #snilsHash}'s job (issue 14).
     */
    @Column(name = "SNILS", length = 11)
    private String snils;

    /** The SNILS's keyed hash ({@code SnilsHash}): the person's own page finds the request by it. */
    @Column(name = "SNILS_HASH", length = 64)
    private String snilsHash;

    @Column(name = "TRUSTED", nullable = false)
    private boolean trusted;

    @Column(name = "CHILD_OID", length = 32)
    private String childOid;

    @Column(name = "CHILD_LAST_NAME", length = 255)
    private String childLastName;

    @Column(name = "CHILD_FIRST_NAME", length = 255)
    private String childFirstName;

    @Column(name = "CHILD_MIDDLE_NAME", length = 255)
    private String childMiddleName;

    @Column(name = "CHILD_BIRTH_DATE", length = 10)
    private String childBirthDate;

    @Column(name = "CHILD_SNILS", length = 11)
    private String childSnils;

    /** «Серия номер» of the child's birth certificate when ESIA shared it. */
    @Column(name = "CHILD_CERTIFICATE", length = 64)
    private String childCertificate;

    @Column(name = "PERSON_COMMENT", length = 4000)
    private String comment;

    /** The language the person filed in: their e-mail is written in it. */
    @Column(name = "LOCALE", length = 8)
    private String locale;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "DECIDED_BY", length = 36)
    private String decidedBy;

    @Column(name = "DECISION_COMMENT", length = 4000)
    private String decisionComment;

    /** The account linked (or created) by the resolving decision. */
    @Column(name = "ACCOUNT_ID", length = 36)
    private String accountId;

    @Column(name = "PENDING_KEY", length = 120)
    private String pendingKey;

    protected AccessRequestEntry() {
    }

    public AccessRequestEntry(String id, String realmId, String number, String organisationId, String role, String esiaOid,
                              long createdAt) {
        this.id = id;
        this.realmId = realmId;
        this.number = number;
        this.organisationId = organisationId;
        this.role = role;
        this.esiaOid = esiaOid;
        this.createdAt = createdAt;
        this.status = "pending";
    }

    public String getId() { return id; }
    public String getRealmId() { return realmId; }
    public String getNumber() { return number; }
    public void setNumber(String number) { this.number = number; }
    public String getOrganisationId() { return organisationId; }
    public String getClassId() { return classId; }
    public void setClassId(String classId) { this.classId = classId; }
    public String getClassName() { return className; }
    public void setClassName(String className) { this.className = PersonFields.bounded(className, 255); }
    public String getRole() { return role; }
    public String getStatus() { return status; }
    public String getEsiaOid() { return esiaOid; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = PersonFields.bounded(lastName, 255); }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = PersonFields.bounded(firstName, 255); }
    public String getMiddleName() { return middleName; }
    public void setMiddleName(String middleName) { this.middleName = PersonFields.bounded(middleName, 255); }
    public String getBirthDate() { return birthDate; }
    public void setBirthDate(String birthDate) { this.birthDate = PersonFields.birthDate(birthDate, Clock.systemUTC()).map(Object::toString).orElse(null); }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = PersonFields.wholeOrNothing(email, 255); }
    public String getSnils() { return snils; }
    public String getSnilsHash() { return snilsHash; }
    public void setSnilsHash(String snilsHash) { this.snilsHash = snilsHash; }
    public void setSnils(String snils) { this.snils = PersonFields.wholeOrNothing(snils, 11); }
    public boolean isTrusted() { return trusted; }
    public void setTrusted(boolean trusted) { this.trusted = trusted; }
    public String getChildOid() { return childOid; }
    public void setChildOid(String childOid) { this.childOid = PersonFields.wholeOrNothing(childOid, 32); }
    public String getChildLastName() { return childLastName; }
    public void setChildLastName(String childLastName) { this.childLastName = PersonFields.bounded(childLastName, 255); }
    public String getChildFirstName() { return childFirstName; }
    public void setChildFirstName(String childFirstName) { this.childFirstName = PersonFields.bounded(childFirstName, 255); }
    public String getChildMiddleName() { return childMiddleName; }
    public void setChildMiddleName(String childMiddleName) { this.childMiddleName = PersonFields.bounded(childMiddleName, 255); }
    public String getChildBirthDate() { return childBirthDate; }
    public void setChildBirthDate(String childBirthDate) { this.childBirthDate = PersonFields.birthDate(childBirthDate, Clock.systemUTC()).map(Object::toString).orElse(null); }
    public String getChildSnils() { return childSnils; }
    public void setChildSnils(String childSnils) { this.childSnils = PersonFields.wholeOrNothing(childSnils, 11); }
    public String getChildCertificate() { return childCertificate; }
    public void setChildCertificate(String childCertificate) { this.childCertificate = PersonFields.wholeOrNothing(childCertificate, 64); }
    public String getComment() { return comment; }
    public void setComment(String comment) { this.comment = PersonFields.bounded(comment, 4000); }
    public String getLocale() { return locale; }
    public void setLocale(String locale) { this.locale = PersonFields.wholeOrNothing(locale, 8); }
    public long getCreatedAt() { return createdAt; }
    public Long getDecidedAt() { return decidedAt; }
    public String getDecidedBy() { return decidedBy; }
    public String getDecisionComment() { return decisionComment; }
    public String getAccountId() { return accountId; }
    public String getPendingKey() { return pendingKey; }
    public void setPendingKey(String pendingKey) { this.pendingKey = pendingKey; }
}
