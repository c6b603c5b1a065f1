package org.schoolesia.school.link;

import java.util.Locale;
import java.util.Map;

import org.schoolesia.esia.broker.EsiaNotes;
import org.schoolesia.school.kernel.PureRule;

/**
 * Defect 4: ESIA keeps answering for an account its owner (or ESIA) deleted, with the same SNILS,
 * name and birth date. Such an account proves nothing about who is at the keyboard now, so it may
 * neither enter a linked account nor be linked by SNILS or a staff authorisation: every step of the
 * first login refuses it before doing anything else.
 */
@PureRule
public final class DeletedEsiaAccount {

    /** Message of the themed page: the Госуслуги account is deleted, and what to do. */
    public static final String MESSAGE = "schoolEsiaAccountDeleted";
    /** Audit reason of the refused login. */
    public static final String REASON = "esia_account_deleted";

    private static final String DELETED = "DELETED";

    private DeletedEsiaAccount() {
    }

    /** The esia module passes ESIA's status through as received (upper case); school decides it means "refuse". */
    public static boolean is(Map<String, ?> contextData) {
        Object status = contextData == null ? null : contextData.get(EsiaNotes.STATUS);
        return status != null && DELETED.equals(status.toString().trim().toUpperCase(Locale.ROOT));
    }
}
