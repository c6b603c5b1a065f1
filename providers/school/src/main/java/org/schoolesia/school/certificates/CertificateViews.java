package org.schoolesia.school.certificates;

import java.util.List;

import org.schoolesia.school.web.Messages;

/**
 * What relying systems, the personal page and staff see of certificates and eligibility: reason
 * codes with their texts in the caller's language (what is wrong, what to do), the certificate's
 * number, status and dates — never a SNILS or a birth date.
 */
public final class CertificateViews {

    public record ReasonView(String code, String message, String help) {
    }

    public record CertificateView(String id, String number, String status, String statusLabel, String validFrom, String validTo,
                                  String changeReason) {
    }

    /** {@code child} null: a parent with no linked child. */
    public record EntryView(CertificateApplications.Person child, boolean self, boolean eligible, List<ReasonView> reasons,
                            CertificateView certificate) {
    }

    public record Eligibility(List<EntryView> entries) {
    }

    private CertificateViews() {
    }

    public static EntryView entry(CertificateApplications.Entry e, Messages m) {
        return new EntryView(e.child(), e.self(), e.verdict().eligible(),
                e.verdict().ordered().stream().map(r -> reason(r, m)).toList(), certificate(e.certificate(), m));
    }

    public static ReasonView reason(Reason r, Messages m) {
        return new ReasonView(r.code(), m.text("personal.certificate.reason." + r.code()), m.text("personal.certificate.help." + r.code()));
    }

    public static CertificateView certificate(Certificate c, Messages m) {
        return c == null ? null : new CertificateView(c.id(), c.number(), c.status().code(),
                m.text("personal.certificate.status." + c.status().code()), c.validFrom().toString(), c.validTo().toString(), c.changeReason());
    }
}
