package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.kernel.PersonFields;
import org.schoolesia.school.link.EsiaPersonFacts;

/** An access request as read from the database (R-REQ-1..4). */
public record AccessRequest(String id, String number, String organisationId, String classId, String className,
                            SchoolRole role, RequestStatus status, Person person, Child child, String comment,
                            String locale, Instant createdAt, Instant decidedAt, String decidedBy,
                            String decisionComment, String accountId) {

    /** The filer as ESIA described them when they filed. */
    public record Person(String esiaOid, String lastName, String firstName, String middleName, LocalDate birthDate,
                         String email, String snils, boolean trusted) {

        public String fullName() {
            return join(lastName, firstName, middleName);
        }

        /** The facts the linking rules check, as if the person were logging in now. */
        public EsiaPersonFacts facts() {
            return new EsiaPersonFacts(esiaOid, lastName, firstName, middleName, birthDate, snils, trusted);
        }
    }

    /** The child a parent named, from their ESIA profile (/kids). */
    public record Child(String esiaOid, String lastName, String firstName, String middleName, LocalDate birthDate,
                        String snils, String birthCertificate) {

        public String fullName() {
            return join(lastName, firstName, middleName);
        }
    }

    static AccessRequest of(AccessRequestEntry e) {
        Child child = e.getChildOid() == null && e.getChildLastName() == null ? null
                : new Child(e.getChildOid(), e.getChildLastName(), e.getChildFirstName(), e.getChildMiddleName(),
                        date(e.getChildBirthDate()), e.getChildSnils(), e.getChildCertificate());
        return new AccessRequest(e.getId(), e.getNumber(), e.getOrganisationId(), e.getClassId(), e.getClassName(),
                SchoolRole.of(e.getRole()).orElse(null), RequestStatus.of(e.getStatus()).orElse(RequestStatus.PENDING),
                new Person(e.getEsiaOid(), e.getLastName(), e.getFirstName(), e.getMiddleName(), date(e.getBirthDate()),
                        e.getEmail(), e.getSnils(), e.isTrusted()),
                child, e.getComment(), e.getLocale(), Instant.ofEpochMilli(e.getCreatedAt()),
                e.getDecidedAt() == null ? null : Instant.ofEpochMilli(e.getDecidedAt()), e.getDecidedBy(),
                e.getDecisionComment(), e.getAccountId());
    }

    /** Defect 6: a stored date that is (or has become) implausible reads as unknown, never as a guess. */
    private static LocalDate date(String value) {
        return PersonFields.birthDate(value, Clock.systemUTC()).orElse(null);
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(p.trim());
            }
        }
        return out.toString();
    }
}
