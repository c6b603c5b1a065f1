package org.schoolesia.school.requests;

import java.time.Clock;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.AccountFactory;
import org.schoolesia.school.accounts.EnrolmentSource;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.accounts.SnilsIndex;
import org.schoolesia.school.web.StaffMember;
import org.schoolesia.school.accounts.ValidPerson;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.age.AgeSettings;
import org.schoolesia.school.family.FamilyLinks;
import org.schoolesia.school.family.LinkKind;
import org.schoolesia.school.family.LinkSource;
import org.schoolesia.school.link.EsiaLinks;
import org.schoolesia.school.link.LinkMethod;
import org.schoolesia.school.link.LinkRefusal;

/**
 * Staff decisions on access requests (R-REQ-3): resolve by linking or creating the account, or
 * reject. A decision is taken once: the status changes only from pending, in the same transaction
 * as the link, the account it may create and the e-mail it owes (R-REQ-4), so all of it happens or
 * none; a second decision gets 409 {@code already_decided}.
 */
public final class AccessRequestDecisions {

    private static final Logger LOG = Logger.getLogger(AccessRequestDecisions.class);

    public static final String RESOLVED_TEMPLATE = "school-access-request-resolved.ftl";
    public static final String REJECTED_TEMPLATE = "school-access-request-rejected.ftl";

    /**
     * A resolving decision: link the ESIA person to {@code accountId}, or create the account; a
     * parent's request may also name the child's account to link the parent to (R-FAM-1).
     */
    public record Resolution(String accountId, boolean createAccount, String childAccountId, String comment) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock;
    private final AccessRequests requests;
    private final RequestCandidates candidates;

    public AccessRequestDecisions(KeycloakSession session, RealmModel realm, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.clock = clock;
        this.requests = new AccessRequests(session, realm, clock);
        this.candidates = new RequestCandidates(session, realm, clock);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    // --- the staff side: deciding --------------------------------------------------------------

    /**
     * R-REQ-3: links the person to the chosen account (or a new one), records the decision and
     * owes the person the e-mail of R-REQ-4. The same rules as every link: role, parent never into
     * a child's account, account not linked to someone else.
     */
    public AccessRequest resolve(StaffMember staff, String id, Resolution resolution) {
        String comment = cleanComment(resolution.comment());
        AccessRequest request = requests.find(staff.organisation(), id).orElseThrow(Refused::notFound);
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
            linkParent(staff, child, account);
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
        AccessRequest request = requests.find(staff.organisation(), id).orElseThrow(Refused::notFound);
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
        if (request.role() == SchoolRole.PARENT && !new AgePolicy(clock, AgeSettings.adultAge(realm)).isAdult(p.birthDate(), People.zone(realm, staff.organisation()))) {
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
                .create(person, request.role());
        if (request.role() == SchoolRole.STUDENT && request.classId() != null) {
            // Still one of this organisation's classes (groups change; a request only names one).
            SchoolClasses.find(SchoolClasses.of(session, staff.organisation()), request.classId()).ifPresent(account::joinGroup);
        }
        if (child != null) {
            linkParent(staff, child, account);
        }
        LOG.infof("account %s created by staff member %s from access request %s", account.getId(), staff.user().getId(), request.number());
        return account;
    }

    /** R-FAM-1: the request named the child; the link commits (or rolls back) with the decision. */
    private void linkParent(StaffMember staff, UserModel child, UserModel parent) {
        new FamilyLinks(session).linkWithCaller(realm, parent, child, LinkKind.PARENT, LinkSource.REQUEST, staff.user().getId());
    }

}
