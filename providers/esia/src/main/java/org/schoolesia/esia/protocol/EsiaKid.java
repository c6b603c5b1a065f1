package org.schoolesia.esia.protocol;

import java.time.LocalDate;

/** A child as listed on the parent's ESIA account ({@code /rs/prns/{oid}/kids}). */
public final class EsiaKid {

    private final String oid;
    private final String lastName;
    private final String firstName;
    private final String middleName;
    private final LocalDate birthDate;
    private final String gender;
    private final Snils snils;

    public EsiaKid(String oid, String lastName, String firstName, String middleName, LocalDate birthDate,
                   String gender, Snils snils) {
        this.oid = oid;
        this.lastName = lastName;
        this.firstName = firstName;
        this.middleName = middleName;
        this.birthDate = birthDate;
        this.gender = gender;
        this.snils = snils;
    }

    /** ESIA's identifier of the child record ({@code oid}, or {@code id} in the kids collection). */
    public String oid() {
        return oid;
    }

    public String lastName() {
        return lastName;
    }

    public String firstName() {
        return firstName;
    }

    /** May be null. */
    public String middleName() {
        return middleName;
    }

    /** May be null. */
    public LocalDate birthDate() {
        return birthDate;
    }

    /** {@code M}, {@code F} or null. */
    public String gender() {
        return gender;
    }

    /** Null when absent or invalid. */
    public Snils snils() {
        return snils;
    }

    /** No names or dates: toString ends up in logs. */
    @Override
    public String toString() {
        return "EsiaKid[oid=" + oid + ", snils=" + snils + "]";
    }
}
