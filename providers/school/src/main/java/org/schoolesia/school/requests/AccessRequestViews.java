package org.schoolesia.school.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.Refused;

/**
 * The typed bodies of {@link AccessRequestResource}. Every field is written, {@code null} when it
 * has no value ({@code "child": null}); comments are plain strings, to be shown as text.
 */
final class AccessRequestViews {

    private AccessRequestViews() {
    }

    record Names(String lastName, String firstName, String middleName, String birthDate) {
        static Names of(AccessRequest.Person p) {
            return new Names(p.lastName(), p.firstName(), p.middleName(), day(p.birthDate()));
        }

        static Names of(AccessRequest.Child c) {
            return c == null ? null : new Names(c.lastName(), c.firstName(), c.middleName(), day(c.birthDate()));
        }
    }

    /** A line of the list. */
    record Summary(String id, String number, String status, String role, String createdAt, String decidedAt,
                   Names person, Names child, String className, boolean overdue) {
        static Summary of(AccessRequest r, OverduePolicy policy, Instant now) {
            return new Summary(r.id(), r.number(), r.status().code(), r.role() == null ? null : r.role().code(),
                    r.createdAt().toString(), instant(r.decidedAt()), Names.of(r.person()), Names.of(r.child()), r.className(),
                    policy.isOverdue(r.status(), r.createdAt(), now));
        }
    }

    /**
     * {@code next}: the {@code after} cursor of the following page, null on the last. With
     * {@code after}, {@code total} counts from that cursor on (issue 14, keyset paging).
     */
    record ListPage(long total, boolean totalExact, int first, int max, int overdueDays, long overdueTotal, List<Summary> items,
                    String next) {
    }

    /** The filer as ESIA described them: for staff eyes, SNILS masked. */
    record Filer(String lastName, String firstName, String middleName, String birthDate, String email, String snilsMasked,
                 boolean trusted) {
        static Filer of(AccessRequest.Person p) {
            return new Filer(p.lastName(), p.firstName(), p.middleName(), day(p.birthDate()), p.email(), People.maskedSnils(p.snils()),
                    p.trusted());
        }
    }

    record ChildDetail(String lastName, String firstName, String middleName, String birthDate, String snilsMasked,
                       String birthCertificate) {
        static ChildDetail of(AccessRequest.Child c) {
            return c == null ? null : new ChildDetail(c.lastName(), c.firstName(), c.middleName(), day(c.birthDate()),
                    People.maskedSnils(c.snils()), c.birthCertificate());
        }
    }

    record StaffRef(String id, String name) {
    }

    record AccountRef(String id, String username, String name) {
    }

    /** {@code statusLabel} in the caller's language: «Разрешено», «Отклонено», «Привязан другим способом» (defect 9). */
    record Decision(String status, String statusLabel, String decidedAt, StaffRef decidedBy, String comment, AccountRef account) {
    }

    record Refusal(String reason, String message) {
    }

    record Candidate(String id, String username, String lastName, String firstName, String middleName, String birthdate,
                     boolean snilsMatches, boolean nameMatches, boolean birthDateMatches, Refusal refusal) {
    }

    /** One request with what staff need to decide it; accounts to choose from only while it is pending. */
    record Detail(String id, String number, String status, String role, String createdAt, String decidedAt, Filer person,
                  ChildDetail child, String className, boolean overdue, String comment, Decision decision,
                  @JsonInclude(JsonInclude.Include.NON_NULL) List<Candidate> candidates,
                  @JsonInclude(JsonInclude.Include.NON_NULL) List<Candidate> childCandidates) {
    }

    /**
     * {@code {"accountId":"…"}} links the person to that account, {@code {"createAccount":true}}
     * creates one from what ESIA said; a parent's request may name {@code "childAccountId"};
     * {@code "comment"} goes to the person by e-mail (R-REQ-4).
     */
    static AccessRequestDecisions.Resolution resolution(JsonNode json) {
        String accountId = Json.text(json, "accountId");
        boolean create = Json.flag(json, "createAccount", false);
        if (create && accountId != null && !accountId.isBlank()) {
            throw Refused.of(400, "account_ambiguous", "schoolRequestAccountAmbiguous");
        }
        return new AccessRequestDecisions.Resolution(accountId, create, Json.text(json, "childAccountId"), Json.text(json, "comment"));
    }

    static String day(LocalDate date) {
        return date == null ? null : date.toString();
    }

    static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
