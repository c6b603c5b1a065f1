package org.schoolesia.school.certificates;

import org.schoolesia.school.kernel.PureRule;

/**
 * Why «Получить сертификат» is not offered (R-CERT-6, R-CERT-1): stable codes for relying systems,
 * the page and the claim. Texts: {@code personal.certificate.reason.<code>} (what is wrong) and
 * {@code personal.certificate.help.<code>} (what to do), ru and en.
 */
@PureRule
public enum Reason {
    /** R-CERT-6 (1): the child already holds a certificate that is not revoked. */
    ALREADY_HAS_CERTIFICATE("already_has_certificate"),
    /** R-CERT-6 (2): a pupil's own cabinet before the 14th birthday (R-AGE-1). */
    PUPIL_UNDER_14("pupil_under_14"),
    /** R-CERT-6 (3), R-ODO-4: a parent with no child linked (R-FAM-1). */
    NO_LINKED_CHILD("no_linked_child"),
    /** R-CERT-6 (4), R-FAM-5: the account of a child under 14 used as a parent's. */
    CHILD_ACCOUNT_UNDER_14("child_account_under_14"),
    /** R-CERT-1: the realm has not switched the certificates module on. */
    MODULE_OFF_REALM("module_off_realm"),
    /** R-CERT-1: the child's home organisation has the module off. */
    MODULE_OFF_ORGANISATION("module_off_organisation"),
    /** The realm's age range for certificates (default 5 up to the 18th birthday). */
    AGE_OUT_OF_RANGE("age_out_of_range"),
    /** No plausible birth date on the child's card: age rules are never guessed (R-AGE-1). */
    BIRTH_DATE_UNKNOWN("birth_date_unknown"),
    /** Staff and accounts without a school role: certificates are for pupils and parents (R-CERT-1). */
    ROLE_NOT_ELIGIBLE("role_not_eligible");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
