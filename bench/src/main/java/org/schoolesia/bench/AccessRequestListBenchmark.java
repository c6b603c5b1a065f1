// Over 400 lines: a hand-run benchmark whose data loading, stock comparison and report print in one run; split when it next changes.
package org.schoolesia.bench;

import static org.schoolesia.bench.Stats.f;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.schoolesia.school.requests.RequestNumber;
import org.schoolesia.testkit.AdminClient;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakServer;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue #5: the staff list of access requests at 100 000 requests against stock Keycloak's admin
 * user list of the same page size at 100 000 users, in one run. See {@code bench/README.md}
 * ("Access-request list benchmark").
 *
 * <p>Per database: (1) Keycloak through the testkit with the demo realm (Liquibase creates our
 * tables), realm and organisation ids through the admin API, a confidential client for staff
 * tokens; (2) Keycloak stopped, 100 000 access requests and 100 000 users inserted by JDBC
 * (batches); (3) per configuration, Keycloak started on that database, warm-up, then every endpoint
 * measured sequentially and with concurrent clients, interleaved in rounds, Keycloak CPU from
 * {@code /proc}; (4) Keycloak stopped, the list's SQL timed and explained on the database directly,
 * with alternatives and candidate indexes ({@link AccessRequestSqlProbe}).
 *
 * <p>Configurations ({@code bench.configs}, comma-separated): {@code h2} = start-dev's H2 file as the
 * testkit configures it (H2 answers a repeated identical query from its result cache while the
 * tables stay unchanged, which they do during the measurement); {@code h2-noreuse} = the same file
 * with {@code OPTIMIZE_REUSE_RESULTS=FALSE}, so every statement runs (as it does once requests are
 * filed and decided all day); {@code postgres} = Debian's PostgreSQL 15 (started if down; needs root,
 * as {@code DirectoryBenchmark}).
 *
 * <p>Settings (system properties): {@code bench.keycloakHome} (or the first argument),
 * {@code bench.realmConfig}, {@code bench.workDir} ({@code bench/target/access-request-bench-work}),
 * {@code bench.configs} ({@code h2,postgres}), {@code bench.requests} (100000), {@code bench.users}
 * (100000), {@code bench.homeShare} (0.9), {@code bench.organisation} (sosh-1-ys), {@code bench.calls}
 * (2000 per endpoint and mode), {@code bench.maxSeconds} (30: per endpoint and mode, whichever comes
 * first), {@code bench.warmup} (500 per endpoint), {@code bench.warmupMaxSeconds} (20 per endpoint),
 * {@code bench.clients} (4), {@code bench.rounds} (4), {@code bench.deepFirst} (5000),
 * {@code bench.listPath} (auto), {@code bench.sqlProbe} (true), {@code bench.keycloakOptions} (none),
 * {@code bench.seed}, {@code bench.h2.user}/{@code bench.h2.password} (empty), {@code bench.pg.*}
 * (host 127.0.0.1, port 5432, database/user/password school_arl_bench, setup true).
 */
public final class AccessRequestListBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM = DemoRealm.NAME;
    private static final String STAFF_USER = "zavuch.sosh1";
    private static final String STAFF_PASSWORD = "Demo-pass-1";
    private static final String CLIENT_ID = "bench-access-requests";
    private static final String CLIENT_SECRET = "bench-access-requests-secret";
    private static final String STAFF_AUDIENCE = "school-staff-api";
    /** Staff of the demo's organisations: who decided their requests. */
    private static final Map<String, String> DECIDERS = Map.of("sosh-1-ys", "zavuch.sosh1", "ddut-ys", "metodist.ddut",
            "ds-15-ys", "vospitatel.ds15", "sosh-2-korsakov", "smirnov.oleg");
    private static final String REQUEST_ID_PREFIX = "a0000000-0000-4000-8000-";
    private static final String USER_ID_PREFIX = "b0000000-0000-4000-8000-";
    private static final long DAY = 86_400_000L;
    static final int PAGE = 50;
    private static final double GOAL = 1.0;
    private static final List<String> SURNAMES = List.of("Иванов", "Петров", "Сидоров", "Смирнов", "Кузнецов", "Попов", "Васильев",
            "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов");
    private static final List<String> MALE = List.of("Александр", "Иван", "Дмитрий", "Максим", "Артём", "Михаил", "Сергей", "Андрей");
    private static final List<String> FEMALE = List.of("Мария", "Анна", "Софья", "Анастасия", "Виктория", "Полина", "Елена", "Ольга");
    private static final List<String> PATRONYMICS_M = List.of("Александрович", "Иванович", "Сергеевич", "Андреевич", "Петрович");
    private static final List<String> PATRONYMICS_F = List.of("Александровна", "Ивановна", "Сергеевна", "Андреевна", "Петровна");

    enum Side { OURS, STOCK }

    enum Db { H2, POSTGRES }

    /** A database and how Keycloak uses it. */
    record Config(String name, Db db, boolean h2ResultReuse, String description) {
        static Config parse(String name) {
            return switch (name.trim()) {
                case "h2" -> new Config("h2", Db.H2, true, "H2 file as start-dev/testkit (H2 reuses results of repeated identical queries)");
                case "h2-noreuse" -> new Config("h2-noreuse", Db.H2, false,
                        "same H2 file, OPTIMIZE_REUSE_RESULTS=FALSE: every statement runs, as with writes going on");
                case "postgres" -> new Config("postgres", Db.POSTGRES, false, "PostgreSQL 15 (Debian), --db=postgres");
                default -> throw new IllegalArgumentException("unknown configuration " + name + " (h2, h2-noreuse, postgres)");
            };
        }
    }

    /** One endpoint as the bench calls it; {@code pairedWith}: the stock endpoints it is compared with. */
    record Endpoint(String key, Side side, String label, String path, List<String> pairedWith) {
    }

    /** What one endpoint did in one mode, summed over the rounds. */
    static final class Tally {
        final List<Double> millis = new ArrayList<>();
        long cpuMillis;
        long jitMillis;
        long dbMillis;
        long wallNanos;

        int calls() {
            return millis.size();
        }

        double cpuPerCall() {
            return (double) cpuMillis / calls();
        }

        double cpuPerCallWithoutJit() {
            return (double) (cpuMillis - jitMillis) / calls();
        }

        double throughput() {
            return calls() / (wallNanos / 1e9);
        }

        /** PostgreSQL's CPU per call (all its processes); 0 on H2, which runs inside Keycloak. */
        double dbPerCall() {
            return (double) dbMillis / calls();
        }

        double totalPerCall() {
            return cpuPerCall() + dbPerCall();
        }
    }

    /** How the bench reaches a database while Keycloak is stopped. */
    record DbAccess(Driver driver, String url, String user, String password) {
        Connection open() throws SQLException {
            return open("");
        }

        Connection open(String urlSuffix) throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", user);
            p.setProperty("password", password);
            Connection c = driver.connect(url + urlSuffix, p);
            if (c == null) {
                throw new SQLException("the driver does not take " + url);
            }
            return c;
        }

        boolean isH2() {
            return url.startsWith("jdbc:h2:");
        }
    }

    record PgSettings(String host, int port, String database, String user, String password, boolean setup) {
        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private final Path keycloakHome;
    private final Path realmConfig;
    private final Path baseWorkDir;
    private final List<String> keycloakOptions;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final int requestCount = Integer.getInteger("bench.requests", 100_000);
    private final int userCount = Integer.getInteger("bench.users", 100_000);
    private final double homeShare = Double.parseDouble(System.getProperty("bench.homeShare", "0.9"));
    private final String homeAlias = System.getProperty("bench.organisation", "sosh-1-ys");
    private final int calls = Integer.getInteger("bench.calls", 2000);
    private final double maxSeconds = Double.parseDouble(System.getProperty("bench.maxSeconds", "30"));
    private final int warmup = Integer.getInteger("bench.warmup", 500);
    private final double warmupMaxSeconds = Double.parseDouble(System.getProperty("bench.warmupMaxSeconds", "20"));
    private final int clients = Integer.getInteger("bench.clients", 4);
    private final int rounds = Math.max(1, Integer.getInteger("bench.rounds", 4));
    private final int deepFirst = Integer.getInteger("bench.deepFirst", 5000);
    private final long seed = Long.getLong("bench.seed", 5_2674L);
    private final PgSettings pg = new PgSettings(System.getProperty("bench.pg.host", "127.0.0.1"), Integer.getInteger("bench.pg.port", 5432),
            System.getProperty("bench.pg.database", "school_arl_bench"), System.getProperty("bench.pg.user", "school_arl_bench"),
            System.getProperty("bench.pg.password", "school_arl_bench"), Boolean.parseBoolean(System.getProperty("bench.pg.setup", "true")));

    // per database
    private Path workDir;
    private String realmId;
    private final Map<String, String> organisationIds = new LinkedHashMap<>();
    private final Map<String, String> deciderIds = new LinkedHashMap<>();
    // per configuration
    private KeycloakServer server;
    private long keycloakPid = -1;
    private String listPath;
    private boolean onPostgres;
    private final Map<Side, String> tokens = new LinkedHashMap<>();
    private final Map<Side, Instant> tokenTimes = new LinkedHashMap<>();
    private ExecutorService pool;
    /** Configuration → mode → endpoint → tally, for the closing summary. */
    private final Map<String, Map<String, Map<String, Tally>>> allResults = new LinkedHashMap<>();
    private final Map<String, List<Endpoint>> allEndpoints = new LinkedHashMap<>();

    private AccessRequestListBenchmark(Path keycloakHome, Path realmConfig, Path workDir, List<String> keycloakOptions) {
        this.keycloakHome = keycloakHome;
        this.realmConfig = realmConfig;
        this.baseWorkDir = workDir;
        this.keycloakOptions = keycloakOptions;
    }

    public static void main(String[] args) throws Exception {
        Path keycloakHome = Path.of(args.length > 0 ? args[0] : System.getProperty("bench.keycloakHome", "server/target/keycloak-26.7.4"))
                .toAbsolutePath().normalize();
        Path realmConfig = Path.of(System.getProperty("bench.realmConfig", "realm-config")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("bench.workDir", "bench/target/access-request-bench-work")).toAbsolutePath().normalize();
        List<String> keycloakOptions = Stream.of(System.getProperty("bench.keycloakOptions", "").split("\\s+"))
                .filter(o -> !o.isBlank()).toList();
        List<Config> configs = Stream.of(System.getProperty("bench.configs", "h2,postgres").split(",")).filter(c -> !c.isBlank())
                .map(Config::parse).toList();
        AccessRequestListBenchmark bench = new AccessRequestListBenchmark(keycloakHome, realmConfig, workDir, keycloakOptions);
        long started = System.nanoTime();

        out("school-esia access-request list benchmark (issue #5)");
        out(f("  What: the staff list GET /realms/%s/school/access-requests (newest first, with the total) at %,d requests",
                REALM, bench.requestCount));
        out(f("  (%.0f%% in %s, the staff member's organisation) against stock Keycloak's GET /admin/realms/%s/users at %,d users,",
                100 * bench.homeShare, bench.homeAlias, REALM, bench.userCount));
        out(f("  page size %d; one Keycloak per configuration; both sides loaded by JDBC while Keycloak was stopped.", PAGE));
        out("  Keycloak CPU = its JVM's user+sys from /proc (10 ms ticks) over a batch / its calls; 'no JIT' leaves out the JIT");
        out("  compiler threads. Throughput = calls / wall time of the batches (sequential: 1 client; concurrent: " + bench.clients
                + " clients).");
        out("  Configurations: " + configs.stream().map(c -> c.name() + " = " + c.description()).toList());
        out("  Machine: nproc=" + Runtime.getRuntime().availableProcessors() + ", " + cpuModel() + ", load average " + loadAverage());
        out("  Keycloak home: " + keycloakHome + " (" + keycloakVersion(keycloakHome) + "); work dir: " + workDir);
        out(f("  Counts: warm-up %d calls per endpoint (at most %.0f s); measured %d calls per endpoint and mode (at most %.0f s)"
                + " in %d interleaved rounds.", bench.warmup, bench.warmupMaxSeconds, bench.calls, bench.maxSeconds, bench.rounds));
        out("  Compare ratios within this run; absolute figures move with the machine and its load.");

        if (Files.exists(workDir)) {
            deleteTree(workDir);
        }
        Files.createDirectories(workDir);
        PrintStream err = System.err;
        PrintStream emulatorLog = new PrintStream(Files.newOutputStream(workDir.resolve("emulator.log")), true, StandardCharsets.UTF_8);
        System.setErr(emulatorLog);
        try {
            for (Db db : Db.values()) {
                List<Config> mine = configs.stream().filter(c -> c.db() == db).toList();
                if (!mine.isEmpty()) {
                    bench.runDatabase(db, mine);
                }
            }
            bench.summary();
        } finally {
            bench.stopKeycloak();
            System.setErr(err);
            emulatorLog.close();
        }
        out("");
        out(f("Total run time %.0f s; load average now %s.", (System.nanoTime() - started) / 1e9, loadAverage()));
        System.exit(0);
    }

    private void runDatabase(Db db, List<Config> configs) throws Exception {
        workDir = baseWorkDir.resolve(db.name().toLowerCase(java.util.Locale.ROOT));
        Files.createDirectories(workDir);
        organisationIds.clear();
        deciderIds.clear();
        out("");
        out("=== " + db + " ===");
        if (db == Db.POSTGRES && pg.setup()) {
            preparePostgres();
        }
        // 1. Keycloak with the demo realm: Liquibase creates SCHOOL_ACCESS_REQUEST.
        out("1. Starting the emulator and Keycloak with the demo realm (log " + workDir.resolve("keycloak/keycloak-setup.log") + ") …");
        long t0 = System.nanoTime();
        try (TestEnvironment env = TestEnvironment.start(keycloakHome, realmConfig, workDir, keycloakOptions, dbOptions(db, true))) {
            out(f("   ready with the demo realm in %.0f s", (System.nanoTime() - t0) / 1e9));
            prepareThroughAdminApi(env.admin());
        }
        awaitKeycloakGone();
        Files.move(workDir.resolve("keycloak/keycloak.log"), workDir.resolve("keycloak/keycloak-setup.log"), StandardCopyOption.REPLACE_EXISTING);

        // 2. Seeding by JDBC while Keycloak is stopped.
        DbAccess access = db == Db.H2 ? h2() : postgres();
        boolean ours = seed(access);

        // 3. Per configuration: Keycloak on the seeded database, measured.
        for (Config config : configs) {
            out("");
            out("3. [" + config.name() + "] " + config.description());
            out("   starting Keycloak on the seeded database (log " + workDir.resolve("keycloak/keycloak.log") + ") …");
            onPostgres = db == Db.POSTGRES;
            startKeycloak(dbOptions(db, config.h2ResultReuse()));
            out(f("   realm %s has %,d users (GET /admin/realms/%s/users/count)", REALM, countUsers(), REALM));
            listPath = ours ? findListPath() : null;
            pool = Executors.newFixedThreadPool(clients);
            List<Endpoint> endpoints = endpoints();
            Map<String, Map<String, Tally>> results = measure(endpoints);
            report(config, endpoints, results);
            allResults.put(config.name(), results);
            allEndpoints.put(config.name(), endpoints);
            pool.shutdownNow();
            stopKeycloak();
            awaitKeycloakGone();
            Files.move(workDir.resolve("keycloak/keycloak.log"), workDir.resolve("keycloak/keycloak-" + config.name() + ".log"),
                    StandardCopyOption.REPLACE_EXISTING);
        }

        // 4. The list's SQL on the database directly.
        if (Boolean.parseBoolean(System.getProperty("bench.sqlProbe", "true")) && ours) {
            out("");
            out("4. [" + db + "] The SQL behind both lists, run on the database directly (Keycloak stopped) …");
            new AccessRequestSqlProbe(access, realmId, organisationIds.get(homeAlias), deepFirst).run();
        }
    }

    /** Database options for Keycloak: the testkit's own H2 file (with or without result reuse), or PostgreSQL. */
    private List<String> dbOptions(Db db, boolean h2ResultReuse) {
        if (db == Db.POSTGRES) {
            return List.of("--db=postgres", "--db-url=" + pg.jdbcUrl(), "--db-username=" + pg.user(), "--db-password=" + pg.password());
        }
        if (h2ResultReuse) {
            return List.of(); // the testkit's H2 URL: jdbc:h2:file:<work>/keycloak/db/keycloakdb;NON_KEYWORDS=VALUE
        }
        return List.of("--db-url=" + h2Url() + ";OPTIMIZE_REUSE_RESULTS=FALSE");
    }

    private String h2Url() {
        return "jdbc:h2:file:" + workDir.resolve("keycloak/db/keycloakdb").toAbsolutePath() + ";NON_KEYWORDS=VALUE";
    }

    // --- phase 1 ----------------------------------------------------------------------------------

    private void prepareThroughAdminApi(AdminClient admin) {
        realmId = admin.get("/realms/" + REALM).get("id").asText();
        for (JsonNode o : admin.get("/realms/" + REALM + "/organizations?first=0&max=1000")) {
            organisationIds.put(o.get("alias").asText(), o.get("id").asText());
        }
        if (!organisationIds.containsKey(homeAlias)) {
            throw new IllegalStateException("the demo realm has no organisation " + homeAlias + ": " + organisationIds.keySet());
        }
        for (Map.Entry<String, String> d : DECIDERS.entrySet()) {
            JsonNode found = admin.get("/realms/" + REALM + "/users?exact=true&username=" + enc(d.getValue()));
            if (found.size() == 1) {
                deciderIds.put(d.getKey(), found.get(0).get("id").asText());
            }
        }
        // Staff tokens come from a confidential client with direct grants and the staff API's audience (as the ITs' StaffApi);
        // tokens live an hour so that none expires inside a measured batch (they are renewed between batches anyway).
        admin.post("/realms/" + REALM + "/clients", Map.of("clientId", CLIENT_ID, "enabled", true, "publicClient", false,
                "secret", CLIENT_SECRET, "directAccessGrantsEnabled", true, "standardFlowEnabled", false, "protocol", "openid-connect",
                "attributes", Map.of("access.token.lifespan", "3600"),
                "protocolMappers", List.of(Map.of("name", "staff api audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.custom.audience", STAFF_AUDIENCE,
                                "access.token.claim", "true", "id.token.claim", "false")))));
        admin.put("/realms/master", Map.of("accessTokenLifespan", 3600));
        out(f("   realm id %s; organisations %s (%s = %s); client %s created", realmId, organisationIds.keySet(), homeAlias,
                organisationIds.get(homeAlias), CLIENT_ID));
    }

    // --- phase 2: seeding -------------------------------------------------------------------------

    /** The H2 driver Keycloak ships, and the URL the testkit gives Keycloak; the credentials Keycloak created the file with. */
    private DbAccess h2() throws Exception {
        Path jar;
        try (Stream<Path> jars = Files.list(keycloakHome.resolve("lib/lib/main"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("com\\.h2database\\.h2-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no H2 jar in " + keycloakHome.resolve("lib/lib/main")));
        }
        @SuppressWarnings("resource") // lives as long as the bench
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Driver driver = (Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
        List<String[]> candidates = new ArrayList<>();
        if (System.getProperty("bench.h2.user") != null) {
            candidates.add(new String[] {System.getProperty("bench.h2.user"), System.getProperty("bench.h2.password", "")});
        }
        // The testkit passes only --db-url: Keycloak then connects (and H2 created the file) with no user name and no password.
        candidates.add(new String[] {"", ""});
        candidates.add(new String[] {"sa", "password"});
        candidates.add(new String[] {"sa", ""});
        SQLException last = null;
        for (String[] c : candidates) {
            DbAccess access = new DbAccess(driver, h2Url(), c[0], c[1]);
            try (Connection ignored = access.open()) {
                out(f("2. H2 through Keycloak's own driver %s, user '%s': %s", jar.getFileName(), c[0], h2Url()));
                return access;
            } catch (SQLException e) {
                last = e;
            }
        }
        throw new IllegalStateException("cannot open Keycloak's H2 database " + h2Url(), last);
    }

    private DbAccess postgres() throws SQLException {
        Driver driver = new org.postgresql.Driver();
        out("2. PostgreSQL " + pg.jdbcUrl() + " (user " + pg.user() + ")");
        return new DbAccess(driver, pg.jdbcUrl(), pg.user(), pg.password());
    }

    /** Debian's cluster: started if down, then a fresh database owned by the bench's role. Needs root (psql as postgres). */
    private void preparePostgres() throws IOException, InterruptedException {
        DebianPostgres.recreateDatabase(pg.port(), pg.database(), pg.user(), pg.password(), AccessRequestListBenchmark::out);
        out("   PostgreSQL database " + pg.database() + " recreated (owner " + pg.user() + ")");
    }

    /** Inserts the requests and the users; false when the distribution has no SCHOOL_ACCESS_REQUEST (server not rebuilt). */
    private boolean seed(DbAccess access) throws Exception {
        long t0 = System.nanoTime();
        boolean ours;
        try (Connection c = access.open(access.isH2() ? "" : "?reWriteBatchedInserts=true")) {
            c.setAutoCommit(false);
            ours = tableExists(c, "SCHOOL_ACCESS_REQUEST");
            if (ours) {
                seedRequests(c);
            } else {
                out("   !! no table SCHOOL_ACCESS_REQUEST: the distribution predates the access requests; rebuild the server"
                        + " (./mvnw -pl server -am package -DskipTests) and copy it again. Only the stock side is measured.");
            }
            c.commit();
            double requestsSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            seedUsers(c);
            c.commit();
            double usersSeconds = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // What autovacuum / H2's own statistics would do soon after a bulk load.
                s.execute(access.isH2() ? "ANALYZE" : "VACUUM ANALYZE");
            }
            double analyzeSeconds = (System.nanoTime() - t2) / 1e9;
            if (ours) {
                printSeeded(c);
            }
            out(f("   seeding time: %,d requests %.1f s, %,d users %.1f s, %s %.1f s; total %.1f s (Keycloak stopped)", requestCount,
                    requestsSeconds, userCount, usersSeconds, access.isH2() ? "ANALYZE" : "VACUUM ANALYZE", analyzeSeconds,
                    (System.nanoTime() - t0) / 1e9));
        }
        return ours;
    }

    private void seedRequests(Connection c) throws Exception {
        String homeId = organisationIds.get(homeAlias);
        List<String> others = organisationIds.entrySet().stream().filter(e -> !e.getKey().equals(homeAlias)).map(Map.Entry::getValue).toList();
        Map<String, List<String[]>> classes = new LinkedHashMap<>();
        for (String orgId : organisationIds.values()) {
            List<String[]> list = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("select g.ID, g.NAME from KEYCLOAK_GROUP g join ORG o on g.PARENT_GROUP = o.GROUP_ID"
                    + " where o.ID = ? order by g.NAME")) {
                p.setString(1, orgId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        list.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            classes.put(orgId, list);
        }
        Map<String, String> deciderByOrg = new LinkedHashMap<>();
        organisationIds.forEach((alias, id) -> deciderByOrg.put(id, deciderIds.getOrDefault(alias, deciderIds.get(homeAlias))));

        SplittableRandom random = new SplittableRandom(seed);
        long now = System.currentTimeMillis();
        String sql = "insert into SCHOOL_ACCESS_REQUEST (ID, REALM_ID, NUMBER, ORG_ID, CLASS_ID, CLASS_NAME, ROLE, STATUS, ESIA_OID,"
                + " LAST_NAME, FIRST_NAME, MIDDLE_NAME, BIRTH_DATE, EMAIL, SNILS, TRUSTED, CHILD_OID, CHILD_LAST_NAME, CHILD_FIRST_NAME,"
                + " CHILD_MIDDLE_NAME, CHILD_BIRTH_DATE, CHILD_SNILS, CHILD_CERTIFICATE, PERSON_COMMENT, LOCALE, CREATED_AT, DECIDED_AT,"
                + " DECIDED_BY, DECISION_COMMENT, ACCOUNT_ID, PENDING_KEY) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < requestCount; i++) {
                boolean home = random.nextDouble() < homeShare || others.isEmpty();
                String orgId = home ? homeId : others.get(random.nextInt(others.size()));
                String role = random.nextDouble() < 0.55 ? "parent" : "student";
                double s = random.nextDouble();
                String status = s < 0.15 ? "pending" : s < 0.80 ? "resolved" : "rejected";
                long created = now - 60_000 - (long) (random.nextDouble() * 60 * DAY);
                String oid = String.valueOf(3_000_000_000L + i);
                boolean male = random.nextBoolean();
                String last = SURNAMES.get(random.nextInt(SURNAMES.size())) + (male ? "" : "а");
                List<String[]> orgClasses = classes.getOrDefault(orgId, List.of());
                String[] schoolClass = orgClasses.isEmpty() ? null : orgClasses.get(random.nextInt(orgClasses.size()));
                int k = 0;
                p.setString(++k, requestId(i));
                p.setString(++k, realmId);
                p.setString(++k, requestNumber(i));
                p.setString(++k, orgId);
                p.setString(++k, schoolClass == null ? null : schoolClass[0]);
                p.setString(++k, schoolClass == null ? null : schoolClass[1]);
                p.setString(++k, role);
                p.setString(++k, status);
                p.setString(++k, oid);
                p.setString(++k, last);
                p.setString(++k, (male ? MALE : FEMALE).get(random.nextInt(MALE.size())));
                p.setString(++k, (male ? PATRONYMICS_M : PATRONYMICS_F).get(random.nextInt(PATRONYMICS_M.size())));
                LocalDate birth = role.equals("parent") ? LocalDate.of(1975 + random.nextInt(20), 1 + random.nextInt(12), 1 + random.nextInt(28))
                        : LocalDate.of(2009 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28));
                p.setString(++k, birth.toString());
                p.setString(++k, random.nextInt(10) < 8 ? "person" + i + "@mail.example" : null);
                p.setString(++k, DirectoryBenchmark.snils(i));
                p.setBoolean(++k, random.nextInt(10) < 9);
                if (role.equals("parent")) {
                    boolean boy = random.nextBoolean();
                    p.setString(++k, String.valueOf(4_000_000_000L + i));
                    p.setString(++k, SURNAMES.get(random.nextInt(SURNAMES.size())) + (boy ? "" : "а"));
                    p.setString(++k, (boy ? MALE : FEMALE).get(random.nextInt(MALE.size())));
                    p.setString(++k, (boy ? PATRONYMICS_M : PATRONYMICS_F).get(random.nextInt(PATRONYMICS_M.size())));
                    p.setString(++k, LocalDate.of(2010 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString());
                    p.setString(++k, DirectoryBenchmark.snils(1_000_000 + i));
                    p.setString(++k, random.nextBoolean() ? f("I-ЛО %06d", random.nextInt(1_000_000)) : null);
                } else {
                    for (int n = 0; n < 7; n++) {
                        p.setNull(++k, Types.VARCHAR);
                    }
                }
                p.setString(++k, random.nextInt(4) == 0 ? "Прошу подключить к электронному дневнику, ребёнок переведён из другой школы." : null);
                p.setString(++k, "ru");
                p.setLong(++k, created);
                if (status.equals("pending")) {
                    p.setNull(++k, Types.BIGINT);
                    p.setNull(++k, Types.VARCHAR);
                    p.setNull(++k, Types.VARCHAR);
                    p.setNull(++k, Types.VARCHAR);
                    // Unique: realm|organisation|role|ESIA oid while pending, as AccessRequests#pendingKey (every request has its own oid).
                    p.setString(++k, realmId + "|" + orgId + "|" + role + "|" + oid);
                } else {
                    p.setLong(++k, Math.min(now, created + (long) (random.nextDouble() * 3 * DAY)));
                    p.setString(++k, deciderByOrg.get(orgId));
                    p.setString(++k, status.equals("rejected") ? "Не удалось подтвердить, что ребёнок учится в нашей организации." : null);
                    p.setString(++k, status.equals("resolved") && userCount > 0 ? userId(random.nextInt(userCount)) : null);
                    // A decision turns the key into decided:<id> (AccessRequestEntry.decide): unique, never null.
                    p.setString(++k, "decided:" + requestId(i));
                }
                p.addBatch();
                if ((i + 1) % 2000 == 0 || i + 1 == requestCount) {
                    p.executeBatch();
                }
            }
        }
        checkNumbers();
    }

    private void seedUsers(Connection c) throws SQLException {
        SplittableRandom random = new SplittableRandom(seed + 1);
        long now = System.currentTimeMillis();
        String sql = "insert into USER_ENTITY (ID, EMAIL, EMAIL_CONSTRAINT, EMAIL_VERIFIED, ENABLED, FIRST_NAME, LAST_NAME, REALM_ID,"
                + " USERNAME, CREATED_TIMESTAMP, NOT_BEFORE) values (?,?,?,?,?,?,?,?,?,?,0)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < userCount; i++) {
                boolean male = random.nextBoolean();
                String email = f("bench.user.%06d@bench.example", i);
                p.setString(1, userId(i));
                p.setString(2, email);
                p.setString(3, email);
                p.setBoolean(4, false);
                p.setBoolean(5, true);
                p.setString(6, (male ? MALE : FEMALE).get(random.nextInt(MALE.size())));
                p.setString(7, SURNAMES.get(random.nextInt(SURNAMES.size())) + (male ? "" : "а"));
                p.setString(8, realmId);
                p.setString(9, f("bench.user.%06d", i));
                p.setLong(10, now - (long) (random.nextDouble() * 365 * DAY));
                p.addBatch();
                if ((i + 1) % 2000 == 0 || i + 1 == userCount) {
                    p.executeBatch();
                }
            }
        }
    }

    private void printSeeded(Connection c) throws SQLException {
        StringBuilder line = new StringBuilder();
        try (PreparedStatement p = c.prepareStatement("select o.ALIAS, r.STATUS, count(*) from SCHOOL_ACCESS_REQUEST r join ORG o on o.ID = r.ORG_ID"
                + " where r.REALM_ID = ? group by o.ALIAS, r.STATUS order by o.ALIAS, r.STATUS")) {
            p.setString(1, realmId);
            try (ResultSet rs = p.executeQuery()) {
                String alias = null;
                while (rs.next()) {
                    if (!rs.getString(1).equals(alias)) {
                        alias = rs.getString(1);
                        line.append(line.isEmpty() ? "" : "; ").append(alias).append(':');
                    }
                    line.append(f(" %s %,d", rs.getString(2), rs.getLong(3)));
                }
            }
        }
        out(f("   seeded %,d access requests (%s), created over the last 60 days, roles parent/student, the organisations' classes",
                requestCount, line));
        out(f("   and %,d users bench.user.NNNNNN in USER_ENTITY (names, e-mail, enabled, created; no attributes, no credentials)", userCount));
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        for (String name : List.of(table, table.toLowerCase(java.util.Locale.ROOT))) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    static String requestId(int i) {
        return REQUEST_ID_PREFIX + f("%012d", i);
    }

    static String userId(int i) {
        return USER_ID_PREFIX + f("%012d", i);
    }

    /**
     * A distinct number per request, spread like random ones: eight digits from a permutation of 10 000 000..99 999 999
     * (the multiplier is coprime with 90 000 000), then the Luhn check digit of {@code RequestNumber}.
     */
    static String requestNumber(int i) {
        long body = 10_000_000L + (i * 48_271_211L + 7_654_321L) % 90_000_000L;
        String digits = Long.toString(body);
        digits += RequestNumber.checkDigit(digits);
        return digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6);
    }

    /** When the school module's RequestNumber is on the bench's class path: its own parser accepts the numbers. */
    /** The seeded numbers are ones the module itself accepts. */
    private void checkNumbers() {
        for (int i = 0; i < Math.min(requestCount, 1000); i++) {
            if (RequestNumber.parse(requestNumber(i)).isEmpty()) {
                throw new IllegalStateException("RequestNumber.parse refuses " + requestNumber(i));
            }
        }
        out("   request numbers: unique; the first 1 000 accepted by the module's RequestNumber.parse");
    }

    // --- phase 3: measuring -----------------------------------------------------------------------

    private void startKeycloak(List<String> dbOptions) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of("--vault=file", "--vault-dir=" + workDir.resolve("vault").toAbsolutePath()));
        options.addAll(keycloakOptions);
        long t0 = System.nanoTime();
        server = KeycloakServer.start(keycloakHome, workDir.resolve("keycloak"), options, dbOptions);
        keycloakPid = ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
        tokens.clear();
        tokenTimes.clear();
        out(f("   ready in %.0f s (Keycloak JVM pid %d)", (System.nanoTime() - t0) / 1e9, keycloakPid));
    }

    private void stopKeycloak() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** H2 allows one process per file, and the next Keycloak wants the ports: wait until no Keycloak JVM of ours is left. */
    private static void awaitKeycloakGone() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (ProcessHandle.current().descendants().anyMatch(p -> p.info().command().orElse("").endsWith("/java"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Keycloak still running 60 s after it was told to stop");
            }
            Thread.sleep(200);
        }
    }

    private int countUsers() throws Exception {
        HttpResponse<String> r = get("/admin/realms/" + REALM + "/users/count", token(Side.STOCK));
        return Integer.parseInt(r.body().trim());
    }

    /** Where the staff list answers: {@code /school/access-requests}, or under {@code /school/staff}. */
    private String findListPath() throws Exception {
        String token = token(Side.OURS);
        List<String> candidates = System.getProperty("bench.listPath") != null ? List.of(System.getProperty("bench.listPath"))
                : List.of("/school/access-requests", "/school/staff/access-requests");
        for (String candidate : candidates) {
            String path = "/realms/" + REALM + candidate;
            HttpResponse<String> r = get(path + "?first=0&max=" + PAGE, token);
            if (r.statusCode() == 200) {
                return path;
            }
            out(f("   (GET %s → %d %s)", path, r.statusCode(), abbreviate(r.body())));
        }
        out("   !! the staff list endpoint is not available in this distribution: only the stock side is measured.");
        return null;
    }

    private List<Endpoint> endpoints() throws Exception {
        String users = "/admin/realms/" + REALM + "/users";
        List<Endpoint> list = new ArrayList<>();
        String cursor = listPath == null ? null : cursorAt(deepFirst);
        if (cursor != null) {
            // Issue 14: the same deep page by keyset (the "next" cursor), as the staff console now asks for it.
            list.add(new Endpoint("ours-keyset-deep", Side.OURS, "ours: row " + deepFirst + " by cursor",
                    listPath + "?max=" + PAGE + "&after=" + enc(cursor), List.of("stock-brief-deep", "stock-full-deep")));
        }
        if (listPath != null) {
            list.add(new Endpoint("ours-first", Side.OURS, "ours: first page", listPath + "?first=0&max=" + PAGE,
                    List.of("stock-brief-first", "stock-full-first")));
            list.add(new Endpoint("ours-pending", Side.OURS, "ours: status=pending", listPath + "?status=pending&first=0&max=" + PAGE,
                    List.of("stock-brief-first", "stock-full-first")));
            list.add(new Endpoint("ours-deep", Side.OURS, "ours: first=" + deepFirst, listPath + "?first=" + deepFirst + "&max=" + PAGE,
                    List.of("stock-brief-deep", "stock-full-deep")));
        }
        list.add(new Endpoint("stock-brief-first", Side.STOCK, "stock: brief", users + "?briefRepresentation=true&first=0&max=" + PAGE, List.of()));
        list.add(new Endpoint("stock-full-first", Side.STOCK, "stock: default", users + "?first=0&max=" + PAGE, List.of()));
        list.add(new Endpoint("stock-brief-deep", Side.STOCK, "stock: brief first=" + deepFirst,
                users + "?briefRepresentation=true&first=" + deepFirst + "&max=" + PAGE, List.of()));
        list.add(new Endpoint("stock-full-deep", Side.STOCK, "stock: default first=" + deepFirst, users + "?first=" + deepFirst + "&max=" + PAGE,
                List.of()));
        // Not a list: what a total costs stock Keycloak (its admin console asks for it with a call of its own).
        list.add(new Endpoint("stock-count", Side.STOCK, "stock: users/count", users + "/count", List.of()));
        return list;
    }

    /**
     * The {@code after} cursor whose page starts at {@code row} (keyset paging, issue 14), found once by
     * following {@code next} page by page; null when the list is shorter or this distribution has no cursors.
     */
    private String cursorAt(int row) throws Exception {
        String token = token(Side.OURS);
        String cursor = null;
        for (int shown = 0; shown < row; shown += PAGE) {
            HttpResponse<String> r = get(listPath + "?max=" + PAGE + (cursor == null ? "" : "&after=" + enc(cursor)), token);
            JsonNode next = r.statusCode() == 200 ? JSON.readTree(r.body()).get("next") : null;
            if (next == null || next.isNull()) {
                out(f("   (no keyset cursor at row %d: %s)", shown, r.statusCode() == 200 ? "the list ends" : r.statusCode() + " " + abbreviate(r.body())));
                return null;
            }
            cursor = next.asText();
        }
        return cursor;
    }

    private Map<String, Map<String, Tally>> measure(List<Endpoint> endpoints) throws Exception {
        for (Endpoint e : endpoints) {
            check(e);
        }
        out(f("   warm-up (not counted): up to %d sequential calls per endpoint (at most %.0f s each), interleaved …", warmup, warmupMaxSeconds));
        long t0 = System.nanoTime();
        Map<String, Tally> warm = new LinkedHashMap<>();
        for (int r = 0; r < 2; r++) {
            for (Endpoint e : endpoints) {
                batch(e, warmup / 2 + (r == 0 ? warmup % 2 : 0), 1, warmupMaxSeconds / 2, warm.computeIfAbsent(e.key(), k -> new Tally()));
            }
        }
        long jit = warm.values().stream().mapToLong(t -> t.jitMillis).sum();
        long cpu = warm.values().stream().mapToLong(t -> t.cpuMillis).sum();
        out(f("   warm-up took %.0f s (%s calls); JIT compiler %.0f%% of Keycloak's CPU in it", (System.nanoTime() - t0) / 1e9,
                String.join("/", warm.values().stream().map(t -> String.valueOf(t.calls())).toList()), 100.0 * jit / Math.max(1, cpu)));

        Map<String, Map<String, Tally>> results = new LinkedHashMap<>();
        for (int mode : new int[] {1, clients}) {
            String modeName = mode == 1 ? "sequential" : mode + " clients";
            out(f("   measuring %s: %d calls per endpoint (at most %.0f s) in %d rounds, endpoint order rotating …", modeName, calls,
                    maxSeconds, rounds));
            Map<String, Tally> tallies = new LinkedHashMap<>();
            long m0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                int n = calls / rounds + (r < calls % rounds ? 1 : 0);
                for (int k = 0; k < endpoints.size(); k++) {
                    Endpoint e = endpoints.get((k + r) % endpoints.size());
                    batch(e, n, mode, maxSeconds / rounds, tallies.computeIfAbsent(e.key(), x -> new Tally()));
                }
            }
            out(f("     %.0f s", (System.nanoTime() - m0) / 1e9));
            results.put(modeName, tallies);
        }
        return results;
    }

    /** One answer checked in full: 200, a page of {@value #PAGE}, newest first, the filter kept. */
    private void check(Endpoint e) throws Exception {
        HttpResponse<String> r = get(e.path(), token(e.side()));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(e.label() + ": GET " + e.path() + " → " + r.statusCode() + " " + abbreviate(r.body()));
        }
        JsonNode body = JSON.readTree(r.body());
        if (e.key().equals("stock-count")) {
            if (!body.isNumber() || body.asInt() < userCount) {
                throw new IllegalStateException(e.label() + ": expected a count of at least " + userCount + ": " + abbreviate(r.body()));
            }
            out(f("   %-28s GET %s → 200, %s", e.label(), e.path(), r.body()));
            return;
        }
        JsonNode items = body.isArray() ? body : body.path("items");
        if (!items.isArray() || items.size() != PAGE) {
            throw new IllegalStateException(e.label() + ": expected " + PAGE + " items: " + abbreviate(r.body()));
        }
        String note = "";
        if (e.side() == Side.OURS) {
            Instant previous = Instant.MAX;
            for (JsonNode item : items) {
                Instant created = Instant.parse(item.get("createdAt").asText());
                if (created.isAfter(previous)) {
                    throw new IllegalStateException(e.label() + ": not newest first: " + abbreviate(r.body()));
                }
                previous = created;
                if (e.key().equals("ours-pending") && !item.get("status").asText().equals("pending")) {
                    throw new IllegalStateException(e.label() + ": a request not pending: " + item);
                }
            }
            note = f(", total %s, overdueTotal %s", body.path("total").asText("?"), body.path("overdueTotal").asText("?"));
        }
        out(f("   %-28s GET %s → 200, %d items, %,d bytes%s", e.label(), e.path(), items.size(), r.body().length(), note));
    }

    /**
     * Up to {@code n} calls of one endpoint by {@code parallel} clients, stopping after {@code seconds} (but after at least 5);
     * Keycloak's CPU (all threads and the JIT compiler's) and the wall time around them.
     */
    private void batch(Endpoint e, int n, int parallel, double seconds, Tally tally) throws Exception {
        if (n <= 0) {
            return;
        }
        String token = token(e.side());
        String url = server.baseUrl() + e.path();
        var threadsBefore = ThreadCpu.snapshot(keycloakPid);
        long db0 = onPostgres ? postgresTicks() : 0;
        long cpu0 = server.cpuTime().toMillis();
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        AtomicInteger next = new AtomicInteger();
        List<Double> millis = new ArrayList<>(n);
        if (parallel == 1) {
            for (int i = 0; i < n && (i < 5 || System.nanoTime() < deadline); i++) {
                millis.add(call(url, token, e));
            }
        } else {
            List<Future<List<Double>>> futures = new ArrayList<>();
            for (int w = 0; w < parallel; w++) {
                futures.add(pool.submit(() -> {
                    List<Double> mine = new ArrayList<>();
                    for (int i = next.getAndIncrement(); i < n && (i < 5 * parallel || System.nanoTime() < deadline);
                         i = next.getAndIncrement()) {
                        mine.add(call(url, token, e));
                    }
                    return mine;
                }));
            }
            for (Future<List<Double>> future : futures) {
                millis.addAll(future.get(30, TimeUnit.MINUTES));
            }
        }
        long wall = System.nanoTime() - t0;
        long cpu = server.cpuTime().toMillis() - cpu0;
        long db = onPostgres ? (postgresTicks() - db0) * 10 : 0;
        var split = ThreadCpu.delta(threadsBefore, ThreadCpu.snapshot(keycloakPid));
        tally.millis.addAll(millis);
        tally.cpuMillis += cpu;
        tally.dbMillis += db;
        tally.jitMillis += split.getOrDefault(ThreadCpu.Group.JIT, 0L) / 1000;
        tally.wallNanos += wall;
    }

    private double call(String url, String token, Endpoint e) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(e.label() + ": GET " + e.path() + " → " + r.statusCode() + " " + abbreviate(r.body()));
        }
        return ms;
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A token per side, renewed between batches when older than ten minutes (never inside a measured batch). */
    private String token(Side side) throws Exception {
        Instant at = tokenTimes.get(side);
        if (at == null || at.isBefore(Instant.now().minusSeconds(600))) {
            String form = side == Side.OURS
                    ? "grant_type=password&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET + "&username=" + enc(STAFF_USER)
                            + "&password=" + enc(STAFF_PASSWORD)
                    : "grant_type=password&client_id=admin-cli&username=" + enc(KeycloakServer.ADMIN_USER) + "&password="
                            + enc(KeycloakServer.ADMIN_PASSWORD);
            String realm = side == Side.OURS ? REALM : "master";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl(realm) + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token (" + side + "): " + r.statusCode() + " " + abbreviate(r.body()));
            }
            tokens.put(side, JSON.readTree(r.body()).get("access_token").asText());
            tokenTimes.put(side, Instant.now());
        }
        return tokens.get(side);
    }

    // --- report -----------------------------------------------------------------------------------

    private void report(Config config, List<Endpoint> endpoints, Map<String, Map<String, Tally>> results) {
        out("");
        out(f("   Results [%s] (%,d requests, %,d users; page size %d). KC CPU = Keycloak CPU-ms per call (all threads / without JIT);",
                config.name(), requestCount, userCount, PAGE));
        out("   calls/s = calls / wall time of the batches; latency ms as the bench sees it."
                + (onPostgres ? " PG CPU = all postgres processes' CPU-ms per call." : " (H2 runs inside Keycloak: its work is in KC CPU.)"));
        for (Map.Entry<String, Map<String, Tally>> mode : results.entrySet()) {
            out("");
            out("   " + mode.getKey() + ":");
            out(f("   %-30s | %5s | %7s %7s %7s | %8s | %8s %8s %8s", "endpoint", "calls", "KC CPU", "no JIT", "PG CPU", "calls/s", "p50", "p95",
                    "p99"));
            out("   " + "-".repeat(30) + "-+-------+-------------------------+----------+---------------------------");
            for (Endpoint e : endpoints) {
                Tally t = mode.getValue().get(e.key());
                out(f("   %-30s | %5d | %7.1f %7.1f %7s | %8.1f | %8.1f %8.1f %8.1f", e.label(), t.calls(), t.cpuPerCall(), t.cpuPerCallWithoutJit(),
                        onPostgres ? f("%.1f", t.dbPerCall()) : "-", t.throughput(), percentile(t.millis, 0.50), percentile(t.millis, 0.95),
                        percentile(t.millis, 0.99)));
            }
            long jit = mode.getValue().values().stream().mapToLong(t -> t.jitMillis).sum();
            long cpu = mode.getValue().values().stream().mapToLong(t -> t.cpuMillis).sum();
            out(f("   (JIT compiler: %.0f%% of Keycloak's CPU in these batches)", 100.0 * jit / Math.max(1, cpu)));
        }
        if (listPath == null) {
            out("");
            out("   Staff list: not available in this distribution — no ratio.");
            return;
        }
        out("");
        out("   Ratios [" + config.name() + "] (goal >= 1.0x: ours at least as cheap and as fast as stock):");
        out("   CPU = stock KC CPU per call / ours (without JIT in brackets" + (onPostgres ? "; KC+PG after it" : "")
                + "); throughput = ours calls/s / stock calls/s.");
        ratios(endpoints, results, "   ");
    }

    private void ratios(List<Endpoint> endpoints, Map<String, Map<String, Tally>> results, String indent) {
        Map<String, Endpoint> byKey = new LinkedHashMap<>();
        endpoints.forEach(e -> byKey.put(e.key(), e));
        for (Map.Entry<String, Map<String, Tally>> mode : results.entrySet()) {
            out(indent + mode.getKey() + ":");
            for (Endpoint e : endpoints) {
                for (String stockKey : e.pairedWith()) {
                    Tally ours = mode.getValue().get(e.key());
                    Tally stock = mode.getValue().get(stockKey);
                    double cpuRatio = stock.cpuPerCall() / ours.cpuPerCall();
                    double cpuRatioNoJit = stock.cpuPerCallWithoutJit() / ours.cpuPerCallWithoutJit();
                    double tputRatio = ours.throughput() / stock.throughput();
                    double totalRatio = stock.totalPerCall() / ours.totalPerCall();
                    boolean met = cpuRatio >= GOAL && tputRatio >= GOAL && (!onPostgres || totalRatio >= GOAL);
                    out(f("%s  %-22s vs %-26s  CPU %5.2fx (%5.2fx)%s  throughput %5.2fx   %s", indent, e.label(), byKey.get(stockKey).label(),
                            cpuRatio, cpuRatioNoJit, onPostgres ? f(" KC+PG %5.2fx", totalRatio) : "", tputRatio, met ? "met" : "NOT met"));
                }
            }
        }
    }

    private void summary() {
        if (allResults.isEmpty()) {
            return;
        }
        out("");
        out("Summary: ours first page vs stock default first page (same page size), per configuration and mode:");
        out(f("  %-12s %-11s | %15s %15s | %9s %9s | %6s %6s", "config", "mode", "ours KC+DB CPU", "stock KC+DB CPU", "ours /s", "stock /s",
                "CPU x", "tput x"));
        allResults.forEach((config, modes) -> modes.forEach((mode, t) -> {
            Tally ours = t.get("ours-first");
            Tally stock = t.get("stock-full-first");
            if (ours == null || stock == null) {
                return;
            }
            out(f("  %-12s %-11s | %6.1f + %6.1f %6.1f + %6.1f | %9.1f %9.1f | %5.2fx %5.2fx", config, mode, ours.cpuPerCall(), ours.dbPerCall(),
                    stock.cpuPerCall(), stock.dbPerCall(), ours.throughput(), stock.throughput(), stock.totalPerCall() / ours.totalPerCall(),
                    ours.throughput() / stock.throughput()));
        }));
        out("  (CPU-ms per call of Keycloak + PostgreSQL (H2 runs inside Keycloak); CPU x = stock KC+DB CPU per call / ours;");
        out("   tput x = ours calls/s / stock calls/s; goal >= 1.0x for both.)");
    }

    // --- small helpers ----------------------------------------------------------------------------

    /** CPU ticks (10 ms) of every PostgreSQL process on this machine: the database's share of a call. */
    private static long postgresTicks() {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("postgres")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("cpu model unknown");
        } catch (IOException e) {
            return "cpu model unknown";
        }
    }

    private static String keycloakVersion(Path home) {
        try {
            return Files.readString(home.resolve("version.txt"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "version unknown";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
