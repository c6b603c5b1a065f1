package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.requests.AccessRequestViews.AccountRef;
import org.schoolesia.school.requests.AccessRequestViews.Candidate;
import org.schoolesia.school.requests.AccessRequestViews.ChildDetail;
import org.schoolesia.school.requests.AccessRequestViews.Decision;
import org.schoolesia.school.requests.AccessRequestViews.Detail;
import org.schoolesia.school.requests.AccessRequestViews.Filer;
import org.schoolesia.school.requests.AccessRequestViews.ListPage;
import org.schoolesia.school.requests.AccessRequestViews.StaffRef;
import org.schoolesia.school.requests.AccessRequestViews.Summary;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.Keyset;
import org.schoolesia.school.web.Paging;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffCall;
import org.schoolesia.school.web.StaffMember;

/**
 * {@code /realms/{realm}/school/access-requests}: the access requests «Обратиться в организацию»
 * sent to the staff member's organisation (R-REQ-3), listed, read with what ESIA said and the
 * accounts that may be the person, and decided once (resolve: link or create an account; reject).
 * A request of another organisation, an unknown id and a malformed one all give the same 404
 * (security rule 4).
 */
@Produces(MediaType.APPLICATION_JSON)
public class AccessRequestResource {

    static final int MAX_CLASS_NAME = 255;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final StaffCall call;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Optional<UserModel>> users = new HashMap<>();

    public AccessRequestResource(KeycloakSession session, StaffCall call) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.call = call;
    }

    private AccessRequests requests() {
        return new AccessRequests(session, realm, clock);
    }

    private AccessRequestDecisions decisions() {
        return new AccessRequestDecisions(session, realm, clock);
    }

    /** The organisation's requests, newest first, filtered; dates are days in the organisation's time zone. */
    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("role") String role,
                         @QueryParam("class") String className, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("overdue") String overdue, @QueryParam("number") String number,
                         @QueryParam("first") String first, @QueryParam("max") String max, @QueryParam("after") String after) {
        return call.answer(staff -> {
            ZoneId zone = People.zone(realm, staff.organisation());
            LocalDate fromDay = date(from);
            LocalDate toDay = date(to);
            if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
                throw Refused.of(400, "invalid_period", "schoolRequestInvalidPeriod");
            }
            Instant fromInstant = fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant();
            // «по» includes the whole day.
            Instant toInstant = toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant();
            AccessRequests.Filter filter = new AccessRequests.Filter(status(status), role(role), className(className),
                    fromInstant, toInstant, flag(overdue), number(number));
            Paging paging = Paging.of(first, max);
            Optional<Keyset> cursor = Keyset.parse(after, 2, 0);
            Keyset.notBoth(paging, cursor);
            AccessRequests requests = requests();
            OverduePolicy policy = requests.overdue();
            // With "after" (the "next" of the previous answer) the database seeks to the page instead of skipping rows.
            AccessRequests.Page page = cursor.isPresent()
                    ? requests.list(staff.organisation(), filter, cursor.get(), paging.max())
                    : requests.list(staff.organisation(), filter, paging.first(), paging.max());
            Instant now = clock.instant();
            // totalExact false: "at least total" (a large organisation is not counted to the end on every page).
            return new ListPage(page.total(), page.totalExact(), paging.first(), paging.max(), policy.days(),
                    requests.overdueCount(staff.organisation()), page.items().stream().map(r -> Summary.of(r, policy, now)).toList(),
                    page.next());
        });
    }

    @GET
    @Path("{idOrNumber}")
    public Response one(@PathParam("idOrNumber") String idOrNumber) {
        return call.answer(staff -> {
            AccessRequests requests = requests();
            return detail(staff, requests, requests.find(staff.organisation(), idOrNumber).orElseThrow(Refused::notFound));
        });
    }

    /** See {@link AccessRequestViews#resolution}. */
    @POST
    @Path("{id}/resolve")
    public Response resolve(@PathParam("id") String id, String body) {
        return call.answer(staff -> {
            AccessRequests requests = requests();
            return detail(staff, requests, decisions().resolve(staff, id, AccessRequestViews.resolution(Json.objectOrEmpty(body))));
        });
    }

    /** {@code {"comment":"…"}}: the reason, sent to the person by e-mail (R-REQ-4). */
    @POST
    @Path("{id}/reject")
    public Response reject(@PathParam("id") String id, String body) {
        return call.answer(staff -> {
            AccessRequests requests = requests();
            return detail(staff, requests, decisions().reject(staff, id, Json.text(Json.objectOrEmpty(body), "comment")));
        });
    }

    // --- views ---------------------------------------------------------------------------------

    private Detail detail(StaffMember staff, AccessRequests requests, AccessRequest r) {
        Summary s = Summary.of(r, requests.overdue(), clock.instant());
        boolean pending = r.status() == RequestStatus.PENDING;
        return new Detail(s.id(), s.number(), s.status(), s.role(), s.createdAt(), s.decidedAt(), Filer.of(r.person()),
                ChildDetail.of(r.child()), s.className(), s.overdue(), r.comment(), decision(r),
                pending ? requests.accountCandidates(staff.organisation(), r).stream().map(this::candidate).toList() : null,
                pending ? requests.childCandidates(staff.organisation(), r).stream().map(this::candidate).toList() : null);
    }

    private Decision decision(AccessRequest r) {
        if (!r.status().decided()) {
            return null;
        }
        UserModel account = r.accountId() == null ? null : user(r.accountId());
        return new Decision(r.status().code(), call.messages().text("schoolRequestStatus." + r.status().code()),
                AccessRequestViews.instant(r.decidedAt()),
                r.decidedBy() == null ? null : new StaffRef(r.decidedBy(), fullName(user(r.decidedBy()))), r.decisionComment(),
                r.accountId() == null ? null : new AccountRef(r.accountId(), account == null ? null : account.getUsername(), fullName(account)));
    }

    private Candidate candidate(RequestCandidates.Candidate c) {
        UserModel u = c.account();
        return new Candidate(u.getId(), u.getUsername(), u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME),
                u.getFirstAttribute(SchoolAttributes.BIRTHDATE), c.snilsMatches(), c.nameMatches(), c.birthDateMatches(),
                c.refusal().map(reason -> new AccessRequestViews.Refusal(reason.code(),
                        call.messages().text("schoolRequestLinkRefused." + reason.code()))).orElse(null));
    }

    /** A staff member's or account's name as it is now; null when the account is gone. */
    private static String fullName(UserModel u) {
        if (u == null) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (String part : new String[] {u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME)}) {
            if (part != null && !part.isBlank()) {
                s.append(s.length() == 0 ? "" : " ").append(part.strip());
            }
        }
        return s.length() == 0 ? u.getUsername() : s.toString();
    }

    private UserModel user(String id) {
        return users.computeIfAbsent(id, i -> Optional.ofNullable(session.users().getUserById(realm, i))).orElse(null);
    }

    // --- filters -------------------------------------------------------------------------------

    /** {@code all} (or nothing) is every status. */
    private static RequestStatus status(String value) {
        if (value == null || value.isBlank() || "all".equalsIgnoreCase(value.trim())) {
            return null;
        }
        return RequestStatus.of(value).orElseThrow(() -> Refused.of(400, "invalid_status", "schoolRequestInvalidStatus"));
    }

    private static SchoolRole role(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return SchoolRole.of(value).filter(r -> r != SchoolRole.STAFF)
                .orElseThrow(() -> Refused.of(400, "invalid_role", "schoolInvalidRole"));
    }

    private static String className(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_CLASS_NAME) {
            throw Refused.of(400, "invalid_class", "schoolRequestInvalidClass");
        }
        return value.strip();
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Refused.of(400, "invalid_date", "schoolRequestInvalidDate");
        }
        // Far-off years would overflow the instant arithmetic; no request is that old or that new.
        if (day.getYear() < 1900 || day.getYear() > 2200) {
            throw Refused.of(400, "invalid_date", "schoolRequestInvalidDateRange");
        }
        return day;
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank() || "false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        if ("true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        throw Refused.of(400, "invalid_overdue", "schoolRequestInvalidOverdue");
    }

    /** The number as typed by staff (spaces, dashes, №); a mistyped one (check digit) is 400. */
    private static String number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return RequestNumber.parse(value).orElseThrow(() -> Refused.of(400, "invalid_number", "schoolRequestInvalidNumber"));
    }
}
