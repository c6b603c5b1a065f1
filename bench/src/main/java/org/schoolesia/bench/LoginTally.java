package org.schoolesia.bench;

import java.util.ArrayList;
import java.util.List;

/** The measured login windows of one variant: Keycloak's and PostgreSQL's CPU, wall times, per-round figures. */
class LoginTally {

    private double cpuMillis;
    private double jitMillis;
    private double requestMillis;
    private double dbMillis;
    private double kernelMillis;
    private int logins;
    private double windowSeconds;
    private final List<Double> wallMillis = new ArrayList<>();
    private final List<Double> roundCpuPerLogin = new ArrayList<>();
    private double roundCpu;
    private double roundJit;
    private int roundLogins;

    void add(KeycloakCpu.Used used, List<Double> walls, double seconds) {
        cpuMillis += used.all();
        jitMillis += used.jit();
        requestMillis += used.requests();
        dbMillis += used.db();
        kernelMillis += used.kernel();
        logins += walls.size();
        windowSeconds += seconds;
        roundCpu += used.all();
        roundJit += used.jit();
        roundLogins += walls.size();
        wallMillis.addAll(walls);
    }

    /** Closes a round: its CPU per login without JIT goes to the spread. */
    void endRound() {
        if (roundLogins > 0) {
            roundCpuPerLogin.add((roundCpu - roundJit) / roundLogins);
        }
        roundCpu = 0;
        roundJit = 0;
        roundLogins = 0;
    }

    int logins() {
        return logins;
    }

    List<Double> walls() {
        return wallMillis;
    }

    List<Double> roundCpuPerLogin() {
        return roundCpuPerLogin;
    }

    double cpuPerLogin() {
        return logins == 0 ? Double.NaN : cpuMillis / logins;
    }

    double cpuWithoutJitPerLogin() {
        return logins == 0 ? Double.NaN : (cpuMillis - jitMillis) / logins;
    }

    /** Without JIT and without Keycloak's idle CPU over the windows' wall time. */
    double netPerLogin(double idleMillisPerSecond) {
        return logins == 0 ? Double.NaN : (cpuMillis - jitMillis - idleMillisPerSecond * windowSeconds) / logins;
    }

    /** The request threads' CPU alone: no JIT, no background work, nothing estimated and subtracted. */
    double requestThreadsPerLogin() {
        return logins == 0 ? Double.NaN : requestMillis / logins;
    }

    /** Keycloak's system time (all threads, 10 ms ticks: read over many logins only). */
    double kernelPerLogin() {
        return logins == 0 ? Double.NaN : kernelMillis / logins;
    }

    double dbPerLogin() {
        return logins == 0 ? Double.NaN : dbMillis / logins;
    }

    /** Sequential logins per second of window wall time (one client, one login at a time). */
    double loginsPerSecond() {
        return windowSeconds == 0 ? Double.NaN : logins / windowSeconds;
    }
}
