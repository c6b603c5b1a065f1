package org.schoolesia.school.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Metrics;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Schedules the operations timers once the database is migrated: the retention job through
 * Keycloak's {@link ClusterAwareScheduledTaskRunner} (one node per interval, as Keycloak clears its
 * expired events), and on every node the gauges' refresh. Server options
 * {@code --spi-school-operations--default--retention-interval-seconds} (3600) and {@code …--gauge-seconds} (60).
 */
public class OperationsFactory implements ProviderFactory<Operations>, ServerInfoAwareProviderFactory {

    private static final Logger LOG = Logger.getLogger(OperationsFactory.class);
    public static final String ID = "default";
    static final String GAUGES_TASK = "school-operations-gauges";

    private Duration retentionInterval = Duration.ofHours(1);
    private Duration gaugeInterval = Duration.ofMinutes(1);

    @Override
    public Operations create(KeycloakSession session) {
        return new Operations(session, Clock.systemUTC());
    }

    @Override
    public void init(Config.Scope config) {
        retentionInterval = Duration.ofSeconds(Math.max(1, config.getLong("retention-interval-seconds", 3600L)));
        gaugeInterval = Duration.ofSeconds(Math.max(1, config.getLong("gauge-seconds", 60L)));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                OperationsGauges gauges = new OperationsGauges(Clock.systemUTC());
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    TimerProvider timer = session.getProvider(TimerProvider.class);
                    timer.schedule(new ClusterAwareScheduledTaskRunner(factory, new Retention(Clock.systemUTC()),
                            retentionInterval.toMillis()), retentionInterval.toMillis());
                    timer.schedule(() -> refresh(factory, gauges), gaugeInterval.toMillis(), GAUGES_TASK);
                });
                LOG.debugf("operations: retention job every %d s (one node), gauges every %d s", retentionInterval.toSeconds(),
                        gaugeInterval.toSeconds());
            }
        });
    }

    private static void refresh(KeycloakSessionFactory factory, OperationsGauges gauges) {
        if (Metrics.globalRegistry.getRegistries().isEmpty()) {
            return; // metrics not enabled: no one reads the gauges, so no queries
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, gauges::refresh);
        } catch (RuntimeException e) {
            // E.g. the database going away while the server stops; the next tick tries again.
            LOG.debugf("operations: gauges not refreshed: %s", e.getMessage());
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("retention-interval-seconds").type("int").defaultValue(3600)
                .helpText("How often the retention job removes decided access requests and sent e-mails past the realm's"
                        + " retention (one node of a cluster runs it per interval).").add()
                .property().name("gauge-seconds").type("int").defaultValue(60)
                .helpText("How often each node refreshes the gauges school_access_requests_overdue and school_mail_outbox.").add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("retentionIntervalSeconds", String.valueOf(retentionInterval.toSeconds()),
                "gaugeSeconds", String.valueOf(gaugeInterval.toSeconds()));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
