package org.schoolesia.school.certificates;

import java.time.LocalDate;

import org.schoolesia.school.kernel.PureRule;

/** A certificate as read from its row (R-CERT-3/4); {@code changedAt} null until staff first changed it. */
@PureRule
public record Certificate(String id, String childId, String number, CertificateStatus status, LocalDate validFrom, LocalDate validTo,
                          long issuedAt, String issuedBy, Long changedAt, String changedBy, String changedInOrg, String changeReason) {
}
