package org.schoolesia.bench;

import static org.schoolesia.bench.Stats.f;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * What a first login costs Keycloak (issue 14): a Госуслуги person nobody has seen logs in through our
 * {@code esia} provider and the school flow links the school account their SNILS names (R-LINK-3), next
 * to stock Keycloak's OIDC broker creating the account of a person it has not seen (its built-in
 * first-broker-login flow), in the school realm and in a realm of stock defaults. Every login of a
 * window is a different person; between windows the benchmark deletes what the logins made (and puts
 * the ESIA side's accounts back), so the next window's logins are first logins again. Settings and
 * figures: {@code bench/README.md}, «First login».
 */
public final class FirstLoginBenchmark {

    private static final String REFERENCE = "stock Keycloak, warm production server on PostgreSQL, first brokered login"
            + " through kc_idp_hint: ~14 ms CPU";
    private static final double GOAL = 1.5;
    private static final String ORGANISATION = "sosh-1-ys";

    enum Side {
        ESIA("esia", "ESIA links by SNILS", DemoRealm.NAME, 3_000_000_001L),
        STOCK(StockOidcBroker.ALIAS, "stock creates", DemoRealm.NAME, 3_100_000_001L),
        PLAIN(StockOidcBroker.ALIAS, "plain creates", LoginBenchmark.PLAIN_REALM, 3_200_000_001L);

        final String alias;
        final String label;
        final String realm;
        final long firstOid;

        Side(String alias, String label, String realm, long firstOid) {
            this.alias = alias;
            this.label = label;
            this.realm = realm;
            this.firstOid = firstOid;
        }
    }

    private final TestEnvironment env;
    private final KeycloakCpu cpu;
    private final Map<Side, List<FirstLoginPeople.Person>> pools;
    private final Map<Side, LoginTally> tallies = new LinkedHashMap<>();
    private final String organisationId;

    private FirstLoginBenchmark(TestEnvironment env, Map<Side, List<FirstLoginPeople.Person>> pools) {
        this.env = env;
        this.cpu = new KeycloakCpu(env);
        this.pools = pools;
        pools.keySet().forEach(side -> tallies.put(side, new LoginTally()));
        this.organisationId = organisationId(env, ORGANISATION);
    }

    public static void main(String[] args) throws Exception {
        Path keycloakHome = Path.of(args.length > 0 ? args[0] : System.getProperty("bench.keycloakHome", "server/target/keycloak-26.7.4"))
                .toAbsolutePath().normalize();
        Path realmConfig = Path.of(System.getProperty("bench.realmConfig", "realm-config")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("bench.workDir", "bench/target/bench-first")).toAbsolutePath().normalize();
        boolean production = !"dev".equals(System.getProperty("bench.mode", "production"));
        int rounds = Integer.getInteger("bench.rounds", 5);
        int perRound = Integer.getInteger("bench.loginsPerRound", 20);
        int warmupRounds = Integer.getInteger("bench.warmupRounds", 3);
        double warmupJitShare = Double.parseDouble(System.getProperty("bench.warmupJitShare", "0.10"));
        int warmupMaxSeconds = Integer.getInteger("bench.warmupMaxSeconds", production ? 1500 : 100);
        List<String> keycloakOptions = Stream.of(System.getProperty("bench.keycloakOptions", production ? "" : LoginBenchmark.DEV_KEYCLOAK_OPTIONS)
                .split("\\s+")).filter(o -> !o.isBlank()).toList();
        long started = System.nanoTime();
        if (System.getProperty("keycloak.startTimeoutSeconds") == null) {
            System.setProperty("keycloak.startTimeoutSeconds", "900");
        }

        Map<Side, List<FirstLoginPeople.Person>> pools = new LinkedHashMap<>();
        for (Side side : Side.values()) {
            pools.put(side, FirstLoginPeople.pool(side.firstOid, perRound));
        }
        out("school-esia first-login benchmark");
        out("  What: first logins through one real Keycloak " + LoginBenchmark.keycloakVersion(keycloakHome) + " ("
                + (production ? "production/run.sh: optimised build, start --optimized, PostgreSQL of its own, log INFO" : "start-dev, H2") + "),");
        out("  every login a person Keycloak has not seen, entering by kc_idp_hint (ESIA: and school_role=parent):");
        out("    ESIA: our provider + the school flow; the person (confirmed, two children on Госуслуги) has a parent account at");
        out("          " + ORGANISATION + " carrying their SNILS, names and birth date: linked by SNILS (R-LINK-3), straight in;");
        out("    stock: Keycloak's OIDC broker on the emulator's plain-OIDC mode, built-in first broker login: the account is created");
        out("          (school demo realm, and '" + LoginBenchmark.PLAIN_REALM + "', a realm of stock defaults: the reference's setting).");
        out("  A login ends at the redirect to the client with code=. Between windows (outside them) the accounts the logins made or");
        out("  linked are deleted and the ESIA side's accounts created again, so each window's logins are first logins.");
        out("  Machine: nproc=" + Runtime.getRuntime().availableProcessors() + ", " + LoginBenchmark.cpuModel() + ", load average "
                + LoginBenchmark.loadAverage());
        out(f("  Counts: %d logins per side and round; at least %d warm-up rounds (then until JIT < %.0f%% over three rounds, or %d s); %d measured rounds.",
                perRound, warmupRounds, 100 * warmupJitShare, warmupMaxSeconds, rounds));
        out("  Reference (from the brief, another run): " + REFERENCE + ".");
        out("");

        GostCost.Result gost = new GostCost(realmConfig.resolve("keys/client-gost.key.pem"), realmConfig.resolve("keys/client-gost.crt.pem"))
                .measure(1000, 5, 300);
        if (Files.exists(workDir)) {
            LoginBenchmark.deleteTree(workDir);
        }
        Files.createDirectories(workDir);
        Path benchConfig = FirstLoginPeople.realmConfigWith(realmConfig, workDir.resolve("realm-config"), List.copyOf(pools.values()));
        PrintStream err = System.err;
        PrintStream emulatorLog = new PrintStream(new BufferedOutputStream(Files.newOutputStream(workDir.resolve("emulator.log"))), false,
                StandardCharsets.UTF_8);
        System.setErr(emulatorLog);
        long startAt = System.nanoTime();
        try (TestEnvironment env = production
                ? TestEnvironment.startProduction(realmConfig.getParent(), keycloakHome, benchConfig, workDir, Map.of(), keycloakOptions, true)
                : TestEnvironment.start(keycloakHome, benchConfig, workDir, keycloakOptions)) {
            out(f("Keycloak ready in %.0f s (log %s).", (System.nanoTime() - startAt) / 1e9, workDir.resolve("keycloak/keycloak.log")));
            StockOidcBroker.create(env, DemoRealm.NAME);
            StockOidcBroker.createPlainRealm(env, LoginBenchmark.PLAIN_REALM);
            StockOidcBroker.create(env, LoginBenchmark.PLAIN_REALM);
            FirstLoginBenchmark bench = new FirstLoginBenchmark(env, pools);
            bench.createEsiaAccounts();

            out("Warm-up (not counted):");
            long warmupStart = System.nanoTime();
            double lastJit = 1;
            JitWarmup warm = new JitWarmup();
            for (int r = 0; ; r++) {
                var before = ThreadCpu.snapshot(bench.cpu.pid());
                bench.round(r, false);
                var split = ThreadCpu.delta(before, ThreadCpu.snapshot(bench.cpu.pid()));
                long total = ThreadCpu.total(split);
                lastJit = warm.add(split);
                double elapsed = (System.nanoTime() - warmupStart) / 1e9;
                out(f("  round %d (%.0f s in): Keycloak CPU %.1f s, JIT %.0f%% (last three rounds %.0f%%)", r + 1, elapsed, total / 1e6,
                        total == 0 ? 0 : 100.0 * split.getOrDefault(ThreadCpu.Group.JIT, 0L) / total, 100 * lastJit));
                if (r + 1 >= warmupRounds && warm.full() && (lastJit < warmupJitShare || elapsed >= warmupMaxSeconds)) {
                    break;
                }
            }
            if (lastJit >= warmupJitShare) {
                out(f("  WARNING: the JIT was still %.0f%% of Keycloak's CPU when the warm-up time ran out: the figures are not warm.", 100 * lastJit));
            }
            double idle = bench.cpu.idleMillisPerSecond();
            out(f("Keycloak idle CPU %.1f ms/s. Measuring %d rounds ...", idle, rounds));
            ServerCrypto cryptoBefore = ServerCrypto.read(env.keycloak().managementPort(), DemoRealm.NAME);
            for (int r = 0; r < rounds; r++) {
                bench.round(r, true);
            }
            ServerCrypto cryptoAfter = ServerCrypto.read(env.keycloak().managementPort(), DemoRealm.NAME);
            bench.report(gost, cryptoAfter == null ? null : cryptoAfter.since(cryptoBefore), idle);
        } finally {
            System.setErr(err);
            emulatorLog.close();
        }
        out(f("Total run time %.0f s; load average now %s.", (System.nanoTime() - started) / 1e9, LoginBenchmark.loadAverage()));
    }

    /** One round: a window of first logins per side, the order rotating; the accounts reset after each window. */
    private void round(int round, boolean measured) {
        List<Side> order = new ArrayList<>(pools.keySet());
        Collections.rotate(order, round % order.size());
        for (Side side : order) {
            List<Double> walls = new ArrayList<>();
            KeycloakCpu.Sample start = cpu.sample();
            long windowStart = System.nanoTime();
            for (FirstLoginPeople.Person person : pools.get(side)) {
                walls.add(firstLogin(side, person));
            }
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            KeycloakCpu.Used used = cpu.since(start);
            if (measured) {
                tallies.get(side).add(used, walls, seconds);
            }
            reset(side);
        }
        if (measured) {
            tallies.values().forEach(LoginTally::endRound);
        }
    }

    private double firstLogin(Side side, FirstLoginPeople.Person person) {
        Browser browser = env.browser();
        long start = System.nanoTime();
        String url = env.clientLoginUrl().replace("/realms/" + DemoRealm.NAME + "/", "/realms/" + side.realm + "/")
                + "&kc_idp_hint=" + side.alias + (side == Side.ESIA ? "&school_role=parent" : "");
        Browser.Page picker = browser.open(url);
        String button = "#person-" + person.oid();
        if (picker.status() != 200 || picker.document().selectFirst(button) == null) {
            throw fail(side, person, "expected the emulator's person picker", picker);
        }
        Browser.Page end = picker.submit(button);
        long elapsed = System.nanoTime() - start;
        if (!end.isRedirect() || !end.location().startsWith(DemoRealm.CLIENT_REDIRECT) || !end.location().contains("code=")) {
            throw fail(side, person, "expected a redirect to the client with a code (a first login that links or creates goes straight in)", end);
        }
        return elapsed / 1e6;
    }

    /** Outside the windows: checks what each login made, deletes it, and (ESIA) creates the school account again. */
    private void reset(Side side) {
        for (FirstLoginPeople.Person person : pools.get(side)) {
            String query = side == Side.ESIA ? "username=" + enc(person.username()) : "email=" + enc(person.email());
            JsonNode users = env.admin().get("/realms/" + side.realm + "/users?exact=true&" + query);
            if (users == null || users.size() != 1) {
                throw new IllegalStateException(side.label + ": expected one account of " + person.oid() + ", found " + users);
            }
            String id = users.get(0).get("id").asText();
            JsonNode links = env.admin().get("/realms/" + side.realm + "/users/" + id + "/federated-identity");
            boolean linked = false;
            for (JsonNode link : links) {
                linked |= side.alias.equals(link.path("identityProvider").asText()) && String.valueOf(person.oid()).equals(link.path("userId").asText());
            }
            if (!linked) {
                throw new IllegalStateException(side.label + ": the account of " + person.oid() + " is not linked to it: " + links);
            }
            env.admin().delete("/realms/" + side.realm + "/users/" + id);
            if (side == Side.ESIA) {
                createAccount(person);
            }
        }
    }

    private void createEsiaAccounts() {
        pools.get(Side.ESIA).forEach(this::createAccount);
    }

    private void createAccount(FirstLoginPeople.Person person) {
        String location = env.admin().post("/realms/" + DemoRealm.NAME + "/users", person.account("parent", ORGANISATION));
        String id = location.substring(location.lastIndexOf('/') + 1);
        env.admin().post("/realms/" + DemoRealm.NAME + "/organizations/" + organisationId + "/members", "\"" + id + "\"");
    }

    private static String organisationId(TestEnvironment env, String alias) {
        for (JsonNode org : env.admin().get("/realms/" + DemoRealm.NAME + "/organizations?briefRepresentation=true&max=1000")) {
            if (alias.equals(org.path("alias").asText())) {
                return org.get("id").asText();
            }
        }
        throw new IllegalStateException("no organisation " + alias + " in the demo realm");
    }

    private void report(GostCost.Result gost, ServerCrypto server, double idle) {
        out("");
        out("First login, per login (Keycloak CPU over the windows / logins; net = without JIT and idle; requests = the request threads");
        out("alone, nothing estimated; PG = PostgreSQL; wall = median):");
        out("                      logins   KC all   no JIT      net  requests       PG   wall ms");
        for (Map.Entry<Side, LoginTally> e : tallies.entrySet()) {
            LoginTally t = e.getValue();
            out(f("  %-18s %5d  %7.2f  %7.2f  %7.2f  %8.2f  %7.2f  %8.1f", e.getKey().label, t.logins(), t.cpuPerLogin(), t.cpuWithoutJitPerLogin(),
                    t.netPerLogin(idle), t.requestThreadsPerLogin(), t.dbPerLogin(), Stats.median(t.walls())));
        }
        out("Spread: Keycloak CPU ms/login without JIT per round:");
        for (Map.Entry<Side, LoginTally> e : tallies.entrySet()) {
            List<Double> perRound = e.getValue().roundCpuPerLogin();
            out(f("  %-18s %s   (median %.2f)", e.getKey().label, Stats.list(perRound, "%6.2f"), Stats.median(perRound)));
        }
        int esiaLogins = tallies.get(Side.ESIA).logins();
        double crypto = server == null || server.signs() == 0 ? gost.perLoginMillis() : server.perLoginMillis(esiaLogins);
        out("");
        out(server == null || server.signs() == 0
                ? f("ESIA's own crypto per login, alone on the bench's thread (the server published no esia_crypto_cpu): %.2f ms", crypto)
                : f("ESIA's own crypto per login, measured by the server while the logins ran (esia_crypto_cpu): %.2f signatures x %.1f us"
                        + " + %.2f verifications x %.1f us = %.2f ms (alone on the bench's thread: %.2f ms)", (double) server.signs() / esiaLogins,
                        server.signMicros(), (double) server.verifies() / esiaLogins, server.verifyMicros(), crypto, gost.perLoginMillis()));
        double esia = tallies.get(Side.ESIA).netPerLogin(idle);
        for (Side base : List.of(Side.STOCK, Side.PLAIN)) {
            double stock = tallies.get(base).netPerLogin(idle);
            double ratio = esia / stock;
            out("");
            out(f("ESIA / %s: %.2f / %.2f = %.2fx %s; with PostgreSQL: (%.2f + %.2f) / (%.2f + %.2f) = %.2fx", base.label, esia, stock, ratio,
                    ratio <= GOAL ? "(meets <= 1.5x)" : "(ABOVE 1.5x)", esia, tallies.get(Side.ESIA).dbPerLogin(), stock,
                    tallies.get(base).dbPerLogin(), (esia + tallies.get(Side.ESIA).dbPerLogin()) / (stock + tallies.get(base).dbPerLogin())));
            out(f("  ESIA = stock %.2f + ESIA's crypto %.2f (2 GOST signatures + 1 verification) + our overhead %+.2f ms; without the crypto %.2fx",
                    stock, crypto, esia - stock - crypto, (esia - crypto) / stock));
            double er = tallies.get(Side.ESIA).requestThreadsPerLogin();
            double sr = tallies.get(base).requestThreadsPerLogin();
            out(f("  request threads only: %.2f / %.2f = %.2fx; without the crypto %.2fx", er, sr, er / sr, (er - crypto) / sr));
        }
        out("Reference (brief): " + REFERENCE + ".");
    }

    private IllegalStateException fail(Side side, FirstLoginPeople.Person person, String what, Browser.Page page) {
        return new IllegalStateException(side.label + " first login of " + person.oid() + ": " + what + "; got " + page.status() + " "
                + page.url() + (page.location() != null ? " -> " + page.location() : "") + "\n" + page.text()
                + "\n--- Keycloak log tail ---\n" + env.keycloak().tail(40));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
