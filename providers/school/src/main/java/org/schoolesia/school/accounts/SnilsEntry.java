package org.schoolesia.school.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One account's SNILS, in a table of our own: Keycloak 26 searches user attributes with
 * {@code lower(value)}, which no index covers (about 300 ms at 200 k users on PostgreSQL).
 * The user's {@code snils} attribute stays the truth; this row makes it findable by index.
 */
@Entity
@Table(name = "SCHOOL_SNILS")
@NamedQuery(name = "SnilsEntry.findBySnils", query = "select e from SnilsEntry e where e.realmId = :realmId and e.snils = :snils")
@NamedQuery(name = "SnilsEntry.deleteByUser", query = "delete from SnilsEntry e where e.userId = :userId")
@NamedQuery(name = "SnilsEntry.deleteByRealm", query = "delete from SnilsEntry e where e.realmId = :realmId")
public class SnilsEntry {

    /** The user id: one SNILS per account. */
    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SNILS", length = 11, nullable = false)
    private String snils;

    protected SnilsEntry() {
    }

    public SnilsEntry(String userId, String realmId, String snils) {
        this.userId = userId;
        this.realmId = realmId;
        this.snils = snils;
    }

    public String getUserId() {
        return userId;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getSnils() {
        return snils;
    }

    public void setSnils(String snils) {
        this.snils = snils;
    }
}
