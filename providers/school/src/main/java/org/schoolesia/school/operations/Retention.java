package org.schoolesia.school.operations;

import java.time.Clock;
import java.time.Instant;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.timer.ScheduledTask;
import org.schoolesia.school.requests.RequestHousekeeping;

/**
 * The retention job: in each realm, removes decided access requests (with their e-mails) and sent
 * e-mails older than the realm's {@link RetentionPolicy}. Scheduled through Keycloak's
 * {@code ClusterAwareScheduledTaskRunner}, so one node of a cluster runs it per interval (the lock is
 * keyed by this class's simple name); admins may also run it for their realm at once (admin REST).
 */
final class Retention implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final Clock clock;

    Retention(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void run(KeycloakSession session) {
        session.realms().getRealmsStream().toList().forEach(realm -> {
            RequestHousekeeping.Purged purged = purge(session, realm, clock);
            if (purged.decidedRequests() + purged.mail() > 0) {
                LOG.infof("retention: realm %s: %d decided access request(s) and %d e-mail(s) past retention removed",
                        realm.getName(), purged.decidedRequests(), purged.mail());
            }
        });
    }

    static RetentionPolicy policy(RealmModel realm) {
        return RetentionPolicy.of(realm.getAttribute(RetentionPolicy.DECIDED_REQUESTS_ATTRIBUTE),
                realm.getAttribute(RetentionPolicy.SENT_MAIL_ATTRIBUTE));
    }

    static RequestHousekeeping.Purged purge(KeycloakSession session, RealmModel realm, Clock clock) {
        RetentionPolicy policy = policy(realm);
        Instant now = clock.instant();
        return new RequestHousekeeping(session, realm).purge(policy.decidedBefore(now), policy.sentBefore(now));
    }

    @Override
    public String getTaskName() {
        return "school-retention";
    }
}
