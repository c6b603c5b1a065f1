package org.schoolesia.school.link;

import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;

import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.kernel.PureRule;

/**
 * The rules every link obeys, whoever makes it (the person by password, SNILS matching, staff):
 * the account has the role chosen at login (R-ESIA-2, R-LINK-2), is linked to no other ESIA
 * person, does not contradict ESIA's SNILS or birth date, and a parent account is entered only by
 * an adult (R-LINK-3, R-FAM-5). Only confirmed ESIA accounts link at all (R-ESIA-4).
 */
@PureRule
public final class LinkRules {

    private final AgePolicy age;

    public LinkRules(AgePolicy age) {
        this.age = age;
    }

    /**
     * @param linkedOid the ESIA oid the account is linked to now, or null
     * @param zone the account's organisation time zone, for ages (R-AGE-1): asked only when an age
     *             depends on it (a query)
     */
    public Optional<LinkRefusal> check(EsiaPersonFacts person, AccountFacts account, SchoolRole chosenRole,
                                       String linkedOid, Supplier<ZoneId> zone) {
        if (!person.trusted()) {
            return Optional.of(LinkRefusal.UNCONFIRMED_ESIA_ACCOUNT);
        }
        if (!account.enabled()) {
            return Optional.of(LinkRefusal.ACCOUNT_DISABLED);
        }
        if (account.role() == null || account.role() != chosenRole) {
            return Optional.of(LinkRefusal.WRONG_ROLE);
        }
        if (linkedOid != null && !linkedOid.equals(person.oid())) {
            return Optional.of(LinkRefusal.LINKED_ELSEWHERE);
        }
        if (!PersonMatch.noContradiction(person, account)) {
            return Optional.of(LinkRefusal.IDENTITY_MISMATCH);
        }
        if (chosenRole == SchoolRole.STUDENT && !PersonMatch.sameBirthDate(person, account)) {
            // A pupil's card must show the pupil's own birth date: a parent holding the child's password is not the child.
            return Optional.of(LinkRefusal.IDENTITY_MISMATCH);
        }
        if (chosenRole == SchoolRole.PARENT && !adult(person, zone)) {
            return Optional.of(LinkRefusal.PARENT_NOT_ADULT);
        }
        return Optional.empty();
    }

    private boolean adult(EsiaPersonFacts person, Supplier<ZoneId> zone) {
        try {
            return person.birthDate() != null && age.isAdult(person.birthDate(), zone);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
