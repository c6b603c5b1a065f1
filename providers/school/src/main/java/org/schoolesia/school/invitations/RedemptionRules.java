package org.schoolesia.school.invitations;

import java.util.Optional;

import org.schoolesia.school.kernel.PureRule;
import org.schoolesia.school.link.PersonMatch;

/**
 * R-FAM-2, R-FAM-5: who may redeem an invitation code, and whether a code found by what was typed
 * gives this child to this parent. Every reason a code does not (unknown, used, expired, another
 * school's child, the name not the child's) is one and the same answer: the caller learns nothing
 * about codes it does not hold.
 */
@PureRule
public final class RedemptionRules {

    /** Why the caller may not redeem at all: told plainly, as it says nothing about any code. */
    public enum CallerRefusal {
        /** Pupils and staff: only a parent's own account adds children (R-FAM-5). */
        NOT_A_PARENT,
        /** The realm wants parents linked to a confirmed Госуслуги account first. */
        ESIA_REQUIRED
    }

    /**
     * What the database says about the code typed and its child.
     *
     * @param usedAt                 0 while unused
     * @param childIsPupil           the child's account still exists, enabled, with the pupil role
     * @param childAtIssuingSchool   the child's home organisation is still the one whose staff issued the code
     * @param parentInThatSchool     the parent's account is a member of that organisation
     */
    public record CodeFacts(long usedAt, long expiresAt, boolean childIsPupil, boolean childAtIssuingSchool, boolean parentInThatSchool,
                            String childLastName, String childFirstName) {
    }

    private RedemptionRules() {
    }

    /** Role codes as the user profile writes them ({@code parent}, {@code student}, {@code staff}). */
    public static Optional<CallerRefusal> caller(String role, boolean realmRequiresEsia, boolean confirmedEsiaLink) {
        if (!"parent".equals(role)) {
            return Optional.of(CallerRefusal.NOT_A_PARENT);
        }
        if (realmRequiresEsia && !confirmedEsiaLink) {
            return Optional.of(CallerRefusal.ESIA_REQUIRED);
        }
        return Optional.empty();
    }

    /** True only when every fact holds and the typed surname and first name are the child's (ё = е, case, spaces). */
    public static boolean redeemable(CodeFacts code, String typedLastName, String typedFirstName, long now) {
        return code != null && code.usedAt() == 0 && now < code.expiresAt() && code.childIsPupil() && code.childAtIssuingSchool()
                && code.parentInThatSchool() && sameName(typedLastName, code.childLastName()) && sameName(typedFirstName, code.childFirstName());
    }

    static boolean sameName(String typed, String onCard) {
        String a = PersonMatch.fold(typed);
        return !a.isEmpty() && a.equals(PersonMatch.fold(onCard));
    }
}
