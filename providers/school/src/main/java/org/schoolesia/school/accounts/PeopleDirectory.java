package org.schoolesia.school.accounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.From;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.jboss.logging.Logger;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.web.Keyset;
import org.keycloak.models.jpa.entities.UserAttributeEntity;
import org.keycloak.models.jpa.entities.UserEntity;

/**
 * Staff-side searches. The organisation's member list comes from our {@link MemberIndex}; the
 * other searches are queries on Keycloak's JPA entities that start from something
 * indexed — an exact attribute value (index on USER_ATTRIBUTE(NAME, VALUE)) — and filter, sort and
 * page in the database. Keycloak's own attribute search runs {@code lower(value)}, which no index
 * covers; we compare values exactly instead.
 */
public final class PeopleDirectory {

    /**
     * On a child, before issue 12: ids of the parents' accounts. Links are rows of the family
     * capability now; the attribute is only read once, from a realm import (and by the change set
     * that migrated existing ones), and then removed.
     */
    public static final String PARENT_IDS = "parentIds";
    private static final Logger LOG = Logger.getLogger(PeopleDirectory.class);
    private static final String STUDENTS_BY_NAME = studentsByName(false);
    private static final String STUDENTS_OF_HOME_BY_NAME = studentsByName(true);

    private final KeycloakSession session;
    private final RealmModel realm;

    public PeopleDirectory(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** {@code next}: the {@code after} cursor of the following page (keyset paging, issue 14), null on the last. */
    public record Page(long total, List<UserModel> users, String next) {
    }

    /**
     * Parents and/or students who are members of the organisation, by surname prefix, sorted by
     * name. Count and page come from {@link MemberIndex} by index; only the page's accounts are
     * loaded, and each is checked against the truth (Keycloak's membership in one indexed query,
     * the user's role and surname) so a stale row never shows a non-member. Such a row still
     * counts in {@code total} until the index is brought in line.
     */
    public Page members(OrganizationModel organisation, Collection<SchoolRole> roles, String surnamePrefix, int first, int max) {
        return page(organisation, roles, surnamePrefix, new MemberIndex(session).find(organisation, roles, surnamePrefix, first, max));
    }

    /** The page after {@code after} (the {@code next} of the previous page): no rows read and skipped however deep. */
    public Page members(OrganizationModel organisation, Collection<SchoolRole> roles, String surnamePrefix, Keyset after, int max) {
        return page(organisation, roles, surnamePrefix, new MemberIndex(session).find(organisation, roles, surnamePrefix, after, max));
    }

    private Page page(OrganizationModel organisation, Collection<SchoolRole> roles, String surnamePrefix, MemberIndex.Hits hits) {
        String next = hits.next() == null ? null : hits.next().encode();
        if (hits.userIds().isEmpty()) {
            return new Page(hits.total(), List.of(), next);
        }
        String groupId = session.getProvider(OrganizationProvider.class).getOrganizationGroup(organisation).getId();
        Set<String> members = new HashSet<>(em().createQuery("select m.user.id from UserGroupMembershipEntity m"
                        + " where m.groupId = :groupId and m.user.id in :ids", String.class)
                .setParameter("groupId", groupId).setParameter("ids", hits.userIds()).getResultList());
        Set<String> codes = roles.stream().map(SchoolRole::code).collect(Collectors.toSet());
        String prefix = surnamePrefix == null || surnamePrefix.isBlank() ? "" : fold(surnamePrefix.strip());
        List<UserModel> users = load(hits.userIds().stream().filter(members::contains).toList()).stream()
                .filter(u -> MemberIndex.listedRole(u).filter(codes::contains).isPresent())
                .filter(u -> prefix.isEmpty() || (u.getLastName() != null && fold(u.getLastName()).startsWith(prefix)))
                .toList();
        if (users.size() < hits.userIds().size()) {
            LOG.debugf("member index of %s: %d stale row(s) on a page", organisation.getAlias(), hits.userIds().size() - users.size());
        }
        return new Page(hits.total(), users, next);
    }

    /**
     * Organisations of the realm by alias, in one indexed query; the models come from Keycloak's
     * cache by id ({@code getByAlias} searches the database once per alias).
     */
    public Map<String, OrganizationModel> organisationsByAlias(Collection<String> aliases) {
        if (aliases.isEmpty()) {
            return Map.of();
        }
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        Map<String, OrganizationModel> out = new HashMap<>();
        for (String id : em().createQuery("select o.id from OrganizationEntity o where o.realmId = :realmId and o.alias in :aliases", String.class)
                .setParameter("realmId", realm.getId()).setParameter("aliases", aliases).getResultList()) {
            OrganizationModel org = orgs.getById(id);
            if (org != null) {
                out.put(org.getAlias(), org);
            }
        }
        return out;
    }

    /** Students whose home organisation is one of these, by surname prefix (and birth date, if given), at most {@code max}. */
    public List<UserModel> studentsOf(Collection<String> homeAliases, String surnamePrefix, String isoBirthdate, int max) {
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
        if (isoBirthdate != null) {
            p.add(attributeIn(cb, u, SchoolAttributes.BIRTHDATE, List.of(isoBirthdate)));
        }
        ids.select(u.get("id")).where(p.toArray(Predicate[]::new))
                .orderBy(cb.asc(u.get("lastName")), cb.asc(u.get("firstName")), cb.asc(u.get("id")));
        return load(em().createQuery(ids).setMaxResults(max).getResultList());
    }

    /**
     * A student of this home organisation with this name and date of birth (import re-runs: rows
     * without SNILS are recognised this way).
     */
    public Optional<UserModel> studentByNameAndBirthdate(String homeAlias, String lastName, String firstName, String isoBirthdate) {
        return studentsByNameAndBirthdate(homeAlias, lastName, firstName, isoBirthdate, 1).stream().findFirst();
    }

    /**
     * Students of the realm (of one home organisation when {@code homeAlias} is given) with this surname,
     * first name (case and ё/е aside) and date of birth, at most {@code max}: the birth date's
     * (NAME, VALUE) index narrows it first (a parent's Госуслуги children, issue 12).
     */
    public List<UserModel> studentsByNameAndBirthdate(String homeAlias, String lastName, String firstName, String isoBirthdate, int max) {
        var query = em().createQuery(homeAlias == null ? STUDENTS_BY_NAME : STUDENTS_OF_HOME_BY_NAME, String.class)
                .setParameter("realmId", realm.getId())
                .setParameter("birthdateName", SchoolAttributes.BIRTHDATE).setParameter("birthdate", isoBirthdate)
                .setParameter("roleName", SchoolAttributes.ROLE).setParameter("student", SchoolRole.STUDENT.code())
                .setParameter("lastName", fold(lastName)).setParameter("firstName", fold(firstName));
        if (homeAlias != null) {
            query.setParameter("homeName", SchoolAttributes.HOME_ORGANISATION).setParameter("home", homeAlias);
        }
        return load(query.setMaxResults(max).getResultList());
    }

    /**
     * A query text, not a criteria query: Hibernate keeps the translation of a text and translates a
     * criteria query at every run, and a parent's login asks this for each Госуслуги child (issue 14:
     * 0.3 ms of a first login). The folding is {@link #folded}'s.
     */
    private static String studentsByName(boolean ofHome) {
        return "select u.id from UserEntity u join u.attributes b join u.attributes r" + (ofHome ? " join u.attributes h" : "")
                + " where u.realmId = :realmId and b.name = :birthdateName and b.value = :birthdate"
                + (ofHome ? " and h.name = :homeName and h.value = :home" : "")
                + " and r.name = :roleName and r.value = :student"
                + " and replace(lower(u.lastName), 'ё', 'е') = :lastName and replace(lower(u.firstName), 'ё', 'е') = :firstName"
                + " order by u.id";
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
