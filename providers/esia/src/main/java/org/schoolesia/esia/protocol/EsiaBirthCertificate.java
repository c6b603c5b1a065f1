package org.schoolesia.esia.protocol;

import java.time.LocalDate;

/**
 * A child's birth certificate (ESIA document type {@code BRTH_CERT}) from
 * {@code /rs/prns/{oid}/kids/{kid}/docs}: what staff compare with the paper at enrolment.
 */
public record EsiaBirthCertificate(String series, String number, LocalDate issueDate) {

    /** No numbers: this ends up in logs. */
    @Override
    public String toString() {
        return "EsiaBirthCertificate[present]";
    }
}
