package org.schoolesia.bench;

import java.util.Map;

import org.schoolesia.testkit.TestEnvironment;

/**
 * CPU spent so far by the Keycloak a benchmark started, from /proc: the JVM's user+system time, the
 * part of it its JIT compiler threads took, and PostgreSQL's (postmaster and backends; none on H2).
 * Windows are measured as differences of two samples, so whatever else runs on the machine is not counted.
 */
final class KeycloakCpu {

    /** One sample, ms: {Keycloak all threads, Keycloak JIT compiler threads, PostgreSQL}. */
    record Sample(long all, long jit, long db) {
        Sample minus(Sample start) {
            return new Sample(all - start.all, jit - start.jit, db - start.db);
        }
    }

    private final TestEnvironment env;
    private final long pid;

    KeycloakCpu(TestEnvironment env) {
        this.env = env;
        this.pid = keycloakJavaPid();
    }

    long pid() {
        return pid;
    }

    Sample sample() {
        long jitTicks = ThreadCpu.snapshot(pid).values().stream()
                .filter(e -> e.getKey() == ThreadCpu.Group.JIT).mapToLong(Map.Entry::getValue).sum();
        return new Sample(env.keycloak().cpuTime().toMillis(), jitTicks * 10, env.keycloak().databaseCpuTime().toMillis());
    }

    Sample since(Sample start) {
        return sample().minus(start);
    }

    /** Keycloak's CPU while nothing is asked of it (timers, cluster pings): inside every window alike. */
    double idleMillisPerSecond() throws InterruptedException {
        Thread.sleep(1000);
        long cpu = env.keycloak().cpuTime().toMillis();
        long start = System.nanoTime();
        Thread.sleep(5000);
        return (env.keycloak().cpuTime().toMillis() - cpu) / ((System.nanoTime() - start) / 1e9);
    }

    /** The Keycloak JVM: the one java process among this JVM's descendants. */
    static long keycloakJavaPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }
}
