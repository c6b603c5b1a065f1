package org.schoolesia.school.accounts;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.web.Keyset;
import org.keycloak.organization.OrganizationProvider;

/**
 * Parents and students of each organisation by role and surname, in our table SCHOOL_MEMBER, so
 * the staff list counts and pages by index instead of scanning Keycloak's user tables.
 * Keycloak's organisation membership and the user's own fields stay the truth: the staff list
 * re-checks membership, role and surname of every account it shows ({@link PeopleDirectory}),
 * so a row left stale by a path we did not see can at worst miscount or mis-sort, never show a
 * non-member; {@link #record}, {@link #add} and {@link #rebuild} bring rows back in line.
 */
public final class MemberIndex {

    private final KeycloakSession session;

    public MemberIndex(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The indexed role of an account: parents and students only (staff are never listed). */
    static Optional<String> listedRole(UserModel user) {
        return SchoolRole.of(user.getFirstAttribute(SchoolAttributes.ROLE)).filter(r -> r != SchoolRole.STAFF).map(SchoolRole::code);
    }

    static String surnameKey(String lastName) {
        return lastName == null ? null : PeopleDirectory.fold(lastName);
    }

    /** The user has just become a member of the organisation (our own writes, admin membership events). */
    public void add(RealmModel realm, OrganizationModel organisation, UserModel user) {
        Optional<String> role = listedRole(user);
        EntityManager em = em();
        MemberEntry entry = em.find(MemberEntry.class, new MemberEntry.Key(organisation.getId(), user.getId()));
        if (role.isEmpty()) {
            if (entry != null) {
                em.remove(entry);
            }
            return;
        }
        if (entry == null) {
            entry = new MemberEntry(organisation.getId(), user.getId(), realm.getId());
            entry.set(role.get(), surnameKey(user.getLastName()), user.getLastName(), user.getFirstName());
            em.persist(entry);
        } else {
            entry.set(role.get(), surnameKey(user.getLastName()), user.getLastName(), user.getFirstName());
        }
    }

    public void remove(String organisationId, String userId) {
        MemberEntry entry = em().find(MemberEntry.class, new MemberEntry.Key(organisationId, userId));
        if (entry != null) {
            em().remove(entry);
        }
    }

    /**
     * Brings all rows of the user in line with their memberships and fields (user edited by an
     * admin). Memberships are read from Keycloak, so call it when they did not change in this
     * transaction; {@link #add}/{@link #remove} are for membership changes.
     */
    public void record(RealmModel realm, UserModel user) {
        Optional<String> role = listedRole(user);
        Set<String> organisations = role.isEmpty() ? Set.of()
                : session.getProvider(OrganizationProvider.class).getByMember(user).map(OrganizationModel::getId).collect(Collectors.toSet());
        EntityManager em = em();
        Map<String, MemberEntry> existing = new HashMap<>();
        em.createNamedQuery("MemberEntry.byUser", MemberEntry.class).setParameter("userId", user.getId()).getResultList()
                .forEach(e -> existing.put(e.getOrgId(), e));
        for (MemberEntry e : existing.values()) {
            if (!organisations.contains(e.getOrgId())) {
                em.remove(e);
            }
        }
        for (String orgId : organisations) {
            MemberEntry e = existing.get(orgId);
            if (e == null) {
                e = new MemberEntry(orgId, user.getId(), realm.getId());
                e.set(role.get(), surnameKey(user.getLastName()), user.getLastName(), user.getFirstName());
                em.persist(e);
            } else {
                e.set(role.get(), surnameKey(user.getLastName()), user.getLastName(), user.getFirstName());
            }
        }
    }

    public void forget(String userId) {
        em().createNamedQuery("MemberEntry.deleteByUser").setParameter("userId", userId).executeUpdate();
    }

    public void forgetOrganisation(String organisationId) {
        em().createNamedQuery("MemberEntry.deleteByOrg").setParameter("orgId", organisationId).executeUpdate();
    }

    public void forgetRealm(String realmId) {
        em().createNamedQuery("MemberEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    /**
     * Re-indexes every membership of the realm in one statement (after a realm import, a bulk SQL
     * load, or when an operator asks): reading 200 k accounts one by one would take minutes.
     * The database folds the surname here ({@code lower}, ё → е), as Keycloak's own search does.
     */
    public int rebuild(RealmModel realm) {
        forgetRealm(realm.getId());
        return em().createQuery("insert into MemberEntry (orgId, userId, realmId, role, surnameKey, lastName, firstName)"
                        + " select o.id, u.id, o.realmId, min(lower(trim(a.value))), replace(lower(u.lastName), 'ё', 'е'),"
                        + " coalesce(u.lastName, ''), coalesce(u.firstName, '')"
                        + " from OrganizationEntity o, UserGroupMembershipEntity m join m.user u join u.attributes a"
                        + " where o.realmId = :realmId and m.groupId = o.groupId and u.realmId = :realmId"
                        + " and a.name = :roleName and lower(trim(a.value)) in (:roles)"
                        + " group by o.id, u.id, o.realmId, u.lastName, u.firstName")
                .setParameter("realmId", realm.getId())
                .setParameter("roleName", SchoolAttributes.ROLE)
                .setParameter("roles", List.of(SchoolRole.PARENT.code(), SchoolRole.STUDENT.code()))
                .executeUpdate();
    }

    /**
     * Total and one page of user ids; {@code next} names the page after it (keyset paging, issue 14),
     * null on the last.
     */
    public record Hits(long total, List<String> userIds, Keyset next) {
    }

    public Hits find(OrganizationModel organisation, Collection<SchoolRole> roles, String surnamePrefix, int first, int max) {
        return find(organisation, roles, surnamePrefix, first, null, max);
    }

    /** The page after {@code after}: the database seeks to it by (organisation, last name, first name, id). */
    public Hits find(OrganizationModel organisation, Collection<SchoolRole> roles, String surnamePrefix, Keyset after, int max) {
        return find(organisation, roles, surnamePrefix, 0, after, max);
    }

    private Hits find(OrganizationModel organisation, Collection<SchoolRole> roles, String surnamePrefix, int first, Keyset after, int max) {
        List<String> codes = roles.stream().map(SchoolRole::code).toList();
        boolean bySurname = surnamePrefix != null && !surnamePrefix.isBlank();
        String pattern = bySurname
                ? PeopleDirectory.fold(surnamePrefix.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" : null;
        TypedQuery<Long> count = em().createNamedQuery(bySurname ? "MemberEntry.countBySurname" : "MemberEntry.count", Long.class)
                .setParameter("orgId", organisation.getId()).setParameter("roles", codes);
        if (bySurname) {
            count.setParameter("prefix", pattern);
        }
        long total = count.getSingleResult();
        if (total <= first) {
            return new Hits(total, List.of(), null);
        }
        String query = (bySurname ? "MemberEntry.pageBySurname" : "MemberEntry.page") + (after == null ? "" : "After");
        TypedQuery<Object[]> page = em().createNamedQuery(query, Object[].class)
                .setParameter("orgId", organisation.getId()).setParameter("roles", codes);
        if (bySurname) {
            page.setParameter("prefix", pattern);
        }
        if (after != null) {
            page.setParameter("afterLast", after.value(0)).setParameter("afterFirst", after.value(1)).setParameter("afterId", after.value(2));
        }
        // One row more than the page: whether a next page exists, without counting from the cursor.
        List<Object[]> rows = page.setFirstResult(first).setMaxResults(max + 1).getResultList();
        Keyset next = null;
        if (rows.size() > max) {
            rows = rows.subList(0, max);
            Object[] last = rows.get(max - 1);
            next = Keyset.of(text(last[1]), text(last[2]), (String) last[0]);
        }
        return new Hits(total, rows.stream().map(r -> (String) r[0]).toList(), next);
    }

    private static String text(Object value) {
        return value == null ? "" : (String) value;
    }
}
