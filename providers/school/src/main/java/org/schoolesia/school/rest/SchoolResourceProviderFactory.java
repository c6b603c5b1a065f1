package org.schoolesia.school.rest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.keycloak.timer.TimerProvider;
import org.schoolesia.school.requests.MailBackoff;
import org.schoolesia.school.requests.MailOutbox;

/**
 * {@code /realms/{realm}/school/…}: the school system's REST API for staff, and the mail outbox
 * of access-request decisions, whose timing is set by server options
 * {@code --spi-realm-restapi-extension--school--mail-…}.
 */
public class SchoolResourceProviderFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    private static final Logger LOG = Logger.getLogger(SchoolResourceProviderFactory.class);

    public static final String ID = "school";
    static final String OUTBOX_TASK = "school-mail-outbox";

    private Duration poll = Duration.ofSeconds(30);
    private MailBackoff backoff = new MailBackoff(Duration.ofMinutes(1), Duration.ofHours(1));

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new SchoolResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        poll = Duration.ofSeconds(Math.max(1, config.getLong("mail-poll-seconds", 30L)));
        long first = Math.max(1, config.getLong("mail-retry-first-seconds", 60L));
        long max = Math.max(first, config.getLong("mail-retry-max-seconds", 3600L));
        backoff = new MailBackoff(Duration.ofSeconds(first), Duration.ofSeconds(max));
        MailOutbox.configure(backoff, Duration.ofMinutes(5));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                // Every node polls; the outbox's per-message lease keeps them from sending the same e-mail.
                // The timer thread only hands the round to the outbox's executor: SMTP waits stay off it.
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    ExecutorService executor = MailOutbox.executor(session);
                    session.getProvider(TimerProvider.class)
                            .schedule(() -> MailOutbox.deliverSoon(executor, factory), poll.toMillis(), OUTBOX_TASK);
                });
                LOG.debugf("mail outbox: polled every %d s, retries from %d s up to %d s", poll.toSeconds(),
                        backoff.first().toSeconds(), backoff.max().toSeconds());
            }
        });
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("mail-poll-seconds").type("int").defaultValue(30)
                .helpText("How often each node looks for access-request e-mails that are due (sent or retried).").add()
                .property().name("mail-retry-first-seconds").type("int").defaultValue(60)
                .helpText("Delay before the first retry of an e-mail the SMTP server did not take; doubles each time.").add()
                .property().name("mail-retry-max-seconds").type("int").defaultValue(3600)
                .helpText("Longest delay between retries; an e-mail is retried until it is sent.").add()
                .build();
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        String version = getClass().getPackage().getImplementationVersion();
        return Map.of("version", version == null ? "development" : version,
                "mailPollSeconds", String.valueOf(poll.toSeconds()));
    }
}
