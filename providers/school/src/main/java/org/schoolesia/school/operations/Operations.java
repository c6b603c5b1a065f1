package org.schoolesia.school.operations;

import java.time.Clock;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;
import org.schoolesia.school.requests.RequestHousekeeping;

/** The {@code school-operations} provider: what the admin REST runs on demand (the retention job for one realm). */
public final class Operations implements Provider {

    private final KeycloakSession session;
    private final Clock clock;

    Operations(KeycloakSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    /** Runs the retention job for {@code realm} now, in the caller's transaction. */
    public RequestHousekeeping.Purged purgeNow(RealmModel realm) {
        return Retention.purge(session, realm, clock);
    }

    public RetentionPolicy retention(RealmModel realm) {
        return Retention.policy(realm);
    }

    @Override
    public void close() {
    }
}
