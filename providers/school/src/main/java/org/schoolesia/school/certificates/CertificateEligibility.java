package org.schoolesia.school.certificates;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.kernel.PureRule;

/**
 * R-CERT-6, R-CERT-1/2: may this person get a certificate for this child now — and if not, every
 * reason why, not only the first. The one rule behind the REST answer, the personal page's button
 * and the claim, so the three never disagree. Facts come in already read ({@link Applicant},
 * {@link Child}, {@link Settings}); nothing here touches Keycloak.
 */
@PureRule
public final class CertificateEligibility {

    public enum Role { PARENT, STUDENT, OTHER }

    /**
     * Who asks. {@code parentAtKeyboard}: evidence that a parent uses this account (the login chose
     * the parent role, or the account asks about a child).
     */
    public record Applicant(Role role, LocalDate birthDate, boolean parentAtKeyboard) {
    }

    /** The child the certificate would be for (a pupil asking for themselves is their own child here). */
    public record Child(LocalDate birthDate, boolean hasCertificate, boolean organisationModuleOn, ZoneId zone) {
    }

    /**
     * The realm's rules: module switch, the pupil's self-service age (R-AGE-1, 14), the age range
     * [{@code minAge}, {@code maxAge}) of certificate holders, and the instant judged.
     */
    public record Settings(boolean realmModuleOn, int selfServiceAge, int minAge, int maxAge, Instant now) {
        public Settings {
            if (minAge < 0 || maxAge <= minAge) {
                throw new IllegalArgumentException("age range " + minAge + ".." + maxAge);
            }
        }
    }

    /** The answer: eligible exactly when no reason blocks; reasons in the enum's order. */
    public record Verdict(Set<Reason> reasons) {
        public Verdict {
            reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
        }

        public boolean eligible() {
            return reasons.isEmpty();
        }

        public List<Reason> ordered() {
            return List.copyOf(reasons);
        }
    }

    private final Settings settings;

    public CertificateEligibility(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    /**
     * A pupil in their own cabinet asking for themselves (R-CERT-1). R-CERT-6 (4) is told when
     * {@link Applicant#parentAtKeyboard()} and the account is a child's under 14.
     */
    public Verdict forSelf(Applicant pupil, Child self) {
        EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);
        moduleSwitches(reasons, self);
        if (pupil.role() != Role.STUDENT) {
            reasons.add(pupil.role() == Role.PARENT ? Reason.NO_LINKED_CHILD : Reason.ROLE_NOT_ELIGIBLE);
            return new Verdict(reasons);
        }
        AgePolicy.Verdict own = AgePolicy.hasReached(settings.selfServiceAge(), self.birthDate(), settings.now(), self.zone());
        if (own == AgePolicy.Verdict.BIRTH_DATE_UNKNOWN) {
            reasons.add(Reason.BIRTH_DATE_UNKNOWN);
        } else if (own == AgePolicy.Verdict.NOT_REACHED) {
            // R-CERT-6 (2); (4) too when a parent is evidently at the keyboard of the child's account.
            reasons.add(Reason.PUPIL_UNDER_14);
            if (pupil.parentAtKeyboard()) {
                reasons.add(Reason.CHILD_ACCOUNT_UNDER_14);
            }
        }
        childFacts(reasons, self);
        return new Verdict(reasons);
    }

    /** A parent asking for one linked child (R-CERT-2: the child chosen first). */
    public Verdict forChild(Applicant parent, Child child) {
        EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);
        moduleSwitches(reasons, child);
        if (parent.role() != Role.PARENT) {
            reasons.add(Reason.ROLE_NOT_ELIGIBLE);
        }
        childFacts(reasons, child);
        return new Verdict(reasons);
    }

    /** A parent with no linked child (R-CERT-6 (3)): nothing to choose, the realm's switch still told. */
    public Verdict withoutChild(Applicant parent) {
        EnumSet<Reason> reasons = EnumSet.of(parent.role() == Role.PARENT ? Reason.NO_LINKED_CHILD : Reason.ROLE_NOT_ELIGIBLE);
        if (!settings.realmModuleOn()) {
            reasons.add(Reason.MODULE_OFF_REALM);
        }
        return new Verdict(reasons);
    }

    private void moduleSwitches(EnumSet<Reason> reasons, Child child) {
        if (!settings.realmModuleOn()) {
            reasons.add(Reason.MODULE_OFF_REALM);
        }
        if (!child.organisationModuleOn()) {
            reasons.add(Reason.MODULE_OFF_ORGANISATION);
        }
    }

    /** R-CERT-6 (1), the age range, an unknown birth date: facts of the child, whoever asks. */
    private void childFacts(EnumSet<Reason> reasons, Child child) {
        if (child.hasCertificate()) {
            reasons.add(Reason.ALREADY_HAS_CERTIFICATE);
        }
        AgePolicy.Verdict min = AgePolicy.hasReached(settings.minAge(), child.birthDate(), settings.now(), child.zone());
        if (min == AgePolicy.Verdict.BIRTH_DATE_UNKNOWN) {
            reasons.add(Reason.BIRTH_DATE_UNKNOWN);
            return;
        }
        boolean tooOld = AgePolicy.hasReached(settings.maxAge(), child.birthDate(), settings.now(), child.zone()).reached();
        if (!min.reached() || tooOld) {
            reasons.add(Reason.AGE_OUT_OF_RANGE);
        }
    }
}
