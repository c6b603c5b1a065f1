package org.schoolesia.school.certificates;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.schoolesia.school.kernel.UniqueKeyViolation;

/**
 * The one writer and reader of certificates (R-CERT-3/4). Issuing is an insert in a transaction of
 * its own: the unique key on the child's standing certificate decides between two quick clicks, and
 * the loser gets the winner's certificate. A status change is one conditional update, so of two staff
 * members acting at once one wins and the other is told what the certificate now is.
 */
public final class Certificates {

    private static final Logger LOG = Logger.getLogger(Certificates.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A number already taken (one in 10^11 per try): drawn again. */
    private static final int NUMBER_TRIES = 5;

    /** A certificate asked for, and whether this call made it. */
    public record Issued(Certificate certificate, boolean created) {
    }

    private final KeycloakSession session;

    public Certificates(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public Optional<Certificate> standingOf(String childId) {
        return em().createNamedQuery("CertificateEntry.standingOfChild", CertificateEntry.class).setParameter("childId", childId)
                .getResultStream().findFirst().map(Certificates::toCertificate);
    }

    /** Several children's certificates in one query (a parent's page). */
    public Map<String, Certificate> standingOf(Collection<String> childIds) {
        if (childIds.isEmpty()) {
            return Map.of();
        }
        return em().createNamedQuery("CertificateEntry.standingOfChildren", CertificateEntry.class).setParameter("childIds", childIds)
                .getResultStream().map(Certificates::toCertificate).collect(Collectors.toMap(Certificate::childId, Function.identity()));
    }

    public Optional<Certificate> byNumber(RealmModel realm, String number) {
        return em().createNamedQuery("CertificateEntry.byNumber", CertificateEntry.class).setParameter("realmId", realm.getId())
                .setParameter("number", number).getResultStream().findFirst().map(Certificates::toCertificate);
    }

    /** R-CERT-3 «Получить сертификат»: the child's standing certificate, made now if there is none. */
    public Issued issue(RealmModel realm, UserModel child, UserModel applicant, CertificateTerm term, CertificateNumbers numbers) {
        Optional<Certificate> existing = standingOf(child.getId());
        if (existing.isPresent()) {
            return new Issued(existing.get(), false);
        }
        for (int attempt = 1; ; attempt++) {
            CertificateEntry entry = new CertificateEntry(KeycloakModelUtils.generateId(), realm.getId(), child.getId(), numbers.next(RANDOM),
                    term, System.currentTimeMillis(), applicant.getId());
            try {
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                    EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                    em.persist(entry);
                    em.flush();
                });
            } catch (RuntimeException e) {
                if (!UniqueKeyViolation.isCause(e)) {
                    throw e;
                }
                Optional<Certificate> winner = committedOf(child.getId());
                if (winner.isPresent()) {
                    LOG.debugf("certificate of %s: another request made it first", child.getId());
                    return new Issued(winner.get(), false);
                }
                if (attempt >= NUMBER_TRIES) {
                    throw e;
                }
                continue;
            }
            Certificate made = toCertificate(entry);
            CertificateAudit.issued(session, realm, made, child, applicant);
            LOG.infof("certificate %s issued to %s at the request of %s", made.id(), child.getId(), applicant.getId());
            return new Issued(made, true);
        }
    }

    /**
     * R-CERT-4: a staff member's change; one conditional update. Empty: the certificate is not (or
     * no longer) in a status the change starts from — the caller reads what it is now.
     */
    public Optional<Certificate> change(RealmModel realm, Certificate certificate, CertificateStatus.Change change, String reason,
                                        UserModel staff, String organisationId, UserModel child) {
        long now = System.currentTimeMillis();
        int changed = em().createNamedQuery("CertificateEntry.change")
                .setParameter("to", change.to().code()).setParameter("now", now).setParameter("actorId", staff.getId())
                .setParameter("orgId", organisationId).setParameter("reason", reason)
                .setParameter("retiredAt", change == CertificateStatus.Change.REVOKE ? now : 0L)
                .setParameter("id", certificate.id()).setParameter("from", change.from().stream().map(CertificateStatus::code).toList())
                .executeUpdate();
        if (changed != 1) {
            return Optional.empty();
        }
        CertificateEntry entry = em().find(CertificateEntry.class, certificate.id());
        em().refresh(entry);
        Certificate after = toCertificate(entry);
        CertificateAudit.changed(session, realm, after, change, child, staff, organisationId);
        LOG.infof("certificate %s of %s: %s by staff member %s", after.id(), after.childId(), change.code(), staff.getId());
        return Optional.of(after);
    }

    public Optional<Certificate> find(String id) {
        return Optional.ofNullable(id == null ? null : em().find(CertificateEntry.class, id)).map(Certificates::toCertificate);
    }

    public void forgetAccount(String userId) {
        em().createNamedQuery("CertificateCredentialEntry.deleteOfAccount").setParameter("userId", userId).executeUpdate();
        em().createNamedQuery("CertificateEntry.deleteOfAccount").setParameter("userId", userId).executeUpdate();
    }

    public void forgetRealm(String realmId) {
        em().createNamedQuery("CertificateCredentialEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em().createNamedQuery("CertificateEntry.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    private Optional<Certificate> committedOf(String childId) {
        Certificate[] found = new Certificate[1];
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s ->
                found[0] = s.getProvider(JpaConnectionProvider.class).getEntityManager()
                        .createNamedQuery("CertificateEntry.standingOfChild", CertificateEntry.class).setParameter("childId", childId)
                        .getResultStream().findFirst().map(Certificates::toCertificate).orElse(null));
        return Optional.ofNullable(found[0]);
    }

    static Certificate toCertificate(CertificateEntry e) {
        return new Certificate(e.getId(), e.getChildId(), e.getNumber(), CertificateStatus.of(e.getStatus()).orElse(CertificateStatus.INACTIVE),
                LocalDate.parse(e.getValidFrom()), LocalDate.parse(e.getValidTo()), e.getIssuedAt(), e.getIssuedBy(), e.getChangedAt(),
                e.getChangedBy(), e.getChangedInOrg(), e.getChangeReason());
    }
}
