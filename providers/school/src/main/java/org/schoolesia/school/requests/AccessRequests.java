package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.TypedQuery;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.AccountFactory;
import org.schoolesia.school.accounts.EnrolmentSource;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.PeopleDirectory;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.accounts.SnilsIndex;
import org.schoolesia.school.web.StaffMember;
import org.schoolesia.school.accounts.ValidPerson;
import org.schoolesia.school.family.AgePolicy;
import org.schoolesia.school.link.EsiaLinks;
import org.schoolesia.school.link.LinkMethod;
import org.schoolesia.school.link.LinkRefusal;
import org.schoolesia.school.requests.AccessRequestEntry;
import org.schoolesia.school.kernel.UniqueKeyViolation;

/**
 * Access requests «Обратиться в организацию» (R-REQ-1..4): filed by a person in the first-login
 * flow, listed and decided by staff of the organisation chosen (R-REQ-3). A decision is taken
 * once: the status changes only from pending, in the same transaction as the link, the account it
 * may create and the e-mail it owes, so either all of it happens or none.
 */
public final class AccessRequests {

    private static final Logger LOG = Logger.getLogger(AccessRequests.class);

    public static final String RESOLVED_TEMPLATE = "school-access-request-resolved.ftl";
    public static final String REJECTED_TEMPLATE = "school-access-request-rejected.ftl";

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
    public record Page(long total, boolean totalExact, List<AccessRequest> items) {
    }

    /** How far past the page the list counts: enough for the pager, cheap at any size. */
    static final int COUNT_AHEAD = 1000;

    /**
     * A resolving decision: link the ESIA person to {@code accountId}, or create the account; a
     * parent's request may also name the child's account to link the parent to (R-FAM-1).
     */
    public record Resolution(String accountId, boolean createAccount, String childAccountId, String comment) {
    }

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
        return new Page(counted, counted < cap, items);
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

    // --- the staff side: deciding --------------------------------------------------------------

    /**
     * R-REQ-3: links the person to the chosen account (or a new one), records the decision and
     * owes the person the e-mail of R-REQ-4. The same rules as every link: role, parent never into
     * a child's account, account not linked to someone else.
     */
    public AccessRequest resolve(StaffMember staff, String id, Resolution resolution) {
        String comment = cleanComment(resolution.comment());
        AccessRequest request = find(staff.organisation(), id).orElseThrow(Refused::notFound);
        if (!request.status().mayBecome(RequestStatus.RESOLVED)) {
            throw alreadyDecided(request);
        }
        if (!resolution.createAccount() && (resolution.accountId() == null || resolution.accountId().isBlank())) {
            throw Refused.of(400, "account_required", "schoolRequestAccountRequired");
        }
        UserModel child = child(staff.organisation(), request, resolution.childAccountId());
        UserModel account = resolution.createAccount() ? null : account(staff.organisation(), resolution.accountId());
        String accountId = account == null ? null : account.getId();
        if (account != null) {
            candidates.linkRefusal(request, account, staff.organisation()).ifPresent(r -> {
                throw Refused.of(409, "link_refused", "schoolRequestLinkRefused." + r.code()).with("reason", r.code());
            });
        }
        // The status changes before anything else is written: a second decision waits on this row and then finds it decided.
        decide(staff, request, RequestStatus.RESOLVED, comment, accountId);
        if (account == null) {
            account = createAccount(staff, request, child);
            em().createQuery("update AccessRequestEntry r set r.accountId = :accountId where r.id = :id")
                    .setParameter("accountId", account.getId()).setParameter("id", request.id()).executeUpdate();
        } else if (child != null) {
            linkParent(child, account);
        }
        EsiaLinks.Outcome outcome = new EsiaLinks(session).linkWithCaller(realm, account, request.person().esiaOid(),
                LinkMethod.REQUEST, staff.user().getId());
        if (outcome == EsiaLinks.Outcome.LINKED_ELSEWHERE) {
            throw Refused.of(409, "link_refused", "schoolRequestLinkRefused." + LinkRefusal.LINKED_ELSEWHERE.code())
                    .with("reason", LinkRefusal.LINKED_ELSEWHERE.code());
        }
        session.getProvider(MailOutbox.class).owe(realm, request, RESOLVED_TEMPLATE);
        AccessRequest decided = reread(request.id());
        RequestAudit.resolved(session, realm, decided, account, staff, outcome == EsiaLinks.Outcome.LINKED);
        return decided;
    }

    /** R-REQ-3: refuses with a comment; the person is told by e-mail (R-REQ-4) and may file again. */
    public AccessRequest reject(StaffMember staff, String id, String typedComment) {
        String comment = cleanComment(typedComment);
        AccessRequest request = find(staff.organisation(), id).orElseThrow(Refused::notFound);
        if (!request.status().mayBecome(RequestStatus.REJECTED)) {
            throw alreadyDecided(request);
        }
        decide(staff, request, RequestStatus.REJECTED, comment, null);
        session.getProvider(MailOutbox.class).owe(realm, request, REJECTED_TEMPLATE);
        AccessRequest decided = reread(request.id());
        RequestAudit.rejected(session, realm, decided, staff);
        return decided;
    }

    private void decide(StaffMember staff, AccessRequest request, RequestStatus to, String comment, String accountId) {
        int updated;
        try {
            updated = em().createNamedQuery("AccessRequestEntry.decide")
                    .setParameter("status", to.code()).setParameter("now", clock.millis())
                    .setParameter("staffId", staff.user().getId()).setParameter("comment", comment.isEmpty() ? null : comment)
                    .setParameter("accountId", accountId).setParameter("id", request.id())
                    .setParameter("orgId", staff.organisation().getId())
                    .executeUpdate();
        } catch (PessimisticLockException | LockTimeoutException e) {
            // Another decision holds the row: it will be the one recorded.
            throw alreadyDecided(request);
        }
        if (updated != 1) {
            throw alreadyDecided(request);
        }
    }

    private AccessRequest reread(String id) {
        AccessRequestEntry entry = em().find(AccessRequestEntry.class, id);
        em().refresh(entry);
        return AccessRequest.of(entry);
    }

    private static Refused alreadyDecided(AccessRequest request) {
        return Refused.of(409, "already_decided", "schoolRequestAlreadyDecided", request.number());
    }

    private static String cleanComment(String typed) {
        return RequestComment.clean(typed).orElseThrow(() ->
                Refused.of(400, "comment_too_long", "schoolRequestCommentTooLong", String.valueOf(RequestComment.MAX_LENGTH)));
    }

    private UserModel account(OrganizationModel organisation, String accountId) {
        UserModel user = session.users().getUserById(realm, accountId.strip());
        if (user == null || !People.isPerson(user) || !session.getProvider(OrganizationProvider.class).isMember(organisation, user)) {
            throw Refused.of(404, "account_not_found", "schoolRequestAccountNotFound");
        }
        return user;
    }

    private UserModel child(OrganizationModel organisation, AccessRequest request, String childAccountId) {
        if (childAccountId == null || childAccountId.isBlank()) {
            return null;
        }
        if (request.role() != SchoolRole.PARENT || request.child() == null) {
            throw Refused.of(400, "child_not_expected", "schoolRequestChildNotExpected");
        }
        UserModel child = session.users().getUserById(realm, childAccountId.strip());
        if (child == null || !People.hasRole(child, SchoolRole.STUDENT)
                || !session.getProvider(OrganizationProvider.class).isMember(organisation, child)) {
            throw Refused.of(404, "child_not_found", "schoolRequestChildNotFound");
        }
        candidates.childRefusal(organisation, request.child(), child).ifPresent(r -> {
            throw Refused.of(409, "child_refused", "schoolRequestChildRefused." + r.code()).with("reason", r.code());
        });
        return child;
    }

    /** A new account from what ESIA said, in the staff member's organisation (and the class the person chose). */
    private UserModel createAccount(StaffMember staff, AccessRequest request, UserModel child) {
        AccessRequest.Person p = request.person();
        if (p.lastName() == null || p.firstName() == null || p.birthDate() == null) {
            throw Refused.of(409, "incomplete_person", "schoolRequestIncompletePerson");
        }
        if (request.role() == SchoolRole.PARENT && !new AgePolicy(clock).isAdult(p.birthDate(), People.zone(staff.organisation()))) {
            throw Refused.of(409, "link_refused", "schoolRequestLinkRefused." + LinkRefusal.PARENT_NOT_ADULT.code())
                    .with("reason", LinkRefusal.PARENT_NOT_ADULT.code());
        }
        Snils snils = null;
        if (p.snils() != null) {
            try {
                snils = Snils.parse(p.snils());
            } catch (IllegalArgumentException e) {
                snils = null;
            }
        }
        if (snils != null) {
            // One account per person and role: an account that already carries this SNILS is the one to link.
            Snils s = snils;
            boolean exists = new SnilsIndex(session).findUsers(realm, s).anyMatch(u -> People.hasRole(u, request.role()));
            if (exists) {
                throw Refused.of(409, "account_exists", "schoolRequestAccountExists");
            }
        }
        ValidPerson person = new ValidPerson(p.lastName(), p.firstName(), p.middleName(), p.middleName() == null,
                p.birthDate(), null, snils);
        UserModel account = new AccountFactory(session, realm, staff.organisation(), EnrolmentSource.ACCESS_REQUEST)
                .create(person, request.role(), List.of());
        if (request.role() == SchoolRole.STUDENT && request.classId() != null) {
            // Still one of this organisation's classes (groups change; a request only names one).
            SchoolClasses.find(SchoolClasses.of(session, staff.organisation()), request.classId()).ifPresent(account::joinGroup);
        }
        if (child != null) {
            linkParent(child, account);
        }
        LOG.infof("account %s created by staff member %s from access request %s", account.getId(), staff.user().getId(), request.number());
        return account;
    }

    /** R-FAM-1: the child's card names the parent. */
    private static void linkParent(UserModel child, UserModel parent) {
        List<String> parents = new ArrayList<>(child.getAttributeStream(PeopleDirectory.PARENT_IDS).toList());
        if (!parents.contains(parent.getId())) {
            parents.add(parent.getId());
            child.setAttribute(PeopleDirectory.PARENT_IDS, parents);
        }
    }

    // --- housekeeping --------------------------------------------------------------------------

    public void forgetRealm(String realmId) {
        em().createNamedQuery("AccessRequestEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em().createNamedQuery("MailOutboxEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

}
