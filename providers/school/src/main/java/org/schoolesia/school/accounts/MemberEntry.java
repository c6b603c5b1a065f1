package org.schoolesia.school.accounts;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One parent's or student's membership of one organisation, with the fields the staff list
 * filters and sorts on, in a table of our own: Keycloak's tables cannot answer «members of this
 * organisation with this role and surname prefix» by index (role is a user attribute, the surname
 * prefix needs {@code lower()} on USER_ENTITY), which cost ~500 ms of PostgreSQL CPU per page at
 * 200 k users. Keycloak's organisation membership and the user's fields stay the truth; this row
 * only makes them findable (see {@code MemberIndex}).
 */
@Entity
@Table(name = "SCHOOL_MEMBER")
@IdClass(MemberEntry.Key.class)
@NamedQuery(name = "MemberEntry.byUser", query = "select e from MemberEntry e where e.userId = :userId")
@NamedQuery(name = "MemberEntry.deleteByUser", query = "delete from MemberEntry e where e.userId = :userId")
@NamedQuery(name = "MemberEntry.deleteByOrg", query = "delete from MemberEntry e where e.orgId = :orgId")
@NamedQuery(name = "MemberEntry.deleteByRealm", query = "delete from MemberEntry e where e.realmId = :realmId")
@NamedQuery(name = "MemberEntry.count", query = "select count(e) from MemberEntry e where e.orgId = :orgId and e.role in :roles")
@NamedQuery(name = "MemberEntry.countBySurname", query = "select count(e) from MemberEntry e"
        + " where e.orgId = :orgId and e.role in :roles and e.surnameKey like :prefix escape '\\'")
@NamedQuery(name = "MemberEntry.page", query = "select e.userId, e.lastName, e.firstName from MemberEntry e"
        + " where e.orgId = :orgId and e.role in :roles order by e.lastName, e.firstName, e.userId")
@NamedQuery(name = "MemberEntry.pageBySurname", query = "select e.userId, e.lastName, e.firstName from MemberEntry e"
        + " where e.orgId = :orgId and e.role in :roles and e.surnameKey like :prefix escape '\\'"
        + " order by e.lastName, e.firstName, e.userId")
/* Keyset paging (issue 14): the page after (last name, first name, id); "lastName >= :l" first, the index range. */
@NamedQuery(name = "MemberEntry.pageAfter", query = "select e.userId, e.lastName, e.firstName from MemberEntry e"
        + " where e.orgId = :orgId and e.role in :roles" + MemberEntry.AFTER + " order by e.lastName, e.firstName, e.userId")
@NamedQuery(name = "MemberEntry.pageBySurnameAfter", query = "select e.userId, e.lastName, e.firstName from MemberEntry e"
        + " where e.orgId = :orgId and e.role in :roles and e.surnameKey like :prefix escape '\\'" + MemberEntry.AFTER
        + " order by e.lastName, e.firstName, e.userId")
public class MemberEntry {

    static final String AFTER = " and e.lastName >= :afterLast and (e.lastName > :afterLast"
            + " or (e.lastName = :afterLast and (e.firstName > :afterFirst or (e.firstName = :afterFirst and e.userId > :afterId))))";

    @Id
    @Column(name = "ORG_ID", length = 36)
    private String orgId;

    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** {@code parent} or {@code student}: staff accounts are not listed, so not indexed. */
    @Column(name = "ROLE", length = 16, nullable = false)
    private String role;

    /** The surname lower-cased with ё → е, for prefix search. */
    @Column(name = "SURNAME_KEY", length = 255)
    private String surnameKey;

    /** The sort key with {@link #firstName} and the id: never null ("" when the account has none), so paging compares. */
    @Column(name = "LAST_NAME", length = 255)
    private String lastName;

    @Column(name = "FIRST_NAME", length = 255)
    private String firstName;

    protected MemberEntry() {
    }

    public MemberEntry(String orgId, String userId, String realmId) {
        this.orgId = orgId;
        this.userId = userId;
        this.realmId = realmId;
    }

    public String getOrgId() {
        return orgId;
    }

    public String getUserId() {
        return userId;
    }

    /** @return whether anything changed */
    public boolean set(String role, String surnameKey, String lastName, String firstName) {
        lastName = lastName == null ? "" : lastName;
        firstName = firstName == null ? "" : firstName;
        boolean changed = !Objects.equals(this.role, role) || !Objects.equals(this.surnameKey, surnameKey)
                || !Objects.equals(this.lastName, lastName) || !Objects.equals(this.firstName, firstName);
        this.role = role;
        this.surnameKey = surnameKey;
        this.lastName = lastName;
        this.firstName = firstName;
        return changed;
    }

    public static class Key implements Serializable {
        private String orgId;
        private String userId;

        public Key() {
        }

        public Key(String orgId, String userId) {
            this.orgId = orgId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(orgId, k.orgId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orgId, userId);
        }
    }
}
