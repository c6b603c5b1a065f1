package org.schoolesia.bench;

import static org.schoolesia.bench.Stats.f;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakCluster;
import org.schoolesia.testkit.LoadBalancer;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 14's load run: ESIA logins at a steady rate (open model: a login starts every 1/rate s
 * whatever the others do) on the two-node cluster of {@code production/cluster.sh}, behind the
 * testkit's {@link LoadBalancer} spreading requests over both nodes; one node is killed with
 * SIGKILL in the middle. Prints logins/s, p50/p95/p99 and every error, each accounted for: only a
 * login whose request was on the killed node may fail, and a fresh login of the same person right
 * after must succeed. A benchmark, never part of the test suite. Settings: {@code bench/README.md}.
 */
public final class ClusterLoadRun {

    /** Who logs in with which ESIA role, and the account Keycloak must answer with. */
    record Person(String oid, String role, String username, String kind) {
    }

    private static final List<Person> RETURNING = List.of(
            new Person("1000000001", "parent", "ivanova.maria", "returning parent (two children)"),
            new Person("1000000003", "staff", "smirnov.oleg", "returning teacher"));
    /** Иванов Пётр: his first login links {@code ivanov.petr} by SNILS; returning student after that. */
    private static final Person FIRST = new Person("1000000002", "student", "ivanov.petr", "first login (links by SNILS)");
    private static final Person PETR = new Person(FIRST.oid(), FIRST.role(), FIRST.username(), "returning student");

    /** Why a login did not end in the expected account's tokens: the step, the balancer's node, the status. */
    record Failure(String step, Integer node, int status, String detail) {
    }

    /** One login: times in ns of {@link System#nanoTime()}; {@code intended} = its slot in the schedule. */
    record Result(Person person, long intended, long started, long ended, Failure failure, Boolean restartedOk) {
        double responseMillis() {
            return (ended - intended) / 1e6;
        }

        double serviceMillis() {
            return (ended - started) / 1e6;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestEnvironment env;
    private final KeycloakCluster cluster;
    private final Queue<Result> results = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean petrLinked = new AtomicBoolean();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile long killStart = Long.MAX_VALUE;
    private volatile long killEnd = Long.MAX_VALUE;

    private ClusterLoadRun(TestEnvironment env) {
        this.env = env;
        this.cluster = env.cluster();
    }

    public static void main(String[] args) throws Exception {
        Path keycloakHome = Path.of(System.getProperty("bench.keycloakHome", "server/target/keycloak-26.7.4")).toAbsolutePath().normalize();
        Path realmConfig = Path.of(System.getProperty("bench.realmConfig", "realm-config")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("bench.workDir", "bench/target/cluster-load-work")).toAbsolutePath().normalize();
        int seconds = Integer.getInteger("bench.load.seconds", 180);
        double rate = Double.parseDouble(System.getProperty("bench.load.rate", "2"));
        int warmupSeconds = Integer.getInteger("bench.load.warmupSeconds", 30);
        int killAt = Integer.getInteger("bench.load.killAtSeconds", seconds / 2);
        String killNode = System.getProperty("bench.load.killNode", "a");
        int clients = Integer.getInteger("bench.load.clients", 16);
        if (System.getProperty("keycloak.startTimeoutSeconds") == null) {
            System.setProperty("keycloak.startTimeoutSeconds", "900");
        }
        out("school-esia load run (issue 14): ESIA logins at a steady rate on two Keycloak nodes, one killed with SIGKILL midway");
        out("  " + LoginBenchmark.keycloakVersion(keycloakHome) + ", production/cluster.sh: two optimised nodes on one PostgreSQL (JDBC_PING),");
        out("  the testkit's load balancer taking turns over both nodes per request (no stickiness), dropping a node it cannot reach.");
        out(f("  Rate %.2f logins/s (open model), %d s warm-up (not counted), %d s measured, node %s killed at %d s; at most %d logins at once.",
                rate, warmupSeconds, seconds, killNode, killAt, clients));
        out("  A login: login page -> ESIA role button -> emulator picker -> callback -> code -> the client's code redemption;");
        out("  it counts only when the ID token names the person's account. Fresh cookies per login.");
        out("  Machine: nproc=" + Runtime.getRuntime().availableProcessors() + ", " + LoginBenchmark.cpuModel()
                + ", load average " + LoginBenchmark.loadAverage() + " (shared: other builds run beside it)");
        if (Files.exists(workDir)) {
            LoginBenchmark.deleteTree(workDir);
        }
        Files.createDirectories(workDir);
        PrintStream emulatorLog = new PrintStream(new BufferedOutputStream(Files.newOutputStream(workDir.resolve("emulator.log"))), false,
                StandardCharsets.UTF_8);
        System.setErr(emulatorLog);
        long startAt = System.nanoTime();
        int exit;
        try (TestEnvironment env = TestEnvironment.startCluster(realmConfig.getParent(), keycloakHome, realmConfig, workDir, List.of())) {
            out(f("  cluster ready in %.0f s (logs under %s)", (System.nanoTime() - startAt) / 1e9, workDir.resolve("cluster")));
            ClusterLoadRun run = new ClusterLoadRun(env);
            KeycloakCluster.Node victim = "b".equals(killNode) ? run.cluster.b() : run.cluster.a();
            run.cluster.balancer().spread(List.of(run.cluster.a().httpPort(), run.cluster.b().httpPort()));
            run.checkPaths();
            out("  warm-up ...");
            run.phase(rate, warmupSeconds, clients, -1, victim);
            List<Result> warm = new ArrayList<>(run.results);
            List<Double> warmOk = warm.stream().filter(r -> r.failure() == null).map(Result::responseMillis).toList();
            out(f("  warm-up: %d logins, %d failed, p50 %.0f ms", warm.size(), warm.size() - warmOk.size(), Stats.percentile(warmOk, 50)));
            warm.stream().filter(r -> r.failure() != null).forEach(r -> out("    warm-up failure: " + r.person().username() + " " + r.failure()));
            run.results.clear();
            out("  measuring ...");
            long measuredStart = System.nanoTime();
            run.phase(rate, seconds, clients, killAt, victim);
            exit = run.report(measuredStart, victim);
        } finally {
            emulatorLog.close();
        }
        System.exit(exit);
    }

    /** One login of each person before any load: the paths work and Пётр is linked (first login). */
    private void checkPaths() {
        for (Person person : List.of(RETURNING.get(0), RETURNING.get(1), FIRST)) {
            Failure failure = login(person);
            if (failure != null) {
                throw new IllegalStateException(person.kind() + " " + person.oid() + " does not log in: " + failure);
            }
        }
        petrLinked.set(true);
        out("  paths checked: " + RETURNING.get(0).username() + ", " + RETURNING.get(1).username() + " straight in; "
                + FIRST.username() + " linked by SNILS at his first login");
    }

    /** Logins every 1/rate s for {@code seconds}; the victim killed {@code killAt} s in (negative: no kill). */
    private void phase(double rate, int seconds, int clients, int killAt, KeycloakCluster.Node victim) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long total = Math.round(rate * seconds);
        Thread killer = null;
        if (killAt >= 0) {
            killer = new Thread(() -> kill(victim, start + TimeUnit.SECONDS.toNanos(killAt)), "killer");
            killer.start();
        }
        for (long i = 0; i < total; i++) {
            long intended = start + (long) (i * 1e9 / rate);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Person person = next();
            pool.execute(() -> results.add(timed(person, intended)));
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
        if (killer != null) {
            killer.join();
        }
    }

    private Person next() {
        int i = turn.getAndIncrement();
        return i % 3 == 2 && petrLinked.get() ? PETR : RETURNING.get(i % 3 % 2);
    }

    private void kill(KeycloakCluster.Node victim, long at) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, at - System.nanoTime()));
            killStart = System.nanoTime();
            cluster.kill(victim);
            killEnd = System.nanoTime();
            out(f("    node %s (port %d) killed with SIGKILL; balancer's nodes now: %s", victim.name(), victim.httpPort(),
                    cluster.balancer().live()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A login; when it failed, a fresh login of the same person at once (must succeed). */
    private Result timed(Person person, long intended) {
        long started = System.nanoTime();
        Failure failure = login(person);
        long ended = System.nanoTime();
        Boolean restarted = null;
        // Every failed login is restarted at once, accounted for or not: the person must get in.
        if (failure != null) {
            Failure again = login(person);
            restarted = again == null;
            if (again != null) {
                out("    restart of " + person.username() + " failed too: " + again);
            }
        }
        return new Result(person, intended, started, ended, failure, restarted);
    }

    /** The whole login as a browser and the client do it; null when it ended in the person's tokens. */
    private Failure login(Person person) {
        Browser browser = env.browser();
        String step = "login page";
        try {
            Browser.Page page = browser.open(env.clientLoginUrl());
            String button = "#school-esia-role-" + person.role();
            if (page.status() != 200 || page.document().selectFirst(button) == null) {
                return failure(step, page);
            }
            step = "role button to the emulator's picker";
            page = page.follow(button);
            if (page.status() != 200 || page.document().selectFirst("#person-" + person.oid()) == null) {
                return failure(step, page);
            }
            step = "callback to the client's redirect";
            page = page.submit("#person-" + person.oid());
            if (!page.isRedirect() || !page.location().startsWith(DemoRealm.CLIENT_REDIRECT) || !page.location().contains("code=")) {
                return failure(step, page);
            }
            step = "code redemption";
            HttpResponse<String> tokens = LoginBenchmark.redeemCode(env.keycloak().realmUrl(DemoRealm.NAME),
                    LoginBenchmark.queryParameter(page.location(), "code"));
            Integer node = tokens.headers().firstValue(LoadBalancer.NODE_HEADER).map(Integer::valueOf).orElse(null);
            if (tokens.statusCode() != 200) {
                return new Failure(step, node, tokens.statusCode(), abbreviate(tokens.body()));
            }
            String who = username(JSON.readTree(tokens.body()).path("id_token").asText());
            return person.username().equals(who) ? null : new Failure(step, node, 200, "ID token names " + who);
        } catch (UncheckedIOException | IllegalStateException | java.io.IOException e) {
            return new Failure(step, null, 0, e.toString());
        }
    }

    private static Failure failure(String step, Browser.Page page) {
        String node = page.header(LoadBalancer.NODE_HEADER);
        return new Failure(step, node == null ? null : Integer.valueOf(node), page.status(),
                page.url() + (page.location() != null ? " -> " + page.location() : "") + " " + abbreviate(page.text()));
    }

    private static String username(String idToken) throws java.io.IOException {
        String[] parts = idToken.split("\\.");
        if (parts.length < 2) {
            return "(no ID token)";
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("preferred_username").asText();
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** The figures; 0 when every error is accounted for, 1 otherwise. */
    private int report(long measuredStart, KeycloakCluster.Node victim) {
        List<Result> all = new ArrayList<>(results);
        long lastEnd = all.stream().mapToLong(Result::ended).max().orElse(measuredStart);
        List<Result> ok = all.stream().filter(r -> r.failure() == null).toList();
        out("");
        out(f("Measured: %d logins scheduled, %d in the person's account, %d failed; %.2f logins/s over %.0f s (first slot to last answer)",
                all.size(), ok.size(), all.size() - ok.size(), ok.size() / ((lastEnd - measuredStart) / 1e9), (lastEnd - measuredStart) / 1e9));
        out("  latency ms       logins     p50      p95      p99      max   (response = from the login's slot in the schedule; service = from its start)");
        line("  all, response", ok, Result::responseMillis);
        line("  all, service", ok, Result::serviceMillis);
        line("  two nodes (before the kill)", ok.stream().filter(r -> r.ended() < killStart).toList(), Result::responseMillis);
        long tenSeconds = TimeUnit.SECONDS.toNanos(10);
        line("  in flight at the kill", ok.stream().filter(r -> r.started() < killEnd && r.ended() >= killStart).toList(),
                Result::responseMillis);
        line("  first 10 s on one node", ok.stream().filter(r -> r.started() >= killEnd && r.started() < killEnd + tenSeconds).toList(),
                Result::responseMillis);
        line("  one node (after the kill)", ok.stream().filter(r -> r.started() >= killEnd).toList(), Result::responseMillis);
        for (String kind : List.of(RETURNING.get(0).kind(), RETURNING.get(1).kind(), PETR.kind())) {
            line("  " + kind, ok.stream().filter(r -> r.person().kind().equals(kind)).toList(), Result::responseMillis);
        }
        out(f("  first logins: %d (%s, before the load: linking is once per person)", 1, FIRST.username()));

        List<Result> failed = all.stream().filter(r -> r.failure() != null).toList();
        Predicate<Result> inFlight = r -> r.started() < killEnd && r.ended() >= killStart;
        int accounted = 0;
        int restartedOk = 0;
        out(f("Errors: %d (node %s = port %d: SIGKILL sent at %.2f s, its JVM gone at %.2f s)", failed.size(), victim.name(),
                victim.httpPort(), (killStart - measuredStart) / 1e9, (killEnd - measuredStart) / 1e9));
        for (Result r : failed) {
            Failure fl = r.failure();
            boolean onKilled = fl.status() == 502 && Integer.valueOf(victim.httpPort()).equals(fl.node());
            String verdict;
            if (onKilled && inFlight.test(r)) {
                verdict = "accounted: in flight on the killed node";
            } else if (onKilled && r.started() >= killEnd) {
                verdict = "accounted: started after the kill, before the balancer dropped the node";
            } else {
                verdict = "NOT ACCOUNTED";
            }
            if (verdict.startsWith("accounted")) {
                accounted++;
                if (Boolean.TRUE.equals(r.restartedOk())) {
                    restartedOk++;
                }
            }
            out(f("  %s %s: started %.2f s, failed %.2f s, %s on node %s: %d %s -> %s; fresh login %s", r.person().username(),
                    r.person().kind(), (r.started() - measuredStart) / 1e9, (r.ended() - measuredStart) / 1e9, fl.step(), fl.node(),
                    fl.status(), fl.detail(), verdict, r.restartedOk() == null ? "not tried" : r.restartedOk() ? "succeeded" : "FAILED"));
        }
        long restartedAll = failed.stream().filter(r -> Boolean.TRUE.equals(r.restartedOk())).count();
        out(f("  accounted for: %d of %d; restarted cleanly (a fresh login of the same person succeeded): %d of %d accounted, %d of %d in all",
                accounted, failed.size(), restartedOk, accounted, restartedAll, failed.size()));
        boolean clean = accounted == failed.size() && restartedOk == accounted;
        out(clean ? "Every error accounted for." : "Some errors are NOT accounted for (see above).");
        return clean ? 0 : 1;
    }

    private static void line(String label, List<Result> results, java.util.function.ToDoubleFunction<Result> millis) {
        List<Double> values = results.stream().map(r -> millis.applyAsDouble(r)).toList();
        out(f("%-34s %6d %8.0f %8.0f %8.0f %8.0f", label, values.size(), Stats.percentile(values, 50), Stats.percentile(values, 95),
                Stats.percentile(values, 99), values.isEmpty() ? Double.NaN : Stats.max(values)));
    }

    private static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
