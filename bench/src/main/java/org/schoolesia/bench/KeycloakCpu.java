package org.schoolesia.bench;

import java.util.Map;

import org.schoolesia.testkit.TestEnvironment;

/**
 * CPU spent by the Keycloak a benchmark started, from /proc: the JVM's run time per thread (exact, from the
 * scheduler: {@link ThreadCpu}), of it the JIT compiler's and the request threads', and PostgreSQL's
 * (postmaster and backends; none on H2). Windows are measured as differences of two samples, so
 * whatever else runs on the machine is not counted.
 */
final class KeycloakCpu {

    /** A point in time: run time per Keycloak thread, PostgreSQL's CPU ms, Keycloak's system time in clock ticks. */
    record Sample(Map<Long, Map.Entry<ThreadCpu.Group, Long>> threads, long dbMillis, long kernelTicks) {
    }

    /**
     * CPU ms between two samples: Keycloak's threads all together, its JIT compiler threads, its request
     * threads (no background timers or cluster traffic: nothing to subtract), PostgreSQL.
     */
    record Used(double all, double jit, double requests, double db, double kernel) {
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
        return new Sample(ThreadCpu.snapshot(pid), env.keycloak().databaseCpuTime().toMillis(), kernelTicks(pid));
    }

    Used since(Sample start) {
        Sample now = sample();
        Map<ThreadCpu.Group, Long> split = ThreadCpu.delta(start.threads(), now.threads());
        return new Used(ThreadCpu.total(split) / 1000.0, split.getOrDefault(ThreadCpu.Group.JIT, 0L) / 1000.0,
                split.getOrDefault(ThreadCpu.Group.REQUEST, 0L) / 1000.0, now.dbMillis() - start.dbMillis(),
                (now.kernelTicks() - start.kernelTicks()) * MILLIS_PER_TICK);
    }

    /** Keycloak's CPU ms per second while nothing is asked of it (timers, cluster pings): inside every window alike. */
    double idleMillisPerSecond() throws InterruptedException {
        Thread.sleep(1000);
        Sample start = sample();
        long at = System.nanoTime();
        Thread.sleep(5000);
        return (since(start).all()) / ((System.nanoTime() - at) / 1e9);
    }

    /** Linux' USER_HZ: /proc reports CPU times in hundredths of a second. */
    private static final double MILLIS_PER_TICK = 10;

    /** The process's system time (all threads, in the kernel: syscalls, page faults), from /proc/PID/stat; 0 when unreadable. */
    static long kernelTicks(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            // After the command name in parentheses: state is field 3, stime field 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[12]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The Keycloak JVM: the one java process among this JVM's descendants. */
    static long keycloakJavaPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }
}
