package org.schoolesia.school.kernel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/**
 * Our meters on Keycloak's {@code /metrics} (management port, {@code --metrics-enabled=true}): registered
 * in Micrometer's global registry as Keycloak's own user-event meters are, so Quarkus' Prometheus
 * registry publishes them. Tags carry low-cardinality values only: the realm's name and a code from a
 * closed set (outcome, reason, method, source) — never a person, an organisation or a SNILS.
 * Prometheus names: dots become underscores, counters end in {@code _total}.
 */
public final class SchoolMeters {

    /**
     * ESIA logins by {@code outcome}: linked (entered an account: Keycloak's LOGIN through an ESIA provider),
     * chooser (several accounts offered), not_identified (R-LINK-1 page shown), refused (a link refused,
     * {@code reason} from {@code LinkRefusal}); {@code reason} is "none" otherwise.
     */
    public static final String LOGINS = "school.esia.logins";
    /** New ESIA links by {@code method} (password, snils, staff, request, …). */
    public static final String LINKS = "school.esia.links";
    /** Parent–child links by {@code step} (linked, revoked) and {@code source}. */
    public static final String FAMILY_LINKS = "school.family.links";
    /** Access requests by {@code step}: filed, filed_again, resolved, rejected, linked_elsewhere. */
    public static final String ACCESS_REQUESTS = "school.access.requests";
    /** Invitation code redemptions refused, by {@code reason}. */
    public static final String REDEMPTIONS_REFUSED = "school.invitation.redemptions.refused";
    /** Gauge: pending access requests older than the realm's overdue setting. */
    public static final String REQUESTS_OVERDUE = "school.access.requests.overdue";
    /** Gauge: outbox e-mails by {@code state}: pending (not sent yet) or failed (given up, shown to admins). */
    public static final String MAIL_OUTBOX = "school.mail.outbox";

    /** The tag value when a tag does not apply (Prometheus wants one set of tag keys per name). */
    public static final String NONE = "none";

    private SchoolMeters() {
    }

    /** Counts one, now. */
    public static void count(String name, String realm, String... tagPairs) {
        Counter.builder(name).tags(Tags.of(tagPairs).and("realm", realm == null ? NONE : realm))
                .register(Metrics.globalRegistry).increment();
    }

    /** Counts one when the session's transaction commits (as Keycloak counts its user events): a rolled-back step counts nothing. */
    public static void countOnCommit(KeycloakSession session, String name, String realm, String... tagPairs) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                count(name, realm, tagPairs);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }
}
