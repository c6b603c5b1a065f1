package org.schoolesia.school.requests;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

/**
 * Delivers what {@link MailOutbox} owes (R-REQ-4): one per node, held by {@link MailOutboxFactory}.
 * A round first takes a message by moving its next attempt forward (one row update, so two nodes or
 * two threads never send the same message), sends, then marks it sent; a failure schedules the
 * next attempt with growing delays, so an SMTP outage only delays the mail; a refusal for good (5xx,
 * bad address, no template) or the last allowed attempt gives the message up ({@link MailBackoff}).
 */
final class MailCourier {

    private static final Logger LOG = Logger.getLogger(MailCourier.class);
    static final String EXECUTOR = "school-mail-outbox";
    private static final int BATCH = 50;

    /** What a realm without a sender address gets in the log and in the outbox's LAST_ERROR. */
    static final String NO_SMTP_SENDER = "the realm has no SMTP sender configured";

    private final MailBackoff backoff;
    /** How long a taken message is left to its sender before anyone may try it again. */
    private final Duration lease;
    /** One delivery round at a time per node; the timer and after-commit triggers just skip when one runs. */
    private final AtomicBoolean running = new AtomicBoolean();

    MailCourier(MailBackoff backoff, Duration lease) {
        this.backoff = backoff;
        this.lease = lease;
    }

    MailBackoff backoff() {
        return backoff;
    }

    /** The outbox's own threads: SMTP waits never hold up Keycloak's timer or a request. */
    static ExecutorService executor(KeycloakSession session) {
        return session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
    }

    /** A delivery round on the outbox's threads; if the server is stopping, the next start's rounds send it. */
    void deliverSoon(ExecutorService executor, KeycloakSessionFactory factory) {
        try {
            executor.execute(() -> deliverDue(factory));
        } catch (RejectedExecutionException e) {
            LOG.debug("mail outbox: no thread for a delivery round now; a later round sends what is due");
        }
    }

    /**
     * Sends what is due; returns how many were sent. Safe to call from any node at any time. A
     * round ends at the first failure: with the SMTP server down, each further message would only
     * wait for the same time-out; the failed one is due later, so the others go first next time.
     */
    int deliverDue(KeycloakSessionFactory factory) {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        try {
            int sent = 0;
            List<String> due;
            do {
                due = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> em(s)
                        .createNamedQuery("MailOutboxEntry.due", String.class)
                        .setParameter("now", System.currentTimeMillis()).setMaxResults(BATCH).getResultList());
                for (String id : due) {
                    Delivery outcome = deliver(factory, id);
                    if (outcome == Delivery.FAILED) {
                        return sent;
                    }
                    sent += outcome == Delivery.SENT ? 1 : 0;
                }
            } while (due.size() == BATCH);
            return sent;
        } catch (RuntimeException | LinkageError e) {
            // E.g. the database going away while the server stops.
            LOG.warnf("mail outbox: delivery round failed (%s); the next round tries again", describe(e));
            LOG.debug("mail outbox: delivery round failed", e);
            return 0;
        } finally {
            running.set(false);
        }
    }

    private record Message(String id, String realmId, String template, String recipient, int attempts, String number,
                           String comment, String organisationId, String firstName, String lastName, String locale) {
    }

    /** GIVEN_UP does not end the round: one bad address holds up no one else's mail. */
    private enum Delivery { SENT, FAILED, GIVEN_UP, NOT_MINE }

    private Delivery deliver(KeycloakSessionFactory factory, String id) {
        Optional<Message> taken = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> take(s, id));
        if (taken.isEmpty()) {
            return Delivery.NOT_MINE;
        }
        Message m = taken.get();
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> send(s, m));
        } catch (RuntimeException e) {
            long next = System.currentTimeMillis() + backoff.after(m.attempts()).toMillis();
            NoSmtpSender noSender = noSmtpSender(e);
            if (noSender != null && backoff.givesUp(m.attempts(), false)) {
                gaveUp(factory, m, NO_SMTP_SENDER);
                return Delivery.FAILED;
            }
            if (noSender != null) {
                failed(factory, m, NO_SMTP_SENDER, next);
                // Said plainly, without addresses: Keycloak's own words would be «Invalid sender address 'null'».
                LOG.warnf("mail outbox: e-mail about access request %s not sent (attempt %d): %s in realm %s"
                        + " (Realm settings → Email → From); next attempt in %d s", m.number(), m.attempts(), NO_SMTP_SENDER,
                        noSender.realm, Math.max(0, (next - System.currentTimeMillis()) / 1000));
                return Delivery.FAILED;
            }
            Throwable cause = e.getCause() instanceof EmailException ? e.getCause() : e;
            MailFailure failure = MailFailure.of(cause);
            if (backoff.givesUp(m.attempts(), failure.permanent())) {
                gaveUp(factory, m, failure.reason() != null ? masked(failure.reason()) : describe(cause));
                LOG.debugf(cause, "mail outbox: e-mail about access request %s given up", m.number());
                return failure.permanent() ? Delivery.GIVEN_UP : Delivery.FAILED;
            }
            String error = describe(cause);
            failed(factory, m, error, next);
            LOG.warnf("mail outbox: e-mail about access request %s not sent (attempt %d): %s; next attempt in %d s",
                    m.number(), m.attempts(), error, Math.max(0, (next - System.currentTimeMillis()) / 1000));
            LOG.debugf(cause, "mail outbox: e-mail about access request %s not sent", m.number());
            return Delivery.FAILED;
        }
        KeycloakModelUtils.runJobInTransaction(factory, s -> em(s).createNamedQuery("MailOutboxEntry.sent")
                .setParameter("now", System.currentTimeMillis()).setParameter("id", m.id()).executeUpdate());
        LOG.infof("mail outbox: e-mail about access request %s sent (attempt %d)", m.number(), m.attempts());
        return Delivery.SENT;
    }

    private static void failed(KeycloakSessionFactory factory, Message m, String error, long next) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> em(s).createNamedQuery("MailOutboxEntry.failed")
                .setParameter("next", next).setParameter("error", error.length() > 255 ? error.substring(0, 255) : error)
                .setParameter("id", m.id()).executeUpdate());
    }

    /** Refused for good, or tried {@link MailBackoff#maxAttempts()} times: no more attempts; admins see it in the failed-mail list. */
    private static void gaveUp(KeycloakSessionFactory factory, Message m, String reason) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> em(s).createNamedQuery("MailOutboxEntry.gaveUp")
                .setParameter("now", System.currentTimeMillis()).setParameter("error", reason.length() > 255 ? reason.substring(0, 255) : reason)
                .setParameter("id", m.id()).executeUpdate());
        LOG.warnf("mail outbox: e-mail about access request %s given up after %d attempt(s): %s (realm admins: GET"
                + " /admin/realms/{realm}/school/operations/failed-mail; retry there once fixed)", m.number(), m.attempts(), reason);
    }

    /** The realm's e-mail settings name no sender: every attempt would fail the same way until an admin sets one. */
    private static final class NoSmtpSender extends RuntimeException {
        private final String realm;

        NoSmtpSender(String realm) {
            super(NO_SMTP_SENDER, null, false, false);
            this.realm = realm;
        }
    }

    private static NoSmtpSender noSmtpSender(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof NoSmtpSender n) {
                return n;
            }
        }
        return null;
    }

    /** Takes the message for this sender (the lease), with what the e-mail needs. */
    private Optional<Message> take(KeycloakSession s, String id) {
        long now = System.currentTimeMillis();
        EntityManager em = em(s);
        int taken = em.createNamedQuery("MailOutboxEntry.take").setParameter("leaseUntil", now + lease.toMillis())
                .setParameter("now", now).setParameter("id", id).executeUpdate();
        if (taken != 1) {
            return Optional.empty();
        }
        MailOutboxEntry entry = em.find(MailOutboxEntry.class, id);
        em.refresh(entry);
        AccessRequestEntry request = em.find(AccessRequestEntry.class, entry.getRequestId());
        if (request == null) {
            // The realm (and with it the request) is gone: nothing left to report.
            em.remove(entry);
            return Optional.empty();
        }
        return Optional.of(new Message(entry.getId(), entry.getRealmId(), entry.getTemplate(), entry.getRecipient(),
                entry.getAttempts(), request.getNumber(), request.getDecisionComment(), request.getOrganisationId(),
                request.getFirstName(), request.getLastName(), request.getLocale()));
    }

    private static void send(KeycloakSession s, Message m) {
        RealmModel realm = s.realms().getRealm(m.realmId());
        if (realm == null) {
            return;
        }
        String sender = realm.getSmtpConfig() == null ? null : realm.getSmtpConfig().get("from");
        if (sender == null || sender.isBlank()) {
            throw new NoSmtpSender(realm.getName());
        }
        // The e-mail theme, messages and organisation lookups all read the context's realm.
        s.getContext().setRealm(realm);
        OrganizationModel organisation = s.getProvider(OrganizationProvider.class).getById(m.organisationId());
        String subject = AccessRequestDecisions.RESOLVED_TEMPLATE.equals(m.template())
                ? "schoolAccessRequestResolvedSubject" : "schoolAccessRequestRejectedSubject";
        try {
            s.getProvider(EmailTemplateProvider.class).setRealm(realm)
                    .setUser(new MailRecipient(s, realm, m.recipient(), m.firstName(), m.lastName(), m.locale()))
                    .send(subject, List.of(m.number()), m.template(), attributes(m, organisation), m.recipient());
        } catch (EmailException e) {
            throw new RuntimeException(e);
        }
    }

    /** A mutable map: Keycloak's template provider adds its own attributes (msg, locale, realmName…) to it. */
    private static Map<String, Object> attributes(Message m, OrganizationModel organisation) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("number", m.number());
        attributes.put("comment", m.comment() == null ? "" : m.comment());
        attributes.put("organization", organisation == null ? "" : organisation.getName());
        return attributes;
    }

    /** "EmailException: Error when attempting to send the email <- ConnectException: Connection refused": the chain, briefly. */
    static String describe(Throwable t) {
        return ADDRESS.matcher(chain(t)).replaceAll("<address>");
    }

    /** "550 5.1.1 <x@y>: …" → "550 5.1.1 <address>: …". */
    private static String masked(String reply) {
        return ADDRESS.matcher(reply).replaceAll("<address>").replace("<<address>>", "<address>");
    }

    /** SMTP errors quote the recipient; the log and LAST_ERROR say why, not to whom. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'@]+@[^\\s<>\"',;]+");

    private static String chain(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null && out.length() < 400; c = c.getCause() == c ? null : c.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                out.append(": ").append(c.getMessage());
            }
        }
        return out.toString();
    }

    private static EntityManager em(KeycloakSession s) {
        return s.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
