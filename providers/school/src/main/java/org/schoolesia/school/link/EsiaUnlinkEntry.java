package org.schoolesia.school.link;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Defect 5: an account was unlinked from an ESIA person. While the row exists, the SNILS rule never
 * links the two again; a staff authorisation or a staff link by oid removes it.
 */
@Entity
@Table(name = "SCHOOL_ESIA_UNLINK")
@IdClass(EsiaUnlinkEntry.Key.class)
@NamedQuery(name = "EsiaUnlinkEntry.deleteByUser", query = "delete from EsiaUnlinkEntry e where e.userId = :userId")
@NamedQuery(name = "EsiaUnlinkEntry.deleteByRealm", query = "delete from EsiaUnlinkEntry e where e.realmId = :realmId")
public class EsiaUnlinkEntry {

    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Id
    @Column(name = "ESIA_OID", length = 32)
    private String esiaOid;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Who unlinked: a staff member, a realm admin, or the account itself (account console). */
    @Column(name = "ACTOR_ID", length = 36)
    private String actorId;

    @Column(name = "UNLINKED_AT", nullable = false)
    private long unlinkedAt;

    protected EsiaUnlinkEntry() {
    }

    public EsiaUnlinkEntry(String userId, String esiaOid, String realmId, String actorId, long unlinkedAt) {
        this.userId = userId;
        this.esiaOid = esiaOid;
        this.realmId = realmId;
        this.actorId = actorId;
        this.unlinkedAt = unlinkedAt;
    }

    public String getUserId() { return userId; }
    public String getEsiaOid() { return esiaOid; }
    public String getRealmId() { return realmId; }
    public String getActorId() { return actorId; }
    public long getUnlinkedAt() { return unlinkedAt; }
    public void setActorId(String actorId) { this.actorId = actorId; }
    public void setUnlinkedAt(long unlinkedAt) { this.unlinkedAt = unlinkedAt; }

    /** The primary key (USER_ID, ESIA_OID). */
    public static class Key implements Serializable {
        private String userId;
        private String esiaOid;

        public Key() {
        }

        public Key(String userId, String esiaOid) {
            this.userId = userId;
            this.esiaOid = esiaOid;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(esiaOid, k.esiaOid);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, esiaOid);
        }
    }
}
