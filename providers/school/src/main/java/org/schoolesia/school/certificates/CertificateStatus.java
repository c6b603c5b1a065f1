package org.schoolesia.school.certificates;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.schoolesia.school.kernel.PureRule;

/**
 * R-CERT-3/4: a certificate is issued «Неактивирован»; staff of an authorised organisation make it
 * «Активный» after checking the documents, may suspend it («Приостановлен») and resume it, or
 * revoke it («Отозван», final: the child may then get a new one).
 */
@PureRule
public enum CertificateStatus {
    INACTIVE("inactive"),
    ACTIVE("active"),
    SUSPENDED("suspended"),
    REVOKED("revoked");

    /** What staff do to a certificate; each names the statuses it may start from. */
    public enum Change {
        ACTIVATE("activate", ACTIVE),
        SUSPEND("suspend", SUSPENDED),
        REVOKE("revoke", REVOKED);

        private final String code;
        private final CertificateStatus to;

        Change(String code, CertificateStatus to) {
            this.code = code;
            this.to = to;
        }

        public String code() {
            return code;
        }

        public CertificateStatus to() {
            return to;
        }

        /** The statuses this change may start from. */
        public Set<CertificateStatus> from() {
            return switch (this) {
                case ACTIVATE -> EnumSet.of(INACTIVE, SUSPENDED);
                case SUSPEND -> EnumSet.of(ACTIVE);
                case REVOKE -> EnumSet.of(INACTIVE, ACTIVE, SUSPENDED);
            };
        }

        /** Suspending and revoking say why; activating follows the documents' check. */
        public boolean needsReason() {
            return this != ACTIVATE;
        }

        public static Optional<Change> of(String code) {
            return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
        }
    }

    private final String code;

    CertificateStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean allows(Change change) {
        return change.from().contains(this);
    }

    public static Optional<CertificateStatus> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
