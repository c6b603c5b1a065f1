package org.schoolesia.school.rest;

import static org.schoolesia.school.rest.StaffCall.jsonWithNulls;
import static org.schoolesia.school.rest.StaffCall.maskedSnils;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.schoolesia.school.accounts.Refused;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.accounts.StaffMember;
import org.schoolesia.school.requests.AccessRequest;
import org.schoolesia.school.requests.AccessRequests;
import org.schoolesia.school.requests.RequestCandidates;
import org.schoolesia.school.requests.OverduePolicy;
import org.schoolesia.school.requests.RequestNumber;
import org.schoolesia.school.requests.RequestStatus;

/**
 * {@code /realms/{realm}/school/access-requests}: the access requests «Обратиться в организацию»
 * sent to the staff member's organisation (R-REQ-3), listed, read with what ESIA said and the
 * accounts that may be the person, and decided once (resolve: link or create an account; reject).
 * Authentication and errors as the staff API ({@link StaffCall}); a request of another
 * organisation, an unknown id and a malformed one all give the same 404 (security rule 4).
 * Answers are written with explicit nulls ({@code "child": null}); comments are plain strings,
 * to be shown as text.
 */
@Produces(MediaType.APPLICATION_JSON)
public class AccessRequestResource {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 100;
    static final int MAX_CLASS_NAME = 255;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final StaffCall call;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Optional<UserModel>> users = new HashMap<>();
    private Messages messages;

    public AccessRequestResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.call = new StaffCall(session);
    }

    private AccessRequests requests() {
        return new AccessRequests(session, realm, clock);
    }

    /** The organisation's requests, newest first, filtered; dates are days in the organisation's time zone. */
    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("role") String role,
                         @QueryParam("class") String className, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("overdue") String overdue, @QueryParam("number") String number,
                         @QueryParam("first") String firstParam, @QueryParam("max") String maxParam) {
        return call.respond(staff -> {
            ZoneId zone = People.zone(staff.organisation());
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
            int first = paging(firstParam, 0, 0, Integer.MAX_VALUE);
            int max = paging(maxParam, DEFAULT_PAGE, 1, MAX_PAGE);

            AccessRequests requests = requests();
            OverduePolicy policy = requests.overdue();
            AccessRequests.Page page = requests.list(staff.organisation(), filter, first, max);
            long overdueTotal = requests.overdueCount(staff.organisation());
            Instant now = clock.instant();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", page.total());
            // false: "at least total" (a large organisation is not counted to the end on every page).
            body.put("totalExact", page.totalExact());
            body.put("first", first);
            body.put("max", max);
            body.put("overdueDays", policy.days());
            body.put("overdueTotal", overdueTotal);
            body.put("items", page.items().stream().map(r -> summary(r, policy, now)).toList());
            return jsonWithNulls(200, body);
        });
    }

    @GET
    @Path("{idOrNumber}")
    public Response one(@PathParam("idOrNumber") String idOrNumber) {
        return call.respond(staff -> {
            AccessRequests requests = requests();
            AccessRequest request = requests.find(staff.organisation(), idOrNumber).orElseThrow(Refused::notFound);
            return jsonWithNulls(200, detail(staff, requests, request));
        });
    }

    /**
     * {@code {"accountId":"…"}} links the person to that account, {@code {"createAccount":true}}
     * creates one from what ESIA said; a parent's request may name {@code "childAccountId"};
     * {@code "comment"} goes to the person by e-mail (R-REQ-4).
     */
    @POST
    @Path("{id}/resolve")
    public Response resolve(@PathParam("id") String id, String body) {
        return call.respond(staff -> {
            JsonNode json = bodyObject(body);
            String accountId = string(json, "accountId");
            JsonNode create = json.get("createAccount");
            if (create != null && !create.isNull() && !create.isBoolean()) {
                throw Refused.of(400, "invalid_request", "schoolInvalidRequest");
            }
            boolean createAccount = create != null && create.asBoolean(false);
            if (createAccount && accountId != null && !accountId.isBlank()) {
                throw Refused.of(400, "account_ambiguous", "schoolRequestAccountAmbiguous");
            }
            AccessRequests requests = requests();
            AccessRequest decided = requests.resolve(staff, id, new AccessRequests.Resolution(accountId, createAccount,
                    string(json, "childAccountId"), string(json, "comment")));
            return jsonWithNulls(200, detail(staff, requests, decided));
        });
    }

    /** {@code {"comment":"…"}}: the reason, sent to the person by e-mail (R-REQ-4). */
    @POST
    @Path("{id}/reject")
    public Response reject(@PathParam("id") String id, String body) {
        return call.respond(staff -> {
            JsonNode json = bodyObject(body);
            AccessRequests requests = requests();
            AccessRequest decided = requests.reject(staff, id, string(json, "comment"));
            return jsonWithNulls(200, detail(staff, requests, decided));
        });
    }

    // --- views ---------------------------------------------------------------------------------

    private Map<String, Object> summary(AccessRequest r, OverduePolicy policy, Instant now) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", r.id());
        item.put("number", r.number());
        item.put("status", r.status().code());
        item.put("role", r.role() == null ? null : r.role().code());
        item.put("createdAt", r.createdAt().toString());
        item.put("decidedAt", r.decidedAt() == null ? null : r.decidedAt().toString());
        AccessRequest.Person p = r.person();
        item.put("person", names(p.lastName(), p.firstName(), p.middleName(), p.birthDate()));
        AccessRequest.Child c = r.child();
        item.put("child", c == null ? null : names(c.lastName(), c.firstName(), c.middleName(), c.birthDate()));
        item.put("className", r.className());
        item.put("overdue", policy.isOverdue(r.status(), r.createdAt(), now));
        return item;
    }

    private Map<String, Object> detail(StaffMember staff, AccessRequests requests, AccessRequest r) {
        Map<String, Object> body = summary(r, requests.overdue(), clock.instant());
        AccessRequest.Person p = r.person();
        Map<String, Object> person = names(p.lastName(), p.firstName(), p.middleName(), p.birthDate());
        person.put("email", p.email());
        person.put("snilsMasked", maskedSnils(p.snils()));
        person.put("trusted", p.trusted());
        body.put("person", person);
        AccessRequest.Child c = r.child();
        if (c != null) {
            Map<String, Object> child = names(c.lastName(), c.firstName(), c.middleName(), c.birthDate());
            child.put("snilsMasked", maskedSnils(c.snils()));
            child.put("birthCertificate", c.birthCertificate());
            body.put("child", child);
        }
        body.put("comment", r.comment());
        body.put("decision", decision(r));
        if (r.status() == RequestStatus.PENDING) {
            body.put("candidates", requests.accountCandidates(staff.organisation(), r).stream().map(this::candidate).toList());
            body.put("childCandidates", requests.childCandidates(staff.organisation(), r).stream().map(this::candidate).toList());
        }
        return body;
    }

    private Map<String, Object> decision(AccessRequest r) {
        if (!r.status().decided()) {
            return null;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status", r.status().code());
        d.put("decidedAt", r.decidedAt() == null ? null : r.decidedAt().toString());
        d.put("decidedBy", r.decidedBy() == null ? null : ref(r.decidedBy(), false));
        d.put("comment", r.decisionComment());
        d.put("account", r.accountId() == null ? null : ref(r.accountId(), true));
        return d;
    }

    /** A staff member or account by id: its name as it is now (null when the account is gone). */
    private Map<String, Object> ref(String userId, boolean withUsername) {
        UserModel u = user(userId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", userId);
        if (withUsername) {
            out.put("username", u == null ? null : u.getUsername());
        }
        out.put("name", u == null ? null : fullName(u));
        return out;
    }

    private Map<String, Object> candidate(RequestCandidates.Candidate c) {
        UserModel u = c.account();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", u.getId());
        item.put("username", u.getUsername());
        item.put("lastName", u.getLastName());
        item.put("firstName", u.getFirstName());
        item.put("middleName", u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME));
        item.put("birthdate", u.getFirstAttribute(SchoolAttributes.BIRTHDATE));
        item.put("snilsMatches", c.snilsMatches());
        item.put("nameMatches", c.nameMatches());
        item.put("birthDateMatches", c.birthDateMatches());
        item.put("refusal", c.refusal().map(reason -> {
            Map<String, Object> refusal = new LinkedHashMap<>();
            refusal.put("reason", reason.code());
            refusal.put("message", messages().text("schoolRequestLinkRefused." + reason.code()));
            return refusal;
        }).orElse(null));
        return item;
    }

    private static Map<String, Object> names(String lastName, String firstName, String middleName, LocalDate birthDate) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lastName", lastName);
        out.put("firstName", firstName);
        out.put("middleName", middleName);
        out.put("birthDate", birthDate == null ? null : birthDate.toString());
        return out;
    }

    private static String fullName(UserModel u) {
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

    private Messages messages() {
        if (messages == null) {
            messages = call.messages();
        }
        return messages;
    }

    // --- input ---------------------------------------------------------------------------------

    /** An empty body is an empty object: a rejection or resolution may come without a comment. */
    private static JsonNode bodyObject(String body) {
        return body == null || body.isBlank() ? StaffCall.JSON.createObjectNode() : StaffCall.jsonObject(body);
    }

    /** A text field: absent or null is null; anything but a string or number is 400. */
    private static String string(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw Refused.of(400, "invalid_request", "schoolInvalidRequest");
        }
        return v.asText();
    }

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

    private static int paging(String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw Refused.of(400, "invalid_paging", "schoolRequestInvalidPaging", String.valueOf(MAX_PAGE));
            }
            return n;
        } catch (NumberFormatException e) {
            throw Refused.of(400, "invalid_paging", "schoolRequestInvalidPaging", String.valueOf(MAX_PAGE));
        }
    }
}
