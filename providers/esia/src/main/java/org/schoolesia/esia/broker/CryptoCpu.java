package org.schoolesia.esia.broker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * Keycloak CPU spent in the cryptography ESIA's protocol requires of every login — the request
 * signatures and the id_token's verification — on the timer {@code esia.crypto.cpu} (on
 * {@code /metrics}: {@code esia_crypto_cpu_seconds_count} and {@code _sum} by {@code operation}).
 * It is read from the thread's CPU clock, not the wall clock: what the server pays, whatever else
 * shares the machine, so an operator sizes servers by it and the benchmark tells it apart from our
 * own work (issue 14). With the HTTP signer it is what calling the signing service costs here.
 * Nothing is measured when Keycloak publishes no metrics.
 */
final class CryptoCpu {

    static final String TIMER = "esia.crypto.cpu";
    static final String SIGN = "sign";
    static final String VERIFY = "verify";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The work measured: a signature or a verification, with the exception it may end in. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private CryptoCpu() {
    }

    static <T, E extends Exception> T measure(String operation, String realm, Work<T, E> work) throws E {
        return measure(Metrics.globalRegistry, operation, realm, work);
    }

    static <T, E extends Exception> T measure(MeterRegistry registry, String operation, String realm, Work<T, E> work) throws E {
        if (!published(registry) || !THREADS.isCurrentThreadCpuTimeSupported()) {
            return work.run();
        }
        long start = THREADS.getCurrentThreadCpuTime();
        try {
            return work.run();
        } finally {
            // A failed signature or verification cost the CPU too.
            Timer.builder(TIMER).description("Keycloak CPU in ESIA's signatures and id_token verifications")
                    .tag("operation", operation).tag("realm", realm == null ? "none" : realm)
                    .register(registry).record(THREADS.getCurrentThreadCpuTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Keycloak's metrics add Quarkus' registry to the global one; without them it holds none. */
    private static boolean published(MeterRegistry registry) {
        return !(registry instanceof CompositeMeterRegistry composite)
                || !composite.getRegistries().isEmpty();
    }
}
