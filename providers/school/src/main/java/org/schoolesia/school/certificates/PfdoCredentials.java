package org.schoolesia.school.certificates;

import java.security.SecureRandom;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.schoolesia.school.accounts.LoginGenerator;
import org.schoolesia.school.kernel.UniqueKeyViolation;

/**
 * R-CERT-5: a certificate's АИС ПФДО login and password. The seed (001) says only that the PDF has
 * the number, a login and a password, not where they come from; so they are made here, the first
 * time the holder asks: the login by the staff console's rules ({@link LoginGenerator}: surname and
 * initial, unique in the realm), the password by {@link PfdoPassword}. Only the login and the
 * password's hash (the realm's hash algorithm, Keycloak's credential format, for the export to
 * ПФДО) are kept; the password is in that first answer and nowhere else. The insert is its own
 * transaction and the certificate its key: of two quick downloads one shows the password.
 */
final class PfdoCredentials {

    /** What a download shows: the login, and the password only the first time (null after). */
    record Shown(String login, String password, long shownAt) {
    }

    private static final Logger LOG = Logger.getLogger(PfdoCredentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TRIES = 5;

    private final KeycloakSession session;

    PfdoCredentials(KeycloakSession session) {
        this.session = session;
    }

    Shown open(RealmModel realm, Certificate certificate, UserModel holder, UserModel caller) {
        Optional<Shown> known = shown(session, certificate.id());
        if (known.isPresent()) {
            return known.get();
        }
        for (int attempt = 1; ; attempt++) {
            String password = PfdoPassword.generate(RANDOM);
            PasswordCredentialModel hash = hash(realm, password);
            String login = LoginGenerator.generate(holder.getLastName(), holder.getFirstName(), l -> taken(realm, l));
            long now = System.currentTimeMillis();
            CertificateCredentialEntry entry = new CertificateCredentialEntry(certificate.id(), realm.getId(), login,
                    hash.getCredentialData(), hash.getSecretData(), now, caller.getId());
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                    EntityManager em = em(s);
                    em.persist(entry);
                    em.flush();
                });
            } catch (RuntimeException e) {
                if (!UniqueKeyViolation.isCause(e)) {
                    throw e;
                }
                Shown[] winner = new Shown[1];
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> winner[0] = shown(s, certificate.id()).orElse(null));
                if (winner[0] != null) {
                    return winner[0]; // another download made them first and showed the password
                }
                if (attempt >= TRIES) {
                    throw e;
                }
                continue; // the login was taken in the meantime
            }
            CertificateAudit.credentialsShown(session, realm, certificate, holder, caller, login);
            LOG.infof("ПФДО credentials of certificate %s made and shown to %s", certificate.id(), caller.getId());
            return new Shown(login, password, now);
        }
    }

    private PasswordCredentialModel hash(RealmModel realm, String password) {
        PasswordPolicy policy = realm.getPasswordPolicy();
        // No hashAlgorithm in the realm's policy: Keycloak's default hash, as for the accounts' own passwords.
        String algorithm = policy == null ? null : policy.getHashAlgorithm();
        PasswordHashProvider provider = algorithm == null ? null : session.getProvider(PasswordHashProvider.class, algorithm);
        if (provider == null) {
            provider = session.getProvider(PasswordHashProvider.class);
        }
        return provider.encodedCredential(password, policy == null ? -1 : policy.getHashIterations());
    }

    private boolean taken(RealmModel realm, String login) {
        return em(session).createNamedQuery("CertificateCredentialEntry.loginTaken", Long.class).setParameter("realmId", realm.getId())
                .setParameter("login", login).getSingleResult() > 0;
    }

    private static Optional<Shown> shown(KeycloakSession s, String certificateId) {
        return Optional.ofNullable(em(s).find(CertificateCredentialEntry.class, certificateId))
                .map(e -> new Shown(e.getLogin(), null, e.getShownAt()));
    }

    private static EntityManager em(KeycloakSession s) {
        return s.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
