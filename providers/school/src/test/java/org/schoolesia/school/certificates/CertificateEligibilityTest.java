package org.schoolesia.school.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.certificates.CertificateEligibility.Applicant;
import org.schoolesia.school.certificates.CertificateEligibility.Child;
import org.schoolesia.school.certificates.CertificateEligibility.Role;
import org.schoolesia.school.certificates.CertificateEligibility.Settings;
import org.schoolesia.school.certificates.CertificateEligibility.Verdict;

/** R-CERT-6, R-CERT-1/2: every blocking reason, not only the first. */
class CertificateEligibilityTest {

    private static final ZoneId SAKHALIN = ZoneId.of("Asia/Sakhalin");
    /** 01:00 on 6 December 2026 on Sakhalin, 17:00 on the 5th in Moscow. */
    private static final Instant NOW = Instant.parse("2026-12-05T14:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final CertificateEligibility RULE = new CertificateEligibility(new Settings(true, 14, 5, 18, NOW));
    private static final Applicant PARENT = new Applicant(Role.PARENT, LocalDate.of(1986, 3, 14), false);

    private static Child child(LocalDate born) {
        return new Child(born, false, true, SAKHALIN);
    }

    private static Applicant pupil(LocalDate born) {
        return new Applicant(Role.STUDENT, born, false);
    }

    @Test
    void r_cert_1_aPupilOf14Years0DaysMayGetOne() {
        LocalDate born = TODAY.minusYears(14);
        Verdict v = RULE.forSelf(pupil(born), child(born));
        assertTrue(v.eligible(), v.toString());
    }

    @Test
    void r_cert_6_2_aPupilOf13Years364DaysMayNot() {
        LocalDate born = TODAY.minusYears(14).plusDays(1);
        assertEquals(List.of(Reason.PUPIL_UNDER_14), RULE.forSelf(pupil(born), child(born)).ordered());
    }

    @Test
    void r_age_1_the14thBirthdayBeginsInTheOrganisationsZone() {
        LocalDate born = LocalDate.of(2012, 12, 6);
        // 14:00 UTC on 5 December: already the 6th on Sakhalin, still the 5th in Moscow.
        assertTrue(RULE.forSelf(pupil(born), child(born)).eligible());
        assertEquals(List.of(Reason.PUPIL_UNDER_14),
                RULE.forSelf(pupil(born), new Child(born, false, true, ZoneId.of("Europe/Moscow"))).ordered());
    }

    @Test
    void r_cert_6_1_aChildWithACertificateGetsNoSecond() {
        Child holder = new Child(LocalDate.of(2012, 9, 5), true, true, SAKHALIN);
        assertEquals(List.of(Reason.ALREADY_HAS_CERTIFICATE), RULE.forChild(PARENT, holder).ordered());
        assertEquals(List.of(Reason.ALREADY_HAS_CERTIFICATE), RULE.forSelf(pupil(LocalDate.of(2012, 9, 5)), holder).ordered());
    }

    @Test
    void r_cert_6_3_aParentWithoutLinkedChild() {
        Applicant lonely = new Applicant(Role.PARENT, LocalDate.of(1980, 1, 1), false);
        assertEquals(List.of(Reason.NO_LINKED_CHILD), RULE.withoutChild(lonely).ordered());
        assertEquals(List.of(Reason.NO_LINKED_CHILD, Reason.MODULE_OFF_REALM),
                new CertificateEligibility(new Settings(false, 14, 5, 18, NOW)).withoutChild(lonely).ordered());
    }

    @Test
    void r_cert_6_4_aParentAtTheKeyboardOfAChildsAccountUnder14() {
        LocalDate born = LocalDate.of(2016, 6, 21);
        Applicant childAccount = new Applicant(Role.STUDENT, born, true);
        assertEquals(List.of(Reason.PUPIL_UNDER_14, Reason.CHILD_ACCOUNT_UNDER_14), RULE.forSelf(childAccount, child(born)).ordered());
        // From the 14th birthday the account is the pupil's own: a parent there is no reason to refuse.
        LocalDate older = TODAY.minusYears(15);
        assertTrue(RULE.forSelf(new Applicant(Role.STUDENT, older, true), child(older)).eligible());
    }

    @Test
    void r_cert_2_aParentOfTwoChildrenGetsAnAnswerPerChild() {
        assertTrue(RULE.forChild(PARENT, child(LocalDate.of(2012, 9, 5))).eligible());
        assertTrue(RULE.forChild(PARENT, child(LocalDate.of(2016, 6, 21))).eligible(), "a parent applies for a child under 14 too");
    }

    @Test
    void r_cert_1_moduleOffForTheRealmOrTheOrganisationAndEveryOtherReasonWithIt() {
        CertificateEligibility off = new CertificateEligibility(new Settings(false, 14, 5, 18, NOW));
        Child orgOff = new Child(null, true, false, SAKHALIN);
        assertEquals(List.of(Reason.ALREADY_HAS_CERTIFICATE, Reason.MODULE_OFF_REALM, Reason.MODULE_OFF_ORGANISATION, Reason.BIRTH_DATE_UNKNOWN),
                off.forChild(PARENT, orgOff).ordered());
        assertEquals(List.of(Reason.MODULE_OFF_ORGANISATION), RULE.forChild(PARENT, new Child(LocalDate.of(2012, 9, 5), false, false, SAKHALIN)).ordered());
    }

    @Test
    void ageRange_outsideFiveToEighteenIsRefused() {
        assertEquals(List.of(Reason.AGE_OUT_OF_RANGE), RULE.forChild(PARENT, child(TODAY.minusYears(5).plusDays(1))).ordered());
        assertTrue(RULE.forChild(PARENT, child(TODAY.minusYears(5))).eligible());
        assertTrue(RULE.forChild(PARENT, child(TODAY.minusYears(18).plusDays(1))).eligible());
        assertEquals(List.of(Reason.AGE_OUT_OF_RANGE), RULE.forChild(PARENT, child(TODAY.minusYears(18))).ordered());
        CertificateEligibility narrow = new CertificateEligibility(new Settings(true, 14, 7, 16, NOW));
        assertEquals(List.of(Reason.AGE_OUT_OF_RANGE), narrow.forChild(PARENT, child(TODAY.minusYears(6))).ordered());
        assertThrows(IllegalArgumentException.class, () -> new Settings(true, 14, 10, 10, NOW));
    }

    @Test
    void birthDateUnknown_noneOrImplausible() {
        assertEquals(List.of(Reason.BIRTH_DATE_UNKNOWN), RULE.forChild(PARENT, child(null)).ordered());
        assertEquals(List.of(Reason.BIRTH_DATE_UNKNOWN), RULE.forChild(PARENT, child(TODAY.plusDays(3))).ordered());
        assertEquals(List.of(Reason.BIRTH_DATE_UNKNOWN), RULE.forSelf(pupil(null), child(null)).ordered(), "never guessed, told once");
    }

    @Test
    void staffAreNoApplicants() {
        Applicant staff = new Applicant(Role.OTHER, LocalDate.of(1975, 1, 1), false);
        assertEquals(List.of(Reason.ROLE_NOT_ELIGIBLE), RULE.forSelf(staff, child(LocalDate.of(1975, 1, 1))).ordered());
        assertEquals(List.of(Reason.ROLE_NOT_ELIGIBLE), RULE.withoutChild(staff).ordered());
        assertFalse(RULE.forChild(new Applicant(Role.STUDENT, TODAY.minusYears(15), false), child(LocalDate.of(2012, 9, 5))).eligible());
    }

    @Test
    void reasonCodesAreStable() {
        assertEquals(List.of("already_has_certificate", "pupil_under_14", "no_linked_child", "child_account_under_14", "module_off_realm",
                        "module_off_organisation", "age_out_of_range", "birth_date_unknown", "role_not_eligible"),
                java.util.Arrays.stream(Reason.values()).map(Reason::code).toList());
    }
}
