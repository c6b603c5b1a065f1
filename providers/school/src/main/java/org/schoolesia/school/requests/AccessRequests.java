package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.kernel.SnilsHash;
import org.schoolesia.school.kernel.UniqueKeyViolation;
import org.schoolesia.school.web.Keyset;

/**
 * Access requests «Обратиться в организацию» (R-REQ-1..4): filed by a person in the first-login
 * flow, listed and decided by staff of the organisation chosen (R-REQ-3). A decision is taken
 * once: the status changes only from pending, in the same transaction as the link, the account it
 * may create and the e-mail it owes, so either all of it happens or none.
 */
public final class AccessRequests {

    private static final Logger LOG = Logger.getLogger(AccessRequests.class);

    /** A filing and whether it is new or the person's pending request to the same organisation. */
    public record Filing(AccessRequest request, boolean created) {
    }

    public record Filter(RequestStatus status, SchoolRole role, String className, Instant from, Instant to,
                         boolean overdueOnly, String number) {
        public static final Filter ALL = new Filter(null, null, null, null, null, false, null);
    }

    /**
     * One page; {@code total} is exact when {@code totalExact}, otherwise "at least": counting every
     * request of a large organisation on each page costs more than the page itself (the benchmark),
     * so counting stops {@link #COUNT_AHEAD} past the page.
     */
    public record Page(long total, boolean totalExact, List<AccessRequest> items, String next) {
    }

    /** How far past the page the list counts: enough for the pager, cheap at any size. */
    static final int COUNT_AHEAD = 1000;


    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock;
    private final RequestCandidates candidates;

    public AccessRequests(KeycloakSession session, RealmModel realm, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.clock = clock;
        this.candidates = new RequestCandidates(session, realm, clock);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    // --- the person's side ---------------------------------------------------------------------

    /**
     * Files the request in a transaction of its own, committed before the page answers. A person
     * with a request to this organisation still pending gets that one back: the unique pending key
     * decides even between two tabs posting at once.
     */
    public Filing file(RequestDraft draft) {
        String key = pendingKey(draft.person().esiaOid(), draft.organisation().getId(), draft.role());
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<AccessRequest> pending = byPendingKey(key);
            if (pending.isPresent()) {
                return new Filing(pending.get(), false);
            }
            String id = KeycloakModelUtils.generateId();
            String number = RequestNumber.next();
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                    EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                    em.persist(entry(id, number, key, draft));
                    em.flush();
                });
                AccessRequestEntry created = em().find(AccessRequestEntry.class, id);
                return new Filing(AccessRequest.of(created), true);
            } catch (RuntimeException e) {
                if (!UniqueKeyViolation.isCause(e)) {
                    throw e;
                }
                // Either the same person filed in another tab (found on the next round) or the number was taken.
                LOG.debugf("access request filing collided (%s); trying again", e.getMessage());
            }
        }
        throw new IllegalStateException("could not file an access request after 5 attempts");
    }

    /** The hash the person's own page finds the request by; none for a SNILS that is not one. */
    private String snilsHash(String snils) {
        if (snils == null) {
            return null;
        }
        try {
            return SnilsHash.of(session).of(realm.getId(), Snils.parse(snils).digits());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private AccessRequestEntry entry(String id, String number, String key, RequestDraft draft) {
        AccessRequest.Person p = draft.person();
        AccessRequestEntry e = new AccessRequestEntry(id, realm.getId(), number, draft.organisation().getId(),
                draft.role().code(), p.esiaOid(), clock.millis());
        e.setPendingKey(key);
        e.setLastName(p.lastName());
        e.setFirstName(p.firstName());
        e.setMiddleName(p.middleName());
        e.setBirthDate(p.birthDate() == null ? null : p.birthDate().toString());
        e.setEmail(p.email());
        e.setSnils(p.snils());
        e.setSnilsHash(snilsHash(e.getSnils()));
        e.setTrusted(p.trusted());
        if (draft.schoolClass() != null) {
            e.setClassId(draft.schoolClass().getId());
            e.setClassName(draft.schoolClass().getName());
        }
        AccessRequest.Child c = draft.child();
        if (c != null) {
            e.setChildOid(c.esiaOid());
            e.setChildLastName(c.lastName());
            e.setChildFirstName(c.firstName());
            e.setChildMiddleName(c.middleName());
            e.setChildBirthDate(c.birthDate() == null ? null : c.birthDate().toString());
            e.setChildSnils(c.snils());
            e.setChildCertificate(c.birthCertificate());
        }
        e.setComment(draft.comment() == null || draft.comment().isEmpty() ? null : draft.comment());
        e.setLocale(draft.locale());
        return e;
    }

    /** The person's requests still waiting, oldest first: their next ESIA login shows them instead of a new form. */
    public List<AccessRequest> pendingOf(String esiaOid) {
        return em().createNamedQuery("AccessRequestEntry.pendingOfPerson", AccessRequestEntry.class)
                .setParameter("realmId", realm.getId()).setParameter("oid", esiaOid)
                .getResultList().stream().map(AccessRequest::of).toList();
    }

    /**
     * The person's latest rejected request decided since {@code since}: their next login shows the
     * outcome and the staff comment, also to a person ESIA gave no e-mail address.
     */
    public Optional<AccessRequest> lastRejectedOf(String esiaOid, Instant since) {
        return em().createNamedQuery("AccessRequestEntry.decidedOfPerson", AccessRequestEntry.class)
                .setParameter("realmId", realm.getId()).setParameter("oid", esiaOid)
                .setParameter("status", RequestStatus.REJECTED.code()).setParameter("since", since.toEpochMilli())
                .setMaxResults(1).getResultList().stream().findFirst().map(AccessRequest::of);
    }

    private Optional<AccessRequest> byPendingKey(String key) {
        return em().createNamedQuery("AccessRequestEntry.byPendingKey", AccessRequestEntry.class)
                .setParameter("key", key).getResultList().stream().findFirst().map(AccessRequest::of);
    }

    /** One pending request per person, organisation and role (a parent and a pupil are different requests). */
    private String pendingKey(String oid, String organisationId, SchoolRole role) {
        return realm.getId() + "|" + organisationId + "|" + role.code() + "|" + oid;
    }

    // --- the staff side: reading ---------------------------------------------------------------

    /** The organisation's requests, newest first, one page; counted with the same filter. */
    public Page list(OrganizationModel organisation, Filter filter, int first, int max) {
        return list(organisation, filter, first, null, max);
    }

    /**
     * A page that starts after {@code after} (keyset paging, issue 14): the database seeks to the
     * cursor by the index on (realm, organisation, created) instead of skipping rows, so a deep page
     * costs what the first does. {@code total} then counts from the cursor on (up to
     * {@link #COUNT_AHEAD} past the page).
     */
    public Page list(OrganizationModel organisation, Filter filter, Keyset after, int max) {
        return list(organisation, filter, 0, after, max);
    }

    /** The cursor that names a request's place in the list (its creation time and id). */
    public static Keyset cursorOf(AccessRequest request) {
        return Keyset.of(String.valueOf(request.createdAt().toEpochMilli()), request.id());
    }

    private Page list(OrganizationModel organisation, Filter filter, int first, Keyset after, int max) {
        StringBuilder where = new StringBuilder(" where r.realmId = :realmId and r.organisationId = :orgId");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("realmId", realm.getId());
        parameters.put("orgId", organisation.getId());
        RequestStatus status = filter.overdueOnly() ? RequestStatus.PENDING : filter.status();
        if (status != null) {
            where.append(" and r.status = :status");
            parameters.put("status", status.code());
        }
        if (filter.role() != null) {
            where.append(" and r.role = :role");
            parameters.put("role", filter.role().code());
        }
        if (filter.className() != null && !filter.className().isBlank()) {
            where.append(" and r.className = :className");
            parameters.put("className", filter.className().strip());
        }
        Long from = filter.from() == null ? null : filter.from().toEpochMilli();
        Long to = filter.to() == null ? null : filter.to().toEpochMilli();
        if (filter.overdueOnly()) {
            long before = overdue().overdueBefore(clock.instant()).toEpochMilli();
            to = to == null ? before : Math.min(to, before);
        }
        if (from != null) {
            where.append(" and r.createdAt >= :from");
            parameters.put("from", from);
        }
        if (to != null) {
            where.append(" and r.createdAt < :to");
            parameters.put("to", to);
        }
        if (filter.number() != null) {
            where.append(" and r.number = :number");
            parameters.put("number", filter.number());
        }
        if (after != null) {
            // "createdAt <= c" first: the index range; the id breaks ties within one millisecond.
            where.append(" and r.createdAt <= :afterCreated and (r.createdAt < :afterCreated or r.id < :afterId)");
            parameters.put("afterCreated", after.number(0));
            parameters.put("afterId", after.value(1));
        }
        TypedQuery<String> count = em().createQuery("select r.id from AccessRequestEntry r" + where, String.class);
        TypedQuery<AccessRequestEntry> page = em().createQuery("select r from AccessRequestEntry r" + where
                + " order by r.createdAt desc, r.id desc", AccessRequestEntry.class);
        parameters.forEach((k, v) -> {
            count.setParameter(k, v);
            page.setParameter(k, v);
        });
        List<AccessRequest> items = page.setFirstResult(first).setMaxResults(max).getResultList().stream()
                .map(AccessRequest::of).toList();
        int cap = (int) Math.min(Integer.MAX_VALUE, (long) first + max + COUNT_AHEAD);
        int counted = count.setMaxResults(cap).getResultList().size();
        String next = counted > first + items.size() && !items.isEmpty() ? cursorOf(items.get(items.size() - 1)).encode() : null;
        return new Page(counted, counted < cap, items, next);
    }

    /** R-REQ-3: a request of this organisation, by id or by its number; any other looks absent. */
    public Optional<AccessRequest> find(OrganizationModel organisation, String idOrNumber) {
        if (idOrNumber == null || idOrNumber.isBlank() || idOrNumber.length() > 64) {
            return Optional.empty();
        }
        Optional<String> number = RequestNumber.parse(idOrNumber);
        if (number.isPresent()) {
            return list(organisation, new Filter(null, null, null, null, null, false, number.get()), 0, 1).items().stream().findFirst();
        }
        return em().createNamedQuery("AccessRequestEntry.byIdInOrganisation", AccessRequestEntry.class)
                .setParameter("id", idOrNumber).setParameter("realmId", realm.getId()).setParameter("orgId", organisation.getId())
                .getResultList().stream().findFirst().map(AccessRequest::of);
    }

    /**
     * How many of the organisation's requests are overdue (the banner for its administrator). The
     * bound is rounded to the minute, so a database that caches results (H2) answers repeats from it.
     */
    public long overdueCount(OrganizationModel organisation) {
        long before = overdue().overdueBefore(clock.instant()).toEpochMilli() / 60_000 * 60_000;
        return em().createQuery("select count(*) from AccessRequestEntry r where r.realmId = :realmId and r.organisationId = :orgId"
                        + " and r.status = :status and r.createdAt < :before", Long.class)
                .setParameter("realmId", realm.getId()).setParameter("orgId", organisation.getId())
                .setParameter("status", RequestStatus.PENDING.code()).setParameter("before", before)
                .getSingleResult();
    }

    public OverduePolicy overdue() {
        return OverduePolicy.of(realm.getAttribute(OverduePolicy.REALM_ATTRIBUTE));
    }

    /** Accounts of the organisation that may be the person (staff choose among them). */
    public List<RequestCandidates.Candidate> accountCandidates(OrganizationModel organisation, AccessRequest request) {
        return candidates.accounts(organisation, request);
    }

    /** Pupils of the organisation that may be the child a parent named. */
    public List<RequestCandidates.Candidate> childCandidates(OrganizationModel organisation, AccessRequest request) {
        return candidates.children(organisation, request);
    }

    // --- housekeeping --------------------------------------------------------------------------

    public void forgetRealm(String realmId) {
        em().createNamedQuery("AccessRequestEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em().createNamedQuery("MailOutboxEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

}
