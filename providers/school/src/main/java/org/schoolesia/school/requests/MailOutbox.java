package org.schoolesia.school.requests;

import java.util.concurrent.ExecutorService;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.Provider;

/**
 * The e-mails decisions owe (R-REQ-4), a provider of the {@code school-mail-outbox} SPI:
 * {@link #owe} writes one in the decision's own transaction, so a decision never exists without
 * its e-mail nor an e-mail without its decision. After the commit the node's {@link MailCourier}
 * sends it at once; its timer tries again whatever is due.
 */
public final class MailOutbox implements Provider {

    private static final Logger LOG = Logger.getLogger(MailOutbox.class);

    private final KeycloakSession session;
    private final MailCourier courier;

    MailOutbox(KeycloakSession session, MailCourier courier) {
        this.session = session;
        this.courier = courier;
    }

    /** Owes the filer the e-mail {@code template} about {@code request}, in the caller's transaction. */
    public void owe(RealmModel realm, AccessRequest request, String template) {
        String address = request.person().email();
        if (address == null || address.isBlank()) {
            LOG.infof("access request %s decided: ESIA gave no e-mail address, so the person learns the outcome at their next login",
                    request.number());
            return;
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        em.persist(new MailOutboxEntry(KeycloakModelUtils.generateId(), realm.getId(), request.id(), template, address.strip(),
                System.currentTimeMillis()));
        deliverAfterCommit();
    }

    /**
     * Puts an e-mail the outbox gave up back, due now with a fresh count of attempts (an admin fixed the
     * address or the SMTP settings), and sends it after the commit; false if the realm has no such e-mail given up.
     */
    public boolean retry(RealmModel realm, String id) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        boolean back = em.createNamedQuery("MailOutboxEntry.retry").setParameter("id", id).setParameter("realmId", realm.getId())
                .setParameter("now", System.currentTimeMillis()).executeUpdate() == 1;
        if (back) {
            deliverAfterCommit();
        }
        return back;
    }

    private void deliverAfterCommit() {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        ExecutorService executor = MailCourier.executor(session);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                courier.deliverSoon(executor, factory);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    @Override
    public void close() {
    }
}
