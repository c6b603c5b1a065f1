package org.schoolesia.school.link;

import java.time.Clock;
import java.time.ZoneId;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.AccountFlags;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.age.AgeSettings;
import org.schoolesia.school.kernel.PureRule;

/**
 * R-FAM-5: a parent uses their own account, never the child's. The link rules already keep an adult's
 * Госуслуги out of a pupil's account; when an adult's session gets as far as a pupil account under the
 * self-service age — the child's right password typed into «Привязать учетную запись», or a link to
 * the child's account met at login — the account is flagged for the school ({@link AccountFlags}).
 */
final class AdultAtPupilAccount {

    private AdultAtPupilAccount() {
    }

    /** The pure decision: an adult ESIA person at a pupil account that has not reached the self-service age (or has no known birth date). */
    @PureRule
    static final class Rule {
        private Rule() {
        }

        static boolean flags(SchoolRole accountRole, AgePolicy.Verdict esiaPersonAdult, AgePolicy.Verdict pupilSelfServiceAge) {
            return accountRole == SchoolRole.STUDENT && esiaPersonAdult.reached() && !pupilSelfServiceAge.reached();
        }
    }

    static void notice(KeycloakSession session, RealmModel realm, EsiaPersonFacts person, UserModel account, Clock clock) {
        AccountFacts facts = AccountFacts.of(account);
        if (facts.role() != SchoolRole.STUDENT) {
            return;
        }
        ZoneId zone = OrganisationZone.of(session, facts);
        AgePolicy.Verdict adult = AgePolicy.hasReached(AgeSettings.adultAge(realm), person.birthDate(), clock.instant(), zone);
        AgePolicy.Verdict pupil = AgePolicy.hasReached(AgeSettings.selfServiceAge(realm), facts.birthDate(), clock.instant(), zone);
        if (Rule.flags(facts.role(), adult, pupil)) {
            new AccountFlags(session).flag(realm, account, AccountFlags.ADULT_ESIA_SESSION, person.oid());
        }
    }
}
