package org.schoolesia.school.requests;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.timer.TimerProvider;
import org.schoolesia.school.link.EsiaLinkedEvent;

/**
 * The mail outbox's timing and this node's {@link MailCourier}, set from server options
 * {@code --spi-school-mail-outbox--default--poll-seconds}, {@code …--retry-first-seconds},
 * {@code …--retry-max-seconds}, {@code …--max-attempts}. The names used before issue 10
 * ({@code --spi-realm-restapi-extension--school--mail-…}) still work, with a warning.
 * The admin console's Provider info shows, per realm, the e-mails waiting because the realm has no
 * SMTP sender configured.
 */
public class MailOutboxFactory implements ProviderFactory<MailOutbox>, ServerInfoAwareProviderFactory {

    private static final Logger LOG = Logger.getLogger(MailOutboxFactory.class);

    public static final String ID = "default";
    static final String TIMER_TASK = "school-mail-outbox";
    private static final Duration LEASE = Duration.ofMinutes(5);

    private Duration poll = Duration.ofSeconds(30);
    private MailCourier courier = new MailCourier(new MailBackoff(Duration.ofMinutes(1), Duration.ofHours(1)), LEASE);
    private KeycloakSessionFactory sessions;

    @Override
    public MailOutbox create(KeycloakSession session) {
        return new MailOutbox(session, courier);
    }

    @Override
    public void init(Config.Scope config) {
        Config.Scope legacy = Config.scope("realm-restapi-extension", "school");
        poll = Duration.ofSeconds(Math.max(1, setting(config, legacy, "poll-seconds", 30)));
        long first = Math.max(1, setting(config, legacy, "retry-first-seconds", 60));
        long max = Math.max(first, setting(config, legacy, "retry-max-seconds", 3600));
        int attempts = Math.max(1, config.getInt("max-attempts", MailBackoff.DEFAULT_MAX_ATTEMPTS));
        courier = new MailCourier(new MailBackoff(Duration.ofSeconds(first), Duration.ofSeconds(max), attempts), LEASE);
    }

    /** The option under its own SPI's name, else its name before issue 10 ({@code mail-…} of the REST provider). */
    private static long setting(Config.Scope config, Config.Scope legacy, String name, long fallback) {
        Long value = config.getLong(name);
        if (value != null) {
            return value;
        }
        Long old = legacy == null ? null : legacy.getLong("mail-" + name);
        if (old != null) {
            LOG.warnf("--spi-realm-restapi-extension--school--mail-%s is deprecated: use --spi-%s--%s--%s", name, MailOutboxSpi.NAME, ID, name);
            return old;
        }
        return fallback;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.sessions = factory;
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                // The requests capability's one factory with a lifecycle also forgets a removed realm's requests and e-mails.
                new AccessRequests(removed.getKeycloakSession(), removed.getRealm(), Clock.systemUTC()).forgetRealm(removed.getRealm().getId());
            } else if (event instanceof EsiaLinkedEvent linked) {
                // Defect 9: in the link's own transaction, so the request and the link commit together.
                LinkedElsewhere.close(linked);
            } else if (event instanceof PostMigrationEvent) {
                // Every node polls; the outbox's per-message lease keeps them from sending the same e-mail.
                // The timer thread only hands the round to the outbox's executor: SMTP waits stay off it.
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    ExecutorService executor = MailCourier.executor(session);
                    MailCourier c = courier;
                    session.getProvider(TimerProvider.class).schedule(() -> c.deliverSoon(executor, factory), poll.toMillis(), TIMER_TASK);
                });
                LOG.debugf("mail outbox: polled every %d s, retries from %d s up to %d s, %d attempts at most", poll.toSeconds(),
                        courier.backoff().first().toSeconds(), courier.backoff().max().toSeconds(), courier.backoff().maxAttempts());
            }
        });
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("poll-seconds").type("int").defaultValue(30)
                .helpText("How often each node looks for access-request e-mails that are due (sent or retried).").add()
                .property().name("retry-first-seconds").type("int").defaultValue(60)
                .helpText("Delay before the first retry of an e-mail the SMTP server did not take; doubles each time.").add()
                .property().name("retry-max-seconds").type("int").defaultValue(3600)
                .helpText("Longest delay between retries.").add()
                .property().name("max-attempts").type("int").defaultValue(MailBackoff.DEFAULT_MAX_ATTEMPTS)
                .helpText("Attempts before an e-mail the SMTP server keeps failing is given up and listed for admins"
                        + " (a 5xx refusal, a bad address or a missing template gives it up at once).").add()
                .build();
    }

    /** For admins (Provider info): timing, and realms whose e-mails wait for an SMTP sender. */
    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("pollSeconds", String.valueOf(poll.toSeconds()));
        if (sessions != null) {
            try {
                KeycloakModelUtils.runJobInTransaction(sessions, s -> waitingForSender(s).forEach((realm, count) ->
                        info.put("realm " + realm, count + " e-mail(s) waiting: " + MailCourier.NO_SMTP_SENDER)));
            } catch (RuntimeException e) {
                LOG.debugf("mail outbox: operational info unavailable: %s", e.getMessage());
            }
        }
        return info;
    }

    private static Map<String, Long> waitingForSender(KeycloakSession s) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<Object[]> rows = s.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNamedQuery("MailOutboxEntry.waitingByRealm", Object[].class)
                .setParameter("error", MailCourier.NO_SMTP_SENDER).getResultList();
        for (Object[] row : rows) {
            RealmModel realm = s.realms().getRealm((String) row[0]);
            out.put(realm == null ? (String) row[0] : realm.getName(), (Long) row[1]);
        }
        return out;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
