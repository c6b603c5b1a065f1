package org.schoolesia.school.certificates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.claims.PersonFacts;
import org.schoolesia.school.claims.SchoolClaimMapper;
import org.schoolesia.school.family.FamilyLinks;

/**
 * {@code school_certificates} (R-CERT-1/2, R-CERT-6): for a pupil one entry about themselves, for a
 * parent one per linked child (or one without {@code id} when none is linked) — the opaque id, whether
 * a certificate may be applied for now ({@code eligible}, {@code reasons} as the stable codes of
 * {@link Reason}) and the standing certificate's {@code number}, {@code status}, {@code valid_from},
 * {@code valid_to}. Judged by {@link CertificateApplications}, as the REST answer and the personal page
 * are, so the three never disagree; no names, SNILS or birth dates (those are {@code school_children}'s
 * or nobody's). Staff and accounts without a school role get no claim. The children, their facts
 * and certificates are one indexed query ({@link LinkedChildren}), made once per request for all the
 * tokens built in it, and handed to {@code school_children} ({@link PersonFacts#childrenKnown}).
 */
public final class CertificateClaimMapper extends SchoolClaimMapper {

    public static final String ID = "school-certificates-claim";
    public static final String CLAIM = "school_certificates";

    public CertificateClaimMapper() {
        super(ID, "School: certificate status",
                "Claim school_certificates for pupils and parents: [{id, self, eligible, reasons, certificate: {number, status, valid_from, valid_to}}], "
                        + "one entry per linked child for a parent; the same answer as GET /school/certificates/eligibility.", CLAIM);
    }

    @Override
    protected Object value(PersonFacts person) {
        SchoolRole role = SchoolRole.of(person.attribute(SchoolAttributes.ROLE)).orElse(null);
        if (role != SchoolRole.PARENT && role != SchoolRole.STUDENT) {
            return null;
        }
        // The ID token, access token and userinfo of one request share one judgement (and one query).
        String key = CertificateClaimMapper.class.getName() + "/" + person.realm().getId() + "/" + person.user().getId();
        Object shared = person.session().getAttribute(key);
        if (shared != null) {
            return shared;
        }
        List<CertificateApplications.Entry> entries = new CertificateApplications(person.session(), person.realm()).all(person.user());
        if (role == SchoolRole.PARENT) {
            // school_children then takes the names from this query instead of making its own.
            person.childrenKnown(entries.stream().filter(e -> e.child() != null)
                    .map(e -> new FamilyLinks.NamedChild(e.child().id(), e.child().lastName(), e.child().firstName(), e.child().middleName()))
                    .toList());
        }
        List<Map<String, Object>> value = entries.stream().map(CertificateClaimMapper::claim).toList();
        person.session().setAttribute(key, value);
        return value;
    }

    /**
     * Before the other school mappers (Keycloak runs a token's mappers by priority), so that
     * {@code school_children} reuses this mapper's one query: one query per token for both.
     */
    @Override
    public int getPriority() {
        return -1;
    }

    static Map<String, Object> claim(CertificateApplications.Entry entry) {
        Map<String, Object> claim = new LinkedHashMap<>();
        if (entry.child() != null) {
            claim.put("id", entry.child().id());
        }
        claim.put("self", entry.self());
        claim.put("eligible", entry.verdict().eligible());
        claim.put("reasons", entry.verdict().ordered().stream().map(Reason::code).toList());
        Certificate c = entry.certificate();
        if (c != null) {
            Map<String, Object> certificate = new LinkedHashMap<>();
            certificate.put("number", c.number());
            certificate.put("status", c.status().code());
            certificate.put("valid_from", c.validFrom().toString());
            certificate.put("valid_to", c.validTo().toString());
            claim.put("certificate", certificate);
        }
        return claim;
    }
}
