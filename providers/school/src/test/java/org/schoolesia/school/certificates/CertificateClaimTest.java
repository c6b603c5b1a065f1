package org.schoolesia.school.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The {@code school_certificates} entry says what the eligibility answer says (R-CERT-6), without names or birth dates. */
class CertificateClaimTest {

    private static final CertificateApplications.Person PETR = new CertificateApplications.Person("child-1", "Иванов", "Пётр", "Сергеевич");

    @Test
    void r_cert_6_1_aChildWithACertificateHasItsNumberStatusAndDatesAndTheReason() {
        Certificate held = new Certificate("c1", "child-1", "123456789012", CertificateStatus.ACTIVE, LocalDate.of(2026, 9, 1),
                LocalDate.of(2027, 8, 31), 1L, "parent-1", null, null, null, null);
        Map<String, Object> claim = CertificateClaimMapper.claim(new CertificateApplications.Entry(PETR, false,
                new CertificateEligibility.Verdict(Set.of(Reason.ALREADY_HAS_CERTIFICATE)), held));
        assertEquals(Map.of("id", "child-1", "self", false, "eligible", false, "reasons", List.of("already_has_certificate"),
                "certificate", Map.of("number", "123456789012", "status", "active", "valid_from", "2026-09-01", "valid_to", "2027-08-31")), claim);
        assertFalse(claim.toString().contains("Иванов"), "names are school_children's, not this claim's");
    }

    @Test
    void r_cert_6_3_aParentWithoutChildGetsAnEntryWithoutIdAndEveryReasonInOrder() {
        Map<String, Object> lonely = CertificateClaimMapper.claim(new CertificateApplications.Entry(null, false,
                new CertificateEligibility.Verdict(Set.of(Reason.NO_LINKED_CHILD)), null));
        assertEquals(Map.of("self", false, "eligible", false, "reasons", List.of("no_linked_child")), lonely);

        Map<String, Object> off = CertificateClaimMapper.claim(new CertificateApplications.Entry(PETR, true,
                new CertificateEligibility.Verdict(Set.of(Reason.MODULE_OFF_ORGANISATION, Reason.MODULE_OFF_REALM)), null));
        assertEquals(List.of("module_off_realm", "module_off_organisation"), off.get("reasons"));
        assertEquals(true, off.get("self"));
    }

    @Test
    void anEligiblePupilHasNoReasons() {
        Map<String, Object> claim = CertificateClaimMapper.claim(new CertificateApplications.Entry(PETR, true,
                new CertificateEligibility.Verdict(Set.of()), null));
        assertEquals(Map.of("id", "child-1", "self", true, "eligible", true, "reasons", List.of()), claim);
    }
}
