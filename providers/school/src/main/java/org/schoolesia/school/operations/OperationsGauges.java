package org.schoolesia.school.operations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.keycloak.models.KeycloakSession;
import org.schoolesia.school.kernel.SchoolMeters;
import org.schoolesia.school.requests.RequestHousekeeping;

/**
 * The gauges read from the database: overdue access requests and the outbox (pending, failed), per
 * realm. Each node refreshes them on its own timer (a few counts on indexed columns), so every node
 * reports the same cluster-wide figures: a dashboard takes {@code max by (realm)}, never the sum.
 */
final class OperationsGauges {

    private final MultiGauge overdue = MultiGauge.builder(SchoolMeters.REQUESTS_OVERDUE)
            .description("Pending access requests older than the realm's overdue setting").register(Metrics.globalRegistry);
    private final MultiGauge outbox = MultiGauge.builder(SchoolMeters.MAIL_OUTBOX)
            .description("Access-request e-mails not sent yet (pending) or given up (failed)").register(Metrics.globalRegistry);
    private final Clock clock;

    OperationsGauges(Clock clock) {
        this.clock = clock;
    }

    void refresh(KeycloakSession session) {
        List<MultiGauge.Row<?>> overdueRows = new ArrayList<>();
        List<MultiGauge.Row<?>> outboxRows = new ArrayList<>();
        session.realms().getRealmsStream().toList().forEach(realm -> {
            RequestHousekeeping requests = new RequestHousekeeping(session, realm);
            Tags tags = Tags.of("realm", realm.getName());
            overdueRows.add(MultiGauge.Row.of(tags, requests.overdueRequests(clock)));
            outboxRows.add(MultiGauge.Row.of(tags.and("state", "pending"), requests.pendingMail()));
            outboxRows.add(MultiGauge.Row.of(tags.and("state", "failed"), requests.failedMailCount()));
        });
        // overwrite: a removed realm's rows go away.
        overdue.register(overdueRows, true);
        outbox.register(outboxRows, true);
    }
}
