package org.schoolesia.school.accounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.UserAttributeEntity;
import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.models.jpa.entities.UserGroupMembershipEntity;

/**
 * Staff-side searches over Keycloak's own user tables (criteria queries on its JPA entities).
 * Each query starts from something indexed — the organisation's membership group (primary key
 * of USER_GROUP_MEMBERSHIP starts with GROUP_ID) or an exact attribute value (index on
 * USER_ATTRIBUTE(NAME, VALUE)) — and filters, sorts and pages in the database, so the cost grows
 * with the organisation, not with the realm. Keycloak's own attribute search runs
 * {@code lower(value)}, which no index covers; we compare values exactly instead.
 */
public final class PeopleDirectory {

    /** On a child: ids of the parents' accounts (R-FAM-1), multi-valued, declared in the user profile. */
    public static final String PARENT_IDS = "parentIds";

    private final KeycloakSession session;
    private final RealmModel realm;

    public PeopleDirectory(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public record Page(long total, List<UserModel> users) {
    }

    /** Parents and/or students who are members of the organisation, by surname prefix, sorted by name. */
    public Page members(OrganizationModel organisation, Collection<SchoolRole> roles, String surnamePrefix, int first, int max) {
        String groupId = session.getProvider(OrganizationProvider.class).getOrganizationGroup(organisation).getId();
        CriteriaBuilder cb = em().getCriteriaBuilder();

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<UserGroupMembershipEntity> cm = count.from(UserGroupMembershipEntity.class);
        Join<UserGroupMembershipEntity, UserEntity> cu = cm.join("user");
        count.select(cb.count(cu)).where(memberPredicates(cb, cm, cu, groupId, roles, surnamePrefix));
        long total = em().createQuery(count).getSingleResult();

        List<UserModel> users = List.of();
        if (total > first) {
            CriteriaQuery<String> ids = cb.createQuery(String.class);
            Root<UserGroupMembershipEntity> m = ids.from(UserGroupMembershipEntity.class);
            Join<UserGroupMembershipEntity, UserEntity> u = m.join("user");
            ids.select(u.get("id")).where(memberPredicates(cb, m, u, groupId, roles, surnamePrefix))
                    .orderBy(cb.asc(u.get("lastName")), cb.asc(u.get("firstName")), cb.asc(u.get("id")));
            users = load(em().createQuery(ids).setFirstResult(first).setMaxResults(max).getResultList());
        }
        return new Page(total, users);
    }

    private Predicate[] memberPredicates(CriteriaBuilder cb, Root<UserGroupMembershipEntity> m, Join<UserGroupMembershipEntity, UserEntity> u,
                                         String groupId, Collection<SchoolRole> roles, String surnamePrefix) {
        List<Predicate> p = new ArrayList<>();
        p.add(cb.equal(m.get("groupId"), groupId));
        p.add(cb.equal(u.get("realmId"), realm.getId()));
        p.add(attributeIn(cb, u, SchoolAttributes.ROLE, roles.stream().map(SchoolRole::code).toList()));
        surname(cb, u, surnamePrefix).ifPresent(p::add);
        return p.toArray(Predicate[]::new);
    }

    /** Students whose home organisation is one of these, by surname prefix, at most {@code max}. */
    public List<UserModel> studentsOf(Collection<String> homeAliases, String surnamePrefix, int max) {
        if (homeAliases.isEmpty()) {
            return List.of();
        }
        CriteriaBuilder cb = em().getCriteriaBuilder();
        CriteriaQuery<String> ids = cb.createQuery(String.class);
        Root<UserEntity> u = ids.from(UserEntity.class);
        List<Predicate> p = new ArrayList<>();
        p.add(cb.equal(u.get("realmId"), realm.getId()));
        p.add(attributeIn(cb, u, SchoolAttributes.HOME_ORGANISATION, homeAliases));
        p.add(attributeIn(cb, u, SchoolAttributes.ROLE, List.of(SchoolRole.STUDENT.code())));
        surname(cb, u, surnamePrefix).ifPresent(p::add);
        ids.select(u.get("id")).where(p.toArray(Predicate[]::new))
                .orderBy(cb.asc(u.get("lastName")), cb.asc(u.get("firstName")), cb.asc(u.get("id")));
        return load(em().createQuery(ids).setMaxResults(max).getResultList());
    }

    /** Accounts whose {@code parentIds} name this user (R-FAM-1): exact value, indexed. */
    public List<UserModel> childrenOf(String parentId) {
        CriteriaBuilder cb = em().getCriteriaBuilder();
        CriteriaQuery<String> ids = cb.createQuery(String.class);
        Root<UserEntity> u = ids.from(UserEntity.class);
        ids.select(u.get("id")).where(cb.equal(u.get("realmId"), realm.getId()),
                        attributeIn(cb, u, PARENT_IDS, List.of(parentId)))
                .orderBy(cb.asc(u.get("lastName")), cb.asc(u.get("firstName")));
        return load(em().createQuery(ids).setMaxResults(100).getResultList());
    }

    /**
     * A student of this home organisation with this name and date of birth (import re-runs: rows
     * without SNILS are recognised this way).
     */
    public Optional<UserModel> studentByNameAndBirthdate(String homeAlias, String lastName, String firstName, String isoBirthdate) {
        CriteriaBuilder cb = em().getCriteriaBuilder();
        CriteriaQuery<String> ids = cb.createQuery(String.class);
        Root<UserEntity> u = ids.from(UserEntity.class);
        ids.select(u.get("id")).where(
                cb.equal(u.get("realmId"), realm.getId()),
                attributeIn(cb, u, SchoolAttributes.BIRTHDATE, List.of(isoBirthdate)),
                attributeIn(cb, u, SchoolAttributes.HOME_ORGANISATION, List.of(homeAlias)),
                attributeIn(cb, u, SchoolAttributes.ROLE, List.of(SchoolRole.STUDENT.code())),
                cb.equal(folded(cb, u.get("lastName")), fold(lastName)),
                cb.equal(folded(cb, u.get("firstName")), fold(firstName)));
        return load(em().createQuery(ids).setMaxResults(1).getResultList()).stream().findFirst();
    }

    /** An exact attribute value: the (NAME, VALUE) index answers it. */
    private static Predicate attributeIn(CriteriaBuilder cb, From<?, UserEntity> user, String name, Collection<String> values) {
        Join<UserEntity, UserAttributeEntity> a = user.join("attributes");
        return cb.and(cb.equal(a.get("name"), name), values.size() == 1 ? cb.equal(a.get("value"), values.iterator().next()) : a.get("value").in(values));
    }

    /** Case- and ё/е-insensitive prefix of the surname. */
    private static Optional<Predicate> surname(CriteriaBuilder cb, From<?, UserEntity> u, String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return Optional.empty();
        }
        String pattern = fold(prefix.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return Optional.of(cb.like(folded(cb, u.get("lastName")), pattern, '\\'));
    }

    private static Expression<String> folded(CriteriaBuilder cb, Expression<String> column) {
        return cb.function("replace", String.class, cb.lower(column), cb.literal("ё"), cb.literal("е"));
    }

    public static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    private List<UserModel> load(List<String> ids) {
        return ids.stream().map(id -> session.users().getUserById(realm, id)).filter(Objects::nonNull).toList();
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
