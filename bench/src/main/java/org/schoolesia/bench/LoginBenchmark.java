// Over 400 lines: a hand-run benchmark (GOST, returning logins of four variants vs stock, refusal paths) printed as one report.
package org.schoolesia.bench;

import static org.schoolesia.bench.Stats.f;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Element;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * What a returning ESIA login costs Keycloak, next to stock Keycloak's OIDC broker logging in the
 * same account as the same person from the same emulator, in one run — by default on the production
 * path ({@code production/run.sh}: optimised build, PostgreSQL), entering both through
 * {@code kc_idp_hint} (the reference method) and through the login page; then, optionally, the timing
 * of the «Привязать учетную запись» refusal paths ({@link LinkRefusalTiming}). Settings (system
 * properties) and what each figure means: {@code bench/README.md}.
 */
public final class LoginBenchmark {

    private static final String ESIA_ALIAS = "esia";
    /** A realm of stock defaults (no school theme, user profile, events or listeners' work): the reference's setting. */
    static final String PLAIN_REALM = "bench-plain";
    /** start-dev turns theme and template caching off; production keeps them on (its default). */
    static final String DEV_KEYCLOAK_OPTIONS = "--spi-theme--cache-themes=true --spi-theme--cache-templates=true";
    private static final String REFERENCE = "stock Keycloak, warm production server on PostgreSQL, returning brokered login"
            + " through kc_idp_hint straight to the IdP: ~8.5 ms CPU (first ~14 ms, password login ~92 ms)";
    /** Issue #4's goals for the returning login: ESIA ≥ 0.9× stock's throughput, ≤ 1.1× stock's CPU. */
    private static final double GOAL_THROUGHPUT = 0.9;
    private static final double GOAL_CPU = 1.1;

    enum Broker {
        ESIA(ESIA_ALIAS, "ESIA", DemoRealm.NAME), STOCK(StockOidcBroker.ALIAS, "stock", DemoRealm.NAME),
        /** Stock's broker again, in a realm of stock defaults: what the reference figure measures. */
        PLAIN(StockOidcBroker.ALIAS, "plain", PLAIN_REALM);

        final String alias;
        final String label;
        final String realm;

        Broker(String alias, String label, String realm) {
            this.alias = alias;
            this.label = label;
            this.realm = realm;
        }

        String adminPath() {
            return "/realms/" + realm;
        }
    }

    /** How a login enters: the reference method (the client names the IdP) or the login page (as people do). */
    enum Entry {
        HINT("hint", "kc_idp_hint: the client's auth URL goes straight to the IdP (ESIA: with school_role)"),
        PAGE("page", "login page: rendered, then the role button (ESIA) or the IdP link (stock)");

        final String id;
        final String description;

        Entry(String id, String description) {
            this.id = id;
            this.description = description;
        }
    }

    record Variant(Broker broker, Entry entry) {
        String label() {
            return broker.label + "/" + entry.id;
        }
    }

    /** Measured logins of one variant, with the front leg and the client's code redemptions apart. */
    static final class Tally extends LoginTally {
        /** Keycloak CPU of the front leg (up to the emulator's picker): {all, JIT}. */
        final double[] front = new double[2];
        /** The client's code redemptions of these logins, each window measured on its own: {all, JIT, db, count}. */
        final double[] token = new double[4];

        double frontPerLogin() {
            return logins() == 0 ? Double.NaN : (front[0] - front[1]) / logins();
        }

        double tokenPerRedemption() {
            return token[3] == 0 ? Double.NaN : (token[0] - token[1]) / token[3];
        }

        double tokenDbPerRedemption() {
            return token[3] == 0 ? Double.NaN : token[2] / token[3];
        }
    }

    private final TestEnvironment env;
    private final KeycloakCpu cpu;
    private final List<Variant> variants;
    private final Map<Variant, Tally> tallies = new LinkedHashMap<>();
    private final String role;
    /** The returning account's id per realm (the demo realm's, the plain realm's). */
    private final Map<String, String> userIds = new LinkedHashMap<>();

    private LoginBenchmark(TestEnvironment env, String role, List<Entry> entries, boolean plain) {
        this.env = env;
        this.cpu = new KeycloakCpu(env);
        this.role = role;
        List<Variant> list = new ArrayList<>();
        for (Entry entry : entries) {
            for (Broker broker : Broker.values()) {
                if (broker != Broker.PLAIN || plain) {
                    list.add(new Variant(broker, entry));
                }
            }
        }
        this.variants = List.copyOf(list);
        variants.forEach(v -> tallies.put(v, new Tally()));
    }

    public static void main(String[] args) throws Exception {
        Path keycloakHome = Path.of(args.length > 0 ? args[0] : System.getProperty("bench.keycloakHome", "server/target/keycloak-26.7.4"))
                .toAbsolutePath().normalize();
        Path realmConfig = Path.of(System.getProperty("bench.realmConfig", "realm-config")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("bench.workDir", "bench/target/bench-work")).toAbsolutePath().normalize();
        boolean production = !"dev".equals(System.getProperty("bench.mode", "production"));
        int rounds = Integer.getInteger("bench.rounds", 5);
        int loginsPerRound = Integer.getInteger("bench.loginsPerRound", 20);
        int warmupRounds = Integer.getInteger("bench.warmupRounds", 2);
        double warmupJitShare = Double.parseDouble(System.getProperty("bench.warmupJitShare", "0.10"));
        int warmupMaxSeconds = Integer.getInteger("bench.warmupMaxSeconds", production ? 1500 : 100);
        List<Entry> entries = Stream.of(System.getProperty("bench.entries", "hint,page").split(","))
                .map(String::trim).map(id -> Stream.of(Entry.values()).filter(e -> e.id.equals(id)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("bench.entries: hint and/or page, not " + id)))
                .toList();
        // start-dev turns theme and template caching off; production keeps them on, and the login page
        // rendering is common to both brokers: with caching off it would only dilute the difference.
        List<String> keycloakOptions = Stream.of(System.getProperty("bench.keycloakOptions", production ? "" : DEV_KEYCLOAK_OPTIONS).split("\\s+"))
                .filter(o -> !o.isBlank()).toList();
        String returningOid = System.getProperty("bench.returningOid", "1000000001");
        String returningUser = System.getProperty("bench.returningUser", "ivanova.maria");
        String role = System.getProperty("bench.esiaRole", "parent");
        int gostRounds = Integer.getInteger("bench.gostRounds", 7);
        int gostOps = Integer.getInteger("bench.gostOps", 300);
        boolean plain = Boolean.parseBoolean(System.getProperty("bench.plainRealm", "true"));
        boolean refusal = Boolean.parseBoolean(System.getProperty("bench.refusal", production ? "false" : "true"));
        int refusalAttempts = Integer.getInteger("bench.refusalAttempts", 40);
        int refusalWarmup = Integer.getInteger("bench.refusalWarmup", 5);
        long started = System.nanoTime();
        // The optimised build and the first start on a fresh database take minutes on a loaded 2-core machine.
        if (System.getProperty("keycloak.startTimeoutSeconds") == null) {
            System.setProperty("keycloak.startTimeoutSeconds", "900");
        }

        String mode = production
                ? "production mode: production/run.sh = kc.sh build with production/keycloak.conf, start --optimized, PostgreSQL of its own, log INFO"
                : "start-dev, H2 in Keycloak's JVM, log INFO + DEBUG for org.schoolesia";
        out("school-esia login benchmark");
        out("  What: (1) BouncyCastle GOST R 34.10-2012 (256) sign/verify cost; (2) returning logins through one real Keycloak");
        out("  " + keycloakVersion(keycloakHome) + " (" + mode + ")");
        out("  with the demo realm: our 'esia' provider with the school flow (the account resolver sends the linked person straight in)");
        out("  vs stock Keycloak's 'oidc' broker ('" + StockOidcBroker.ALIAS + "' on the emulator's plain-OIDC mode), same person,");
        out("  same Keycloak account, sync FORCE, interleaved in every round. Entries:");
        for (Entry entry : entries) {
            out("    " + entry.id + ": " + entry.description);
        }
        out("  A login ends at the redirect to the client with code=; the client's code redemption is measured apart (token).");
        out("  Fresh cookies for every login. CPU = Keycloak JVM threads' exact run times (/proc/…/task/…/schedstat), JIT = its compiler threads;");
        out("  PostgreSQL CPU = its postmaster and backends. Admin API calls outside the measured windows.");
        if (refusal) {
            out("  (3) the «Привязать учетную запись» refusal paths side by side (wall time per attempt).");
        }
        out("  Machine: nproc=" + Runtime.getRuntime().availableProcessors() + ", " + cpuModel() + ", load average " + loadAverage());
        out("  Java (bench + emulator): " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out("  Keycloak home: " + keycloakHome + "; work dir: " + workDir);
        out("  Keycloak options added: " + (keycloakOptions.isEmpty() ? "(none)" : String.join(" ", keycloakOptions)));
        out(f("  Counts: GOST %d x %d ops; logins %d rounds x %d per variant%s.", gostRounds, gostOps, rounds, loginsPerRound,
                refusal ? f("; refusal paths %d warm-up + %d measured attempts each", refusalWarmup, refusalAttempts) : ""));
        out("  Reference (from the brief, another run): " + REFERENCE + ".");
        out("  Compare ratios within this run; absolute figures move with the machine and its load.");
        out("");

        // 1. GOST crypto
        GostCost.Result gost = new GostCost(realmConfig.resolve("keys/client-gost.key.pem"), realmConfig.resolve("keys/client-gost.crt.pem"))
                .measure(1000, gostRounds, gostOps);
        out("1. GOST crypto (BouncyCastle " + bouncyCastleVersion() + ", " + GostCost.ALGORITHM + ", demo key client-gost),");
        out(f("   thread CPU per operation after 1000 warm-up ops; median of %d rounds x %d ops:", gostRounds, gostOps));
        out(f("     sign    %7.1f us/op   (rounds: %s)", gost.signMicros(), Stats.list(gost.signRounds(), "%.0f")));
        out(f("     verify  %7.1f us/op   (rounds: %s)", gost.verifyMicros(), Stats.list(gost.verifyRounds(), "%.0f")));
        out("     (both with a new Signature initialised per operation, as the id_token verifier does; our BouncyCastle signer");
        out(f("      keeps one initialised Signature per worker thread: sign reused %.1f us/op, rounds: %s)", gost.signReusedMicros(),
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
        try (TestEnvironment env = production
                ? TestEnvironment.startProduction(realmConfig.getParent(), keycloakHome, realmConfig, workDir, Map.of(), keycloakOptions, true)
                : TestEnvironment.start(keycloakHome, realmConfig, workDir, keycloakOptions)) {
            out(f("   ready in %.0f s; Keycloak JVM: %s", (System.nanoTime() - startAt) / 1e9, keycloakJava()));
            LoginBenchmark bench = new LoginBenchmark(env, role, entries, plain);
            StockOidcBroker.create(env, DemoRealm.NAME);
            if (plain) {
                StockOidcBroker.createPlainRealm(env, PLAIN_REALM);
                StockOidcBroker.create(env, PLAIN_REALM);
            }
            bench.checkLoginPage();
            bench.prepareReturningUser(returningUser, returningOid);
            out("   returning account: " + returningUser + " (ESIA person " + returningOid + ", linked in the demo realm; linked to '"
                    + StockOidcBroker.ALIAS + "' through the admin API), ESIA role '" + role + "'");

            long pid = bench.cpu.pid();
            out(f("   warm-up (not counted): at least %d rounds, then until the JIT compiler threads' share of Keycloak's CPU over the last three rounds",
                    warmupRounds));
            out(f("   is below %.0f%% or %d s have passed:", 100 * warmupJitShare, warmupMaxSeconds));
            long warmupStart = System.nanoTime();
            double lastJit = 1;
            JitWarmup warm = new JitWarmup();
            for (int r = 0; ; r++) {
                var before = ThreadCpu.snapshot(pid);
                long roundStart = System.nanoTime();
                bench.round(r, loginsPerRound, returningOid, false);
                var split = ThreadCpu.delta(before, ThreadCpu.snapshot(pid));
                lastJit = warm.add(split);
                double elapsed = (System.nanoTime() - warmupStart) / 1e9;
                out(f("     round %d (%.0f s in): %.0f s, Keycloak CPU %.1f s, of it JIT compiler %.1f s = %.0f%% (last three rounds %.0f%%),"
                        + " GC/VM %.0f%%", r + 1, elapsed, (System.nanoTime() - roundStart) / 1e9, ThreadCpu.total(split) / 1e6,
                        split.getOrDefault(ThreadCpu.Group.JIT, 0L) / 1e6, 100 * share(split, ThreadCpu.Group.JIT), 100 * lastJit,
                        100 * share(split, ThreadCpu.Group.GC)));
                if (r + 1 >= warmupRounds && warm.full() && (lastJit < warmupJitShare || elapsed >= warmupMaxSeconds)) {
                    break;
                }
            }
            if (lastJit >= warmupJitShare) {
                out(f("   WARNING: the JIT was still %.0f%% of Keycloak's CPU when the warm-up time ran out: the figures are not warm.", 100 * lastJit));
            }
            double idle = bench.cpu.idleMillisPerSecond();
            out(f("   Keycloak idle CPU: %.1f ms/s (background work inside every window, all variants alike; 'net' figures subtract it)", idle));
            out(f("   measuring: %d rounds; per round, per variant: %d returning logins of %s; the order rotates.",
                    rounds, loginsPerRound, returningUser));
            ServerCrypto cryptoBefore = ServerCrypto.read(env.keycloak().managementPort(), DemoRealm.NAME);
            var threadsBefore = ThreadCpu.snapshot(pid);
            for (int r = 0; r < rounds; r++) {
                bench.round(r, loginsPerRound, returningOid, true);
            }
            var split = ThreadCpu.delta(threadsBefore, ThreadCpu.snapshot(pid));
            ServerCrypto cryptoAfter = ServerCrypto.read(env.keycloak().managementPort(), DemoRealm.NAME);
            out("");
            bench.report(gost, cryptoAfter == null ? null : cryptoAfter.since(cryptoBefore), idle, production);
            out("");
            out(f("   Keycloak CPU over the whole measured phase (token redemptions and admin calls included), by thread: JIT compiler %.0f%%,"
                    + " GC/VM %.0f%%, request threads %.0f%%, other threads %.0f%% of %.1f s.", 100 * share(split, ThreadCpu.Group.JIT),
                    100 * share(split, ThreadCpu.Group.GC), 100 * share(split, ThreadCpu.Group.REQUEST), 100 * share(split, ThreadCpu.Group.OTHER),
                    ThreadCpu.total(split) / 1e6));

            if (refusal) {
                out("");
                new LinkRefusalTiming(env, LoginBenchmark::out).run(refusalWarmup, refusalAttempts);
            }
        } finally {
            System.setErr(err);
            emulatorLog.close();
        }
        out("");
        out(f("Total run time %.0f s; load average now %s.", (System.nanoTime() - started) / 1e9, loadAverage()));
    }

    /** One round: returning logins of every variant, the order rotating from round to round. */
    private void round(int round, int loginsPerRound, String oid, boolean measured) {
        List<Variant> order = new ArrayList<>(variants);
        Collections.rotate(order, round % order.size());
        for (Variant variant : order) {
            KeycloakCpu.Sample start = cpu.sample();
            List<Double> walls = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            long windowStart = System.nanoTime();
            double[] front = new double[2];
            for (int i = 0; i < loginsPerRound; i++) {
                walls.add(login(variant, oid, front, codes));
            }
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            KeycloakCpu.Used used = cpu.since(start);
            // The client's code redemptions, a window of their own (codes live a minute).
            KeycloakCpu.Sample tokenStart = cpu.sample();
            codes.forEach(code -> redeem(variant.broker(), code));
            KeycloakCpu.Used token = cpu.since(tokenStart);
            if (measured) {
                Tally tally = tallies.get(variant);
                tally.add(used, walls, seconds);
                tally.front[0] += front[0];
                tally.front[1] += front[1];
                tally.token[0] += token.all();
                tally.token[1] += token.jit();
                tally.token[2] += token.db();
                tally.token[3] += codes.size();
            }
            // Outside the windows: the account's user sessions would otherwise pile up.
            env.admin().post(variant.broker().adminPath() + "/users/" + userIds.get(variant.broker().realm) + "/logout", null);
        }
        if (measured) {
            tallies.values().forEach(Tally::endRound);
        }
    }

    /** One full browser login; returns its wall-clock time in ms, adds the front leg's Keycloak CPU to {@code front}. */
    private double login(Variant variant, String oid, double[] front, List<String> codes) {
        Browser browser = env.browser();
        KeycloakCpu.Sample frontStart = front == null ? null : cpu.sample();
        long start = System.nanoTime();
        Browser.Page picker = variant.entry() == Entry.HINT ? browser.open(hintUrl(variant.broker())) : throughLoginPage(variant.broker(), browser, oid);
        if (picker.status() != 200 || picker.document().selectFirst("#person-" + oid) == null) {
            throw fail(variant, oid, "expected the emulator's person picker", picker);
        }
        if (front != null) {
            // Reading /proc takes bench time: the wall figure then includes it for every variant alike.
            KeycloakCpu.Used used = cpu.since(frontStart);
            front[0] += used.all();
            front[1] += used.jit();
        }
        Browser.Page end = picker.submit("#person-" + oid);
        long elapsed = System.nanoTime() - start;
        if (!end.isRedirect() || !end.location().startsWith(DemoRealm.CLIENT_REDIRECT) || !end.location().contains("code=")) {
            throw fail(variant, oid, "expected a redirect to the client with a code (a returning login goes straight in)", end);
        }
        if (codes != null) {
            codes.add(queryParameter(end.location(), "code"));
        }
        return elapsed / 1e6;
    }

    /** The client names the IdP ({@code kc_idp_hint}); for ESIA also the role, as a relying school system may (R-ESIA-2). */
    private String hintUrl(Broker broker) {
        return loginUrl(broker) + "&kc_idp_hint=" + broker.alias + (broker == Broker.ESIA ? "&school_role=" + role : "");
    }

    private Browser.Page throughLoginPage(Broker broker, Browser browser, String oid) {
        Variant variant = new Variant(broker, Entry.PAGE);
        Browser.Page loginPage = browser.open(loginUrl(broker));
        if (loginPage.status() != 200) {
            throw fail(variant, oid, "login page answered " + loginPage.status(), loginPage);
        }
        if (broker == Broker.ESIA) {
            // R-ESIA-2: the role button links to the ESIA provider with school_role.
            String button = "#school-esia-role-" + role;
            if (loginPage.document().selectFirst(button) == null) {
                throw fail(variant, oid, "no " + button + " on the login page", loginPage);
            }
            return loginPage.follow(button);
        }
        Element link = loginPage.document().selectFirst("a#social-" + broker.alias);
        if (link == null) {
            throw fail(variant, oid, "no a#social-" + broker.alias + " on the login page", loginPage);
        }
        return browser.open(link.absUrl("href"));
    }

    /** The relying client's auth URL in the broker's realm (the same client id, secret and redirect in both). */
    private String loginUrl(Broker broker) {
        return env.clientLoginUrl().replace("/realms/" + DemoRealm.NAME + "/", "/realms/" + broker.realm + "/");
    }

    /** The relying client redeems its code, as it would after every login. */
    private void redeem(Broker broker, String code) {
        HttpResponse<String> response = redeemCode(env.keycloak().realmUrl(broker.realm), code);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("code redemption answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The demo client's code redemption at {@code realmUrl}'s token endpoint; the answer as it came. */
    static HttpResponse<String> redeemCode(String realmUrl, String code) {
        try {
            return TOKEN_CLIENT.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=" + DemoRealm.CLIENT_ID
                            + "&client_secret=" + DemoRealm.CLIENT_SECRET + "&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                            + "&redirect_uri=" + URLEncoder.encode(DemoRealm.CLIENT_REDIRECT, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("code redemption failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient TOKEN_CLIENT = HttpClient.newHttpClient();

    static String queryParameter(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no " + name + " in " + url);
    }

    private IllegalStateException fail(Variant variant, String oid, String what, Browser.Page page) {
        return new IllegalStateException(variant.label() + " login of " + oid + ": " + what + "; got " + page.status() + " "
                + page.url() + (page.location() != null ? " -> " + page.location() : "") + "\n" + page.text()
                + "\n--- Keycloak log tail ---\n" + env.keycloak().tail(40));
    }

    /**
     * The returning account: the demo realm's account linked to the ESIA person (the school module
     * adopted that link at import), linked to the stock broker too through the admin API, so both
     * brokers log in the very same account; in the plain realm an account of the same name and
     * names, linked to its stock broker. One unmeasured login of each variant checks the path.
     */
    private void prepareReturningUser(String username, String oid) {
        String demoPath = Broker.STOCK.adminPath();
        JsonNode users = env.admin().get(demoPath + "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
        if (users == null || users.size() != 1) {
            throw new IllegalStateException("expected one user " + username + " in the demo realm, found " + users);
        }
        JsonNode user = users.get(0);
        userIds.put(DemoRealm.NAME, user.get("id").asText());
        if (variants.stream().anyMatch(v -> v.broker() == Broker.PLAIN)) {
            Map<String, Object> plainUser = Map.of("username", username, "enabled", true, "firstName", user.path("firstName").asText(),
                    "lastName", user.path("lastName").asText(), "email", username + "@bench.invalid", "emailVerified", true);
            env.admin().post(Broker.PLAIN.adminPath() + "/users", plainUser);
            JsonNode created = env.admin().get(Broker.PLAIN.adminPath() + "/users?exact=true&username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8));
            userIds.put(PLAIN_REALM, created.get(0).get("id").asText());
        }
        Map<String, String> link = Map.of("identityProvider", StockOidcBroker.ALIAS, "userId", oid, "userName", username);
        for (Map.Entry<String, String> account : userIds.entrySet()) {
            env.admin().post("/realms/" + account.getKey() + "/users/" + account.getValue() + "/federated-identity/" + StockOidcBroker.ALIAS, link);
        }
        for (Variant variant : variants) {
            List<String> codes = new ArrayList<>();
            login(variant, oid, null, codes);
            codes.forEach(code -> redeem(variant.broker(), code));
        }
        userIds.forEach((realm, id) -> env.admin().post("/realms/" + realm + "/users/" + id + "/logout", null));
    }

    private void checkLoginPage() {
        Browser.Page page = env.browser().open(env.clientLoginUrl());
        if (page.document().selectFirst("#school-esia-role-" + role) == null) {
            throw fail(new Variant(Broker.ESIA, Entry.PAGE), "-", "the demo realm's login page has no role button #school-esia-role-" + role, page);
        }
        if (page.document().selectFirst("a#social-" + StockOidcBroker.ALIAS) == null) {
            throw fail(new Variant(Broker.STOCK, Entry.PAGE), "-", "the demo realm's login page has no link a#social-" + StockOidcBroker.ALIAS, page);
        }
    }

    private void report(GostCost.Result gost, ServerCrypto server, double idle, boolean production) {
        out("   Returning login, per login (Keycloak CPU = total over the measured windows / logins; net = without JIT and idle;");
        out("   PG = PostgreSQL" + (production ? "" : " (none: H2 runs inside Keycloak's JVM)") + "; wall = median; token = the client's code"
                + " redemption, Keycloak CPU without JIT):");
        out("   requests = the request threads' CPU alone (Quarkus executor and event loops: no JIT, no background, nothing subtracted).");
        out("                   logins   KC all   no JIT      net  requests      PG   wall ms   token KC   token PG");
        for (Variant v : variants) {
            Tally t = tallies.get(v);
            out(f("     %-12s %5d  %7.2f  %7.2f  %7.2f  %8.2f  %6.2f  %8.1f  %9.2f  %9.2f", v.label(), t.logins(), t.cpuPerLogin(),
                    t.cpuWithoutJitPerLogin(), t.netPerLogin(idle), t.requestThreadsPerLogin(), t.dbPerLogin(), Stats.median(t.walls()),
                    t.tokenPerRedemption(), t.tokenDbPerRedemption()));
        }
        out("   Of Keycloak's CPU, in the kernel (system time of all its threads: syscalls, network, page faults; 10 ms ticks):"
                + variants.stream().map(v -> f(" %s %.2f", v.label(), tallies.get(v).kernelPerLogin())).reduce("", String::concat) + " ms per login.");
        out("   Spread: Keycloak CPU ms/login without JIT per round (exact run times from the scheduler):");
        for (Variant v : variants) {
            List<Double> perRound = tallies.get(v).roundCpuPerLogin();
            out(f("     %-12s %s   (min %.2f, median %.2f, max %.2f)", v.label(), Stats.list(perRound, "%6.2f"), Stats.min(perRound),
                    Stats.median(perRound), Stats.max(perRound)));
        }
        double alone = gost.perLoginMillis();
        int esiaLogins = tallies.entrySet().stream().filter(e -> e.getKey().broker() == Broker.ESIA).mapToInt(e -> e.getValue().logins()).sum();
        double crypto = server == null || server.signs() == 0 ? alone : server.perLoginMillis(esiaLogins);
        out("");
        out("   ESIA's own crypto per login (inside the ESIA figures; the stock broker's RS256 check is inside its own): 2 GOST signatures");
        out("   (authorize + token request) + 1 id_token verification,");
        if (server != null && server.signs() > 0) {
            out(f("     measured by the server while the logins ran (esia_crypto_cpu on /metrics, the request threads' CPU clock): %.2f signatures"
                    + " and %.2f verifications per login,", (double) server.signs() / esiaLogins, (double) server.verifies() / esiaLogins));
            out(f("     2 x %.1f us + %.1f us = %.2f ms: the figure subtracted below;", server.signMicros(), server.verifyMicros(), crypto));
            out(f("     alone on the bench's thread before the run (1): 2 x %.1f us + %.1f us = %.2f ms (%.2fx less: no other work shared the cores).",
                    gost.signReusedMicros(), gost.verifyMicros(), alone, crypto / alone));
        } else {
            out(f("     alone on the bench's thread (1; the server published no esia_crypto_cpu): 2 x %.1f us (reused engine, as the signer)"
                    + " + %.1f us = %.2f ms.", gost.signReusedMicros(), gost.verifyMicros(), alone));
        }
        for (Entry entry : tallies.keySet().stream().map(Variant::entry).distinct().toList()) {
            Tally esia = tallies.get(new Variant(Broker.ESIA, entry));
            Tally stock = tallies.get(new Variant(Broker.STOCK, entry));
            double e = esia.netPerLogin(idle);
            double st = stock.netPerLogin(idle);
            double ratio = e / st;
            out("");
            out(f("   Entry '%s': ESIA / stock, Keycloak CPU per login (net) = %.2f / %.2f = %.2fx  (without JIT only: %.2fx; all threads: %.2fx)",
                    entry.id, e, st, ratio, esia.cpuWithoutJitPerLogin() / stock.cpuWithoutJitPerLogin(), esia.cpuPerLogin() / stock.cpuPerLogin()));
            out(f("     with PostgreSQL's CPU added: (%.2f + %.2f) / (%.2f + %.2f) = %.2fx", e, esia.dbPerLogin(), st, stock.dbPerLogin(),
                    (e + esia.dbPerLogin()) / (st + stock.dbPerLogin())));
            double er = esia.requestThreadsPerLogin();
            double sr = stock.requestThreadsPerLogin();
            out(f("     request threads only (nothing estimated): %.2f / %.2f = %.2fx; without ESIA's crypto %.2fx", er, sr, er / sr,
                    (er - crypto) / sr));
            out(f("     ESIA = stock %.2f + ESIA's crypto %.2f + our overhead %+.2f ms (%+.0f%% of stock); without the crypto: %.2fx",
                    st, crypto, e - st - crypto, 100 * (e - st - crypto) / st, (e - crypto) / st));
            out(f("     front (up to the IdP's page) ESIA %.2f, stock %.2f (%+.2f); back (callback -> code) ESIA %.2f, stock %.2f (%+.2f)",
                    esia.frontPerLogin(), stock.frontPerLogin(), esia.frontPerLogin() - stock.frontPerLogin(),
                    esia.cpuWithoutJitPerLogin() - esia.frontPerLogin(), stock.cpuWithoutJitPerLogin() - stock.frontPerLogin(),
                    esia.cpuWithoutJitPerLogin() - esia.frontPerLogin() - stock.cpuWithoutJitPerLogin() + stock.frontPerLogin()));
            out(f("     Keycloak capacity (logins per Keycloak CPU-second, net): %.1f vs %.1f /s = %.2fx %s; CPU %.2fx %s", 1000 / e, 1000 / st,
                    st / e, st / e >= GOAL_THROUGHPUT ? "(meets >= 0.9x)" : "(BELOW 0.9x)", ratio,
                    ratio <= GOAL_CPU ? "(meets <= 1.1x)" : "(ABOVE 1.1x)"));
            out(f("     one sequential client, end to end (emulator and bench in the loop): %.1f vs %.1f logins/s = %.2fx",
                    esia.loginsPerSecond(), stock.loginsPerSecond(), esia.loginsPerSecond() / stock.loginsPerSecond()));
            Tally plain = tallies.get(new Variant(Broker.PLAIN, entry));
            if (plain != null) {
                double p = plain.netPerLogin(idle);
                out(f("     stock's broker in a realm of stock defaults ('%s'): %.2f ms (+ PG %.2f); in the school demo realm %.2f ms:",
                        PLAIN_REALM, p, plain.dbPerLogin(), st));
                out(f("     the school realm (its theme, user profile and validators, events, listeners) adds %+.2f ms to every login;"
                        + " ESIA / plain stock = %.2fx", st - p, e / p));
            }
        }
        out("");
        out("   Our overhead = ESIA - stock - ESIA's crypto: what the ESIA protocol needs beyond plain OIDC (back-channel calls: token,");
        out("   the person with contacts and children embedded (no child's documents: a request reads them); stock: token + userinfo),");
        out("   our parsing and mappers, the account resolver and the school flow's checks.");
        out("   Reference (brief): " + REFERENCE + ".");
    }

    static String keycloakVersion(Path home) {
        try {
            String text = Files.readString(home.resolve("version.txt"), StandardCharsets.UTF_8).trim();
            return text.replaceAll("(?i)^keycloak\\s*-\\s*(version\\s*)?", "");
        } catch (IOException e) {
            return "(version.txt unreadable)";
        }
    }

    private static double share(Map<ThreadCpu.Group, Long> split, ThreadCpu.Group group) {
        long total = ThreadCpu.total(split);
        return total == 0 ? 0 : (double) split.getOrDefault(group, 0L) / total;
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

    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("cpu model unknown");
        } catch (IOException e) {
            return "cpu model unknown";
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void deleteTree(Path dir) throws IOException {
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
