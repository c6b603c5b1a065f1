package org.schoolesia.school.link;

/**
 * Why a link was refused. Written to the audit log only: the person sees the same message as for
 * a wrong password, so nobody learns which accounts exist, whose they are or how they are linked.
 */
public enum LinkRefusal {
    UNKNOWN_ACCOUNT("unknown_account"),
    WRONG_PASSWORD("wrong_password"),
    ACCOUNT_LOCKED("account_locked"),
    ACCOUNT_DISABLED("account_disabled"),
    NOT_ORGANISATION_MEMBER("not_organisation_member"),
    WRONG_ROLE("wrong_role"),
    LINKED_ELSEWHERE("linked_to_other_esia_person"),
    /** R-LINK-3, R-FAM-5: a parent's ESIA never enters a child's account; a minor is no parent. */
    PARENT_NOT_ADULT("parent_not_adult"),
    /** SNILS or birth date on the card contradict ESIA: e.g. a parent typing the child's password. */
    IDENTITY_MISMATCH("identity_mismatch"),
    UNCONFIRMED_ESIA_ACCOUNT("unconfirmed_esia_account"),
    /** R-ODO-2: staff link the accounts their organisation created, not those of members from elsewhere. */
    NOT_HOME_ORGANISATION("not_home_organization"),
    /** The per-ESIA-person limit of failed attempts was reached. */
    TOO_MANY_ATTEMPTS("too_many_link_failures");

    private final String code;

    LinkRefusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
