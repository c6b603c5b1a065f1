package org.schoolesia.school.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One account's SNILS, in a table of our own: Keycloak 26 searches user attributes with
 * {@code lower(value)}, which no index covers (about 300 ms at 200 k users on PostgreSQL).
 * The user's {@code snils} attribute stays the truth; this row makes it findable by index, and holds
 * only the SNILS's keyed hash ({@code SnilsHash}, issue 14), never its digits.
 */
@Entity
@Table(name = "SCHOOL_SNILS")
@NamedQuery(name = "SnilsEntry.findBySnils", query = "select e from SnilsEntry e where e.realmId = :realmId and e.snilsHash = :snilsHash")
@NamedQuery(name = "SnilsEntry.deleteByUser", query = "delete from SnilsEntry e where e.userId = :userId")
@NamedQuery(name = "SnilsEntry.deleteByRealm", query = "delete from SnilsEntry e where e.realmId = :realmId")
public class SnilsEntry {

    /** The user id: one SNILS per account. */
    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SNILS_HASH", length = 64)
    private String snilsHash;

    protected SnilsEntry() {
    }

    public SnilsEntry(String userId, String realmId, String snilsHash) {
        this.userId = userId;
        this.realmId = realmId;
        this.snilsHash = snilsHash;
    }

    public String getUserId() {
        return userId;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getSnilsHash() {
        return snilsHash;
    }

    public void setSnilsHash(String snilsHash) {
        this.snilsHash = snilsHash;
    }
}
