package org.schoolesia.esia.protocol;

import java.time.LocalDate;
import java.util.List;

/** The person data from ESIA that the school accounts use. Immutable. */
public final class EsiaPerson {

    private final String oid;
    private final String lastName;
    private final String firstName;
    private final String middleName;
    private final LocalDate birthDate;
    private final String gender;
    private final boolean trusted;
    private final String citizenship;
    private final Snils snils;
    private final boolean snilsInvalid;
    private final String email;
    private final String mobile;
    private final List<EsiaKid> kids;
    private final String status;
    private final boolean verifying;

    public EsiaPerson(String oid, String lastName, String firstName, String middleName, LocalDate birthDate,
                      String gender, boolean trusted, String citizenship, Snils snils, boolean snilsInvalid,
                      String email, String mobile, List<EsiaKid> kids, String status, boolean verifying) {
        this.oid = oid;
        this.lastName = lastName;
        this.firstName = firstName;
        this.middleName = middleName;
        this.birthDate = birthDate;
        this.gender = gender;
        this.trusted = trusted;
        this.citizenship = citizenship;
        this.snils = snils;
        this.snilsInvalid = snilsInvalid;
        this.email = email;
        this.mobile = mobile;
        this.kids = kids == null ? List.of() : List.copyOf(kids);
        this.status = status;
        this.verifying = verifying;
    }

    public String oid() {
        return oid;
    }

    public String lastName() {
        return lastName;
    }

    public String firstName() {
        return firstName;
    }

    /** May be null: not everyone has a patronymic. */
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

    /** A confirmed ESIA account. */
    public boolean trusted() {
        return trusted;
    }

    /** E.g. {@code RUS}; may be null. */
    public String citizenship() {
        return citizenship;
    }

    /** Null when ESIA sent none, or sent one that fails the checksum (see {@link #snilsInvalid()}). */
    public Snils snils() {
        return snils;
    }

    /** ESIA sent a SNILS that is not valid; it was dropped rather than failing the login. */
    public boolean snilsInvalid() {
        return snilsInvalid;
    }

    /** A verified e-mail, or null: unverified contacts are never taken. */
    public String email() {
        return email;
    }

    /** A verified mobile number, or null. */
    public String mobile() {
        return mobile;
    }

    /** Empty when kids were not requested or there are none. */
    public List<EsiaKid> kids() {
        return kids;
    }

    /** ESIA's account status upper case as received (REGISTERED, DELETED, …), or null when ESIA sent none. */
    public String status() {
        return status;
    }

    /** ESIA is still verifying this person's identity: not to be taken as confirmed. */
    public boolean verifying() {
        return verifying;
    }

    /** No names, dates or contacts: toString ends up in logs. */
    @Override
    public String toString() {
        return "EsiaPerson[oid=" + oid + ", status=" + status + ", trusted=" + trusted + ", verifying=" + verifying + ", snils=" + snils
                + (snilsInvalid ? " (invalid one dropped)" : "") + ", kids=" + kids.size() + "]";
    }
}
