package org.schoolesia.school.certificates;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * R-CERT-5: a certificate's АИС ПФДО login and its password's hash (Keycloak's credential and secret
 * data, for the export to ПФДО; the password itself is never stored), made when the holder first
 * downloads the credentials PDF — the one time the password is shown ({@code SHOWN_AT}, {@code SHOWN_TO}).
 */
@Entity
@Table(name = "SCHOOL_CERTIFICATE_CREDENTIAL")
@NamedQuery(name = "CertificateCredentialEntry.loginTaken", query = "select count(e) from CertificateCredentialEntry e"
        + " where e.realmId = :realmId and e.login = :login")
@NamedQuery(name = "CertificateCredentialEntry.deleteOfAccount", query = "delete from CertificateCredentialEntry e where e.certificateId in"
        + " (select c.id from CertificateEntry c where c.childId = :userId)")
@NamedQuery(name = "CertificateCredentialEntry.deleteByRealm", query = "delete from CertificateCredentialEntry e where e.realmId = :realmId")
public class CertificateCredentialEntry {

    @Id
    @Column(name = "CERTIFICATE_ID", length = 36)
    private String certificateId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "LOGIN", length = 64, nullable = false)
    private String login;

    @Column(name = "PASSWORD_CREDENTIAL", length = 1000, nullable = false)
    private String passwordCredential;

    @Column(name = "PASSWORD_SECRET", length = 1000, nullable = false)
    private String passwordSecret;

    @Column(name = "SHOWN_AT", nullable = false)
    private long shownAt;

    @Column(name = "SHOWN_TO", length = 36, nullable = false)
    private String shownTo;

    protected CertificateCredentialEntry() {
    }

    CertificateCredentialEntry(String certificateId, String realmId, String login, String passwordCredential, String passwordSecret,
                               long shownAt, String shownTo) {
        this.certificateId = certificateId;
        this.realmId = realmId;
        this.login = login;
        this.passwordCredential = passwordCredential;
        this.passwordSecret = passwordSecret;
        this.shownAt = shownAt;
        this.shownTo = shownTo;
    }

    public String getCertificateId() {
        return certificateId;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getLogin() {
        return login;
    }

    public String getPasswordCredential() {
        return passwordCredential;
    }

    public String getPasswordSecret() {
        return passwordSecret;
    }

    public long getShownAt() {
        return shownAt;
    }

    public String getShownTo() {
        return shownTo;
    }
}
