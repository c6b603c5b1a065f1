package org.schoolesia.bench;

import static org.schoolesia.bench.Stats.f;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Element;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * What an ESIA login costs Keycloak, next to stock Keycloak's OIDC broker logging in the same
 * persons from the same emulator, in one run: see {@code bench/README.md}.
 *
 * <p>Settings (system properties): {@code bench.keycloakHome} (or the first argument; default
 * {@code server/target/keycloak-26.7.4}), {@code bench.realmConfig} ({@code realm-config}),
 * {@code bench.workDir} ({@code bench/target/bench-work}: Keycloak's database and log),
 * {@code bench.rounds} (5), {@code bench.loginsPerRound} (20), {@code bench.warmupRounds} (2, at least),
 * {@code bench.warmupJitShare} (0.10) and {@code bench.warmupMaxSeconds} (100): warm-up goes on until the JIT's share
 * of a round's CPU is below that or the time is up, {@code bench.returningOid} (1000000001),
 * {@code bench.gostRounds} (7), {@code bench.gostOps} (300), {@code bench.keycloakOptions} (theme caching on).
 */
public final class LoginBenchmark {

    private static final String ESIA_ALIAS = "esia";
    private static final String REALM = "/realms/" + DemoRealm.NAME;
    private static final List<String> PERSONS = List.of("1000000001", "1000000002", "1000000003", "1000000004", "1000000005");
    static final String DEFAULT_KEYCLOAK_OPTIONS = "--spi-theme--cache-themes=true --spi-theme--cache-templates=true";
    private static final String REFERENCE = "stock Keycloak returning brokered login ~8.5 ms CPU, first brokered login ~14 ms CPU";

    enum Broker {
        ESIA(ESIA_ALIAS, "ESIA provider"), STOCK(StockOidcBroker.ALIAS, "stock oidc");

        final String alias;
        final String label;

        Broker(String alias, String label) {
            this.alias = alias;
            this.label = label;
        }
    }

    enum Kind { FIRST, RETURNING }

    /** Measured logins of one broker and kind. */
    static final class Tally {
        long cpuMillis;
        long jitMillis;
        int logins;
        final List<Double> wallMillis = new ArrayList<>();
        final List<Double> roundCpuPerLogin = new ArrayList<>();
        long roundCpu;
        int roundLogins;

        void add(long[] cpuAndJit, List<Double> walls) {
            long cpu = cpuAndJit[0];
            cpuMillis += cpu;
            jitMillis += cpuAndJit[1];
            logins += walls.size();
            roundCpu += cpu;
            roundLogins += walls.size();
            wallMillis.addAll(walls);
        }

        void endRound() {
            if (roundLogins > 0) {
                roundCpuPerLogin.add((double) roundCpu / roundLogins);
            }
            roundCpu = 0;
            roundLogins = 0;
        }

        double cpuPerLogin() {
            return logins == 0 ? Double.NaN : (double) cpuMillis / logins;
        }

        double cpuWithoutJitPerLogin() {
            return logins == 0 ? Double.NaN : (double) (cpuMillis - jitMillis) / logins;
        }
    }

    private final TestEnvironment env;
    private final long keycloakPid = keycloakJavaPid();
    private final Set<String> baselineUsers = new HashSet<>();
    private final Map<Kind, Map<Broker, Tally>> tallies = new EnumMap<>(Kind.class);

    private LoginBenchmark(TestEnvironment env) {
        this.env = env;
        for (Kind kind : Kind.values()) {
            Map<Broker, Tally> byBroker = new EnumMap<>(Broker.class);
            for (Broker broker : Broker.values()) {
                byBroker.put(broker, new Tally());
            }
            tallies.put(kind, byBroker);
        }
    }

    public static void main(String[] args) throws Exception {
        Path keycloakHome = Path.of(args.length > 0 ? args[0] : System.getProperty("bench.keycloakHome", "server/target/keycloak-26.7.4"))
                .toAbsolutePath().normalize();
        Path realmConfig = Path.of(System.getProperty("bench.realmConfig", "realm-config")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("bench.workDir", "bench/target/bench-work")).toAbsolutePath().normalize();
        int rounds = Integer.getInteger("bench.rounds", 5);
        int loginsPerRound = Integer.getInteger("bench.loginsPerRound", 20);
        int warmupRounds = Integer.getInteger("bench.warmupRounds", 2);
        double warmupJitShare = Double.parseDouble(System.getProperty("bench.warmupJitShare", "0.10"));
        int warmupMaxSeconds = Integer.getInteger("bench.warmupMaxSeconds", 100);
        // start-dev turns theme and template caching off; production keeps them on, and the login page
        // rendering is common to both brokers: with caching off it would only dilute the difference.
        List<String> keycloakOptions = Stream.of(System.getProperty("bench.keycloakOptions", DEFAULT_KEYCLOAK_OPTIONS).split("\\s+"))
                .filter(o -> !o.isBlank()).toList();
        String returningOid = System.getProperty("bench.returningOid", PERSONS.get(0));
        int gostRounds = Integer.getInteger("bench.gostRounds", 7);
        int gostOps = Integer.getInteger("bench.gostOps", 300);
        int windows = Math.max(1, loginsPerRound / PERSONS.size());
        long started = System.nanoTime();

        out("school-esia login benchmark");
        out("  What: (1) BouncyCastle GOST R 34.10-2012 (256) sign/verify cost; (2) full browser logins through one");
        out("  real Keycloak " + keycloakVersion(keycloakHome) + " (start-dev, H2) with the demo realm: our 'esia' provider vs stock Keycloak's");
        out("  'oidc' broker ('" + StockOidcBroker.ALIAS + "'), both against the same in-process ESIA emulator, same persons, same");
        out("  first-broker-login flow ('esia first login'), sync FORCE. A login = Keycloak login page -> IdP button ->");
        out("  emulator person picker -> callback -> redirect to the client with code= (the client's code redemption is not");
        out("  included). Fresh cookies for every login. CPU = Keycloak JVM user+sys from /proc (10 ms ticks), admin API");
        out("  calls outside the measured windows.");
        out("  Machine: nproc=" + Runtime.getRuntime().availableProcessors() + ", " + cpuModel() + ", load average " + loadAverage());
        out("  Java (bench + emulator): " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out("  Keycloak home: " + keycloakHome + "; work dir: " + workDir);
        out("  Keycloak options added to the testkit's start-dev: " + String.join(" ", keycloakOptions));
        out("  Reference figures (from the brief, other runs): " + REFERENCE + ".");
        out("  Compare ratios within this run; absolute figures move with the machine and its load.");
        out("");

        // 1. GOST crypto
        GostCost.Result gost = new GostCost(realmConfig.resolve("keys/client-gost.key.pem"), realmConfig.resolve("keys/client-gost.crt.pem"))
                .measure(1000, gostRounds, gostOps);
        out("1. GOST crypto (BouncyCastle " + bouncyCastleVersion() + ", " + GostCost.ALGORITHM + ", demo key client-gost),");
        out(f("   thread CPU per operation after 1000 warm-up ops; median of %d rounds x %d ops:", gostRounds, gostOps));
        out(f("     sign    %7.1f us/op   (rounds: %s)", gost.signMicros(), Stats.list(gost.signRounds(), "%.0f")));
        out(f("     verify  %7.1f us/op   (rounds: %s)", gost.verifyMicros(), Stats.list(gost.verifyRounds(), "%.0f")));
        out("     (both with a new Signature initialised per operation, as our BouncyCastle signer does; for comparison,");
        out(f("      one Signature initialised once and reused: sign %.1f us/op, rounds: %s)", gost.signReusedMicros(),
                Stats.list(gost.signReusedRounds(), "%.0f")));
        out("");

        // 2. Logins
        if (Files.exists(workDir)) {
            deleteTree(workDir);
        }
        Files.createDirectories(workDir);
        out("2. Starting the emulator and Keycloak (logs: " + workDir.resolve("keycloak/keycloak.log") + ", "
                + workDir.resolve("emulator.log") + ") ...");
        long startAt = System.nanoTime();
        // The emulator reports every request on System.err: into a file, not into the figures.
        PrintStream err = System.err;
        PrintStream emulatorLog = new PrintStream(new BufferedOutputStream(Files.newOutputStream(workDir.resolve("emulator.log"))), false,
                StandardCharsets.UTF_8);
        System.setErr(emulatorLog);
        try (TestEnvironment env = TestEnvironment.start(keycloakHome, realmConfig, workDir, keycloakOptions)) {
            out(f("   ready in %.0f s; Keycloak JVM: %s", (System.nanoTime() - startAt) / 1e9, keycloakJava()));
            LoginBenchmark bench = new LoginBenchmark(env);
            StockOidcBroker.create(env);
            bench.rememberBaselineUsers();
            bench.checkLoginPage();

            long pid = keycloakJavaPid();
            out(f("   warm-up (not counted): at least %d rounds, then until the JIT compiler's share of Keycloak's CPU in a round",
                    warmupRounds));
            out(f("   is below %.0f%% or %d s have passed:", 100 * warmupJitShare, warmupMaxSeconds));
            long warmupStart = System.nanoTime();
            for (int r = 0; ; r++) {
                var before = ThreadCpu.snapshot(pid);
                long roundStart = System.nanoTime();
                bench.round(r, windows, loginsPerRound, returningOid, false);
                var split = ThreadCpu.delta(before, ThreadCpu.snapshot(pid));
                double jit = share(split, ThreadCpu.Group.JIT);
                out(f("     round %d: %.0f s, Keycloak CPU %.1f s, JIT %.0f%%", r + 1, (System.nanoTime() - roundStart) / 1e9,
                        total(split) / 100.0, 100 * jit));
                double elapsed = (System.nanoTime() - warmupStart) / 1e9;
                if (r + 1 >= warmupRounds && (jit < warmupJitShare || elapsed >= warmupMaxSeconds)) {
                    break;
                }
            }
            double idle = bench.idleCpuMillisPerSecond();
            out(f("   Keycloak idle CPU: %.1f ms/s (background noise inside every window, both brokers alike)", idle));
            out(f("   measuring: %d rounds; per round, per broker: %d first logins (%d windows of %d persons, users deleted",
                    rounds, windows * PERSONS.size(), windows, PERSONS.size()));
            out(f("   between windows) and %d returning logins of oid %s (one user linked to both brokers); order alternates.",
                    loginsPerRound, returningOid));
            var threadsBefore = ThreadCpu.snapshot(pid);
            for (int r = 0; r < rounds; r++) {
                bench.round(r, windows, loginsPerRound, returningOid, true);
            }
            var split = ThreadCpu.delta(threadsBefore, ThreadCpu.snapshot(pid));
            out("");
            bench.report(gost);
            out("");
            out(f("   Keycloak CPU over the whole measured phase (admin calls included), by thread: JIT compiler %.0f%%,"
                    + " GC/VM %.0f%%, request and other threads %.0f%% of %.1f s.", 100 * share(split, ThreadCpu.Group.JIT),
                    100 * share(split, ThreadCpu.Group.GC), 100 * share(split, ThreadCpu.Group.OTHER), total(split) / 100.0));
            out("   A large JIT share means Keycloak was still warming up (request code not yet fully compiled either): on a quiet");
            out("   machine raise -Dbench.warmupMaxSeconds / -Dbench.warmupRounds until the warm-up rounds show JIT < 10%.");
        } finally {
            System.setErr(err);
            emulatorLog.close();
        }
        out("");
        out(f("Total run time %.0f s; load average now %s.", (System.nanoTime() - started) / 1e9, loadAverage()));
    }

    /** One round: first-login windows for both brokers, interleaved; then returning logins for both. */
    private void round(int round, int windows, int loginsPerRound, String returningOid, boolean measured) {
        boolean esiaFirst = round % 2 == 0;
        for (int w = 0; w < windows; w++) {
            for (Broker broker : order(esiaFirst ^ (w % 2 == 1))) {
                long[] cpu = cpuAndJitMillis();
                List<Double> walls = new ArrayList<>();
                for (String oid : PERSONS) {
                    walls.add(login(broker, oid));
                }
                cpu = since(cpu);
                if (measured) {
                    tallies.get(Kind.FIRST).get(broker).add(cpu, walls);
                }
                deleteNewUsers();
            }
        }

        String userId = createReturningUser(returningOid);
        for (Broker broker : order(esiaFirst)) {
            long[] cpu = cpuAndJitMillis();
            List<Double> walls = new ArrayList<>();
            for (int i = 0; i < loginsPerRound; i++) {
                walls.add(login(broker, returningOid));
            }
            cpu = since(cpu);
            if (measured) {
                tallies.get(Kind.RETURNING).get(broker).add(cpu, walls);
            }
            env.admin().post(REALM + "/users/" + userId + "/logout", null);
        }
        deleteNewUsers();
        if (measured) {
            tallies.values().forEach(m -> m.values().forEach(Tally::endRound));
        }
    }

    private static List<Broker> order(boolean esiaFirst) {
        return esiaFirst ? List.of(Broker.ESIA, Broker.STOCK) : List.of(Broker.STOCK, Broker.ESIA);
    }

    /** One full browser login; returns its wall-clock time in ms. */
    private double login(Broker broker, String oid) {
        Browser browser = env.browser();
        long start = System.nanoTime();
        Browser.Page loginPage = browser.open(env.clientLoginUrl());
        if (loginPage.status() != 200) {
            throw fail(broker, oid, "login page answered " + loginPage.status(), loginPage);
        }
        Element button = loginPage.document().selectFirst("a#social-" + broker.alias);
        if (button == null) {
            throw fail(broker, oid, "no a#social-" + broker.alias + " on the login page", loginPage);
        }
        Browser.Page picker = browser.open(button.absUrl("href"));
        if (picker.status() != 200) {
            throw fail(broker, oid, "expected the emulator's person picker", picker);
        }
        Browser.Page end = picker.submit("#person-" + oid);
        long elapsed = System.nanoTime() - start;
        if (!end.isRedirect() || !end.location().startsWith(DemoRealm.CLIENT_REDIRECT) || !end.location().contains("code=")) {
            throw fail(broker, oid, "expected a redirect to the client with a code", end);
        }
        return elapsed / 1e6;
    }

    private IllegalStateException fail(Broker broker, String oid, String what, Browser.Page page) {
        return new IllegalStateException(broker.label + " login of " + oid + ": " + what + "; got " + page.status() + " "
                + page.url() + (page.location() != null ? " -> " + page.location() : "") + "\n" + page.text()
                + "\n--- Keycloak log tail ---\n" + env.keycloak().tail(40));
    }

    /** The returning user: created by an (unmeasured) ESIA first login, then linked to the stock broker too. */
    private String createReturningUser(String oid) {
        login(Broker.ESIA, oid);
        JsonNode users = env.admin().get(REALM + "/users?exact=true&username=" + URLEncoder.encode("esia-" + oid, StandardCharsets.UTF_8));
        if (users == null || users.size() != 1) {
            throw new IllegalStateException("expected one user esia-" + oid + " after the ESIA login, found " + users);
        }
        JsonNode user = users.get(0);
        String id = user.get("id").asText();
        Map<String, String> link = Map.of("identityProvider", StockOidcBroker.ALIAS, "userId", oid,
                "userName", user.path("email").asText(user.get("username").asText()));
        env.admin().post(REALM + "/users/" + id + "/federated-identity/" + StockOidcBroker.ALIAS, link);
        env.admin().post(REALM + "/users/" + id + "/logout", null);
        return id;
    }

    private void rememberBaselineUsers() {
        for (JsonNode user : env.admin().get(REALM + "/users?briefRepresentation=true&max=10000")) {
            baselineUsers.add(user.get("id").asText());
        }
    }

    private void deleteNewUsers() {
        for (JsonNode user : env.admin().get(REALM + "/users?briefRepresentation=true&max=10000")) {
            String id = user.get("id").asText();
            if (!baselineUsers.contains(id)) {
                env.admin().delete(REALM + "/users/" + id);
            }
        }
    }

    private void checkLoginPage() {
        Browser.Page page = env.browser().open(env.clientLoginUrl());
        for (Broker broker : Broker.values()) {
            if (page.document().selectFirst("a#social-" + broker.alias) == null) {
                throw fail(broker, "-", "the demo realm's login page has no button for " + broker.alias, page);
            }
        }
    }

    private double idleCpuMillisPerSecond() throws InterruptedException {
        Thread.sleep(1000);
        long cpu = cpuMillis();
        long start = System.nanoTime();
        Thread.sleep(3000);
        return (cpuMillis() - cpu) / ((System.nanoTime() - start) / 1e9);
    }

    /** Keycloak's CPU so far: {all threads, JIT compiler threads}, in ms. */
    private long[] cpuAndJitMillis() {
        long jitTicks = ThreadCpu.snapshot(keycloakPid).values().stream()
                .filter(e -> e.getKey() == ThreadCpu.Group.JIT).mapToLong(Map.Entry::getValue).sum();
        return new long[] {cpuMillis(), jitTicks * 10};
    }

    private long[] since(long[] start) {
        long[] now = cpuAndJitMillis();
        return new long[] {now[0] - start[0], now[1] - start[1]};
    }

    private long cpuMillis() {
        return env.keycloak().cpuTime().toMillis();
    }

    private void report(GostCost.Result gost) {
        out("   Results (Keycloak CPU = total over all measured windows / logins; wall = median per login):");
        out("                        Keycloak CPU ms/login          wall ms/login (median)");
        out("   kind         logins    ESIA   stock  ESIA/stock       ESIA   stock  ESIA/stock");
        for (Kind kind : Kind.values()) {
            Tally esia = tallies.get(kind).get(Broker.ESIA);
            Tally stock = tallies.get(kind).get(Broker.STOCK);
            double esiaWall = Stats.median(esia.wallMillis);
            double stockWall = Stats.median(stock.wallMillis);
            out(f("   %-10s  %4d+%-4d %6.2f  %6.2f  %9.2fx     %6.1f  %6.1f  %9.2fx", kind == Kind.FIRST ? "first" : "returning",
                    esia.logins, stock.logins, esia.cpuPerLogin(), stock.cpuPerLogin(), esia.cpuPerLogin() / stock.cpuPerLogin(),
                    esiaWall, stockWall, esiaWall / stockWall));
        }
        out("   Without the JIT compiler threads' CPU in the same windows (Keycloak is still compiling; see the split below):");
        for (Kind kind : Kind.values()) {
            Tally esia = tallies.get(kind).get(Broker.ESIA);
            Tally stock = tallies.get(kind).get(Broker.STOCK);
            out(f("   %-10s  %4d+%-4d %6.2f  %6.2f  %9.2fx", kind == Kind.FIRST ? "first" : "returning", esia.logins, stock.logins,
                    esia.cpuWithoutJitPerLogin(), stock.cpuWithoutJitPerLogin(), esia.cpuWithoutJitPerLogin() / stock.cpuWithoutJitPerLogin()));
        }
        out("   CPU ms/login per round, all threads (spread; each round's figure carries +-10 ms tick rounding per window):");
        for (Kind kind : Kind.values()) {
            for (Broker broker : Broker.values()) {
                out(f("     %-9s %-5s  %s", kind == Kind.FIRST ? "first" : "returning", broker == Broker.ESIA ? "ESIA" : "stock",
                        Stats.list(tallies.get(kind).get(broker).roundCpuPerLogin, "%6.2f")));
            }
        }
        out("");
        double crypto = gost.perLoginMillis();
        out("3. ESIA's inherent crypto per login: 2 GOST signatures (authorize + token request) + 1 id_token verification");
        out(f("   = 2 x %.1f us + %.1f us = %.2f ms (from 1; the stock broker's RS256 check is inside its own figure).",
                gost.signMicros(), gost.verifyMicros(), crypto));
        out("   Our overhead = ESIA CPU - stock CPU - inherent crypto. It includes the protocol's extra back-channel calls");
        out("   (ESIA: token + person + contacts + kids; stock: token + userinfo) and our person parsing and mappers:");
        for (Kind kind : Kind.values()) {
            double esia = tallies.get(kind).get(Broker.ESIA).cpuPerLogin();
            double stock = tallies.get(kind).get(Broker.STOCK).cpuPerLogin();
            double overhead = esia - stock - crypto;
            double esiaNoJit = tallies.get(kind).get(Broker.ESIA).cpuWithoutJitPerLogin();
            double stockNoJit = tallies.get(kind).get(Broker.STOCK).cpuWithoutJitPerLogin();
            double overheadNoJit = esiaNoJit - stockNoJit - crypto;
            out(f("     %-9s  all threads: %.2f - %.2f - %.2f = %+.2f ms/login (%+.0f%% of stock); without JIT: %.2f - %.2f - %.2f = %+.2f ms (%+.0f%%)",
                    kind == Kind.FIRST ? "first" : "returning", esia, stock, crypto, overhead, 100 * overhead / stock,
                    esiaNoJit, stockNoJit, crypto, overheadNoJit, 100 * overheadNoJit / stockNoJit));
        }
        out("   For comparison (brief): " + REFERENCE + ".");
    }

    private static String keycloakVersion(Path home) {
        try {
            String text = Files.readString(home.resolve("version.txt"), StandardCharsets.UTF_8).trim();
            return text.replaceAll("(?i)^keycloak\\s*-\\s*(version\\s*)?", "");
        } catch (IOException e) {
            return "(version.txt unreadable)";
        }
    }

    private static long total(Map<ThreadCpu.Group, Long> split) {
        return split.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double share(Map<ThreadCpu.Group, Long> split, ThreadCpu.Group group) {
        long total = total(split);
        return total == 0 ? 0 : (double) split.getOrDefault(group, 0L) / total;
    }

    private static long keycloakJavaPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    private static String keycloakJava() {
        return ProcessHandle.current().descendants()
                .map(p -> p.info().command().orElse(""))
                .filter(c -> c.endsWith("/java"))
                .findFirst()
                .map(c -> c + (Path.of(c).toAbsolutePath().normalize().startsWith(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize())
                        ? " (same JDK as the bench)" : ""))
                .orElse("(not found)");
    }

    private static String bouncyCastleVersion() {
        Package p = org.bouncycastle.jce.provider.BouncyCastleProvider.class.getPackage();
        String v = p.getImplementationVersion();
        return v != null ? v : String.valueOf(new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr());
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("cpu model unknown");
        } catch (IOException e) {
            return "cpu model unknown";
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
