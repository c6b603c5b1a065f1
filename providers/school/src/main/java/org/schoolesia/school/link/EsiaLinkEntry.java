package org.schoolesia.school.link;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One school account's link to an ESIA person. Keycloak's own broker link allows one account per
 * (identity provider, ESIA oid); a person here may hold several (parent at one school, staff at
 * another), so this table is the truth and Keycloak's link only points at the account entered last.
 */
@Entity
@Table(name = "SCHOOL_ESIA_LINK")
// Ids only: a login's lookup needs no managed entities (nothing to instantiate, track or dirty-check at commit).
@NamedQuery(name = "EsiaLinkEntry.userIdsByOid", query = "select e.userId from EsiaLinkEntry e where e.realmId = :realmId and e.esiaOid = :oid")
@NamedQuery(name = "EsiaLinkEntry.deleteByUser", query = "delete from EsiaLinkEntry e where e.userId = :userId")
@NamedQuery(name = "EsiaLinkEntry.deleteByRealm", query = "delete from EsiaLinkEntry e where e.realmId = :realmId")
@NamedQuery(name = "EsiaLinkEntry.claimPending", query = "update EsiaLinkEntry e set e.esiaOid = :oid, e.createdAt = :now,"
        + " e.method = :method where e.userId = :userId and e.esiaOid is null")
public class EsiaLinkEntry {

    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Null while a staff authorisation waits for the person's ESIA login. */
    @Column(name = "ESIA_OID", length = 32)
    private String esiaOid;

    @Column(name = "METHOD", length = 16, nullable = false)
    private String method;

    /** The staff member who linked or authorised; null when the person linked themselves. */
    @Column(name = "ACTOR_ID", length = 36)
    private String actorId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    protected EsiaLinkEntry() {
    }

    public EsiaLinkEntry(String userId, String realmId, String esiaOid, String method, String actorId, long createdAt) {
        this.userId = userId;
        this.realmId = realmId;
        this.esiaOid = esiaOid;
        this.method = method;
        this.actorId = actorId;
        this.createdAt = createdAt;
    }

    public String getUserId() {
        return userId;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getEsiaOid() {
        return esiaOid;
    }

    public String getMethod() {
        return method;
    }

    public String getActorId() {
        return actorId;
    }

    public long getCreatedAt() {
        return createdAt;
    }
}
