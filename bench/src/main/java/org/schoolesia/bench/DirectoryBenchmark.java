// Over 400 lines: a hand-run benchmark (load, measure, compare with stock, print) kept as one readable script.
package org.schoolesia.bench;

import static org.schoolesia.bench.Stats.f;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.schoolesia.school.kernel.KeyedHash;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakServer;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Lookups over a big realm, on PostgreSQL: accounts by SNILS through our index against Keycloak's
 * own attribute search, and the staff list against Keycloak's own user search, at 1 000 and at
 * 200 000 users loaded by SQL. See {@code bench/README.md} ("Directory benchmark").
 *
 * <p>Settings (system properties): {@code bench.keycloakHome} (or the first argument),
 * {@code bench.realmConfig}, {@code bench.workDir} ({@code bench/target/directory-bench-work}),
 * {@code bench.pg.setup} (true: start Debian's cluster and recreate the database as the
 * {@code postgres} OS user), {@code bench.pg.host}/{@code port}/{@code database}/{@code user}/{@code password}
 * (127.0.0.1, 5432, school_bench, school_bench, school_bench), {@code bench.smallUsers} (1000),
 * {@code bench.users} (200000), {@code bench.requests} (200: per endpoint and size, fewer for slow
 * stock searches, see {@code bench.maxBatchSeconds}), {@code bench.warmup} (150), {@code bench.seed}.
 */
public final class DirectoryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM = DemoRealm.NAME;
    private static final String STAFF_USER = "zavuch.sosh1";
    private static final String STAFF_PASSWORD = "Demo-pass-1";
    private static final String STAFF_CLIENT = "bench-directory";
    private static final String SURNAME_PREFIX = "Ив";
    /** The staff member's school: the demo's own organisations plus imported ones share the loaded accounts. */
    private static final String STAFF_ORGANISATION = "sosh-1-ys";
    private static final List<String> SURNAMES = List.of("Иванов", "Ивашкин", "Петров", "Сидоров", "Смирнов", "Кузнецов", "Попов",
            "Васильев", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов",
            "Егоров", "Павлов", "Козлов");
    private static final List<String> FIRST_NAMES = List.of("Александр", "Мария", "Иван", "Анна", "Дмитрий", "Софья", "Максим",
            "Анастасия", "Артём", "Виктория", "Михаил", "Полина");
    private static final String USER_ID_PREFIX = "b0000000-0000-4000-8000-";
    private static final String ATTR_ID_PREFIX = "b1000000-0000-4000-8000-";

    private final TestEnvironment env;
    private final PgSettings pg;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random;
    private final int requests;
    private final int warmup;
    private final double maxBatchSeconds;
    private final int organisationCount;
    private final java.util.SplittableRandom people;
    private String realmId;
    private List<String> organisations;
    private Map<String, String> organisationGroups;
    private int loaded;

    record PgSettings(String host, int port, String database, String user, String password) {
        String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** One endpoint measured at one size. */
    record Measure(String label, int n, double median, double p95, double cpuPerRequest, double dbCpuPerRequest, boolean available,
                   String note) {
        static Measure unavailable(String label, String note) {
            return new Measure(label, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, note);
        }
    }

    private DirectoryBenchmark(TestEnvironment env, PgSettings pg, long seed, int requests, int warmup, double maxBatchSeconds,
                               int organisationCount) {
        this.env = env;
        this.organisationCount = organisationCount;
        this.people = new java.util.SplittableRandom(seed);
        this.pg = pg;
        this.random = new Random(seed);
        this.requests = requests;
        this.warmup = warmup;
        this.maxBatchSeconds = maxBatchSeconds;
    }

    public static void main(String[] args) throws Exception {
        Path keycloakHome = Path.of(args.length > 0 ? args[0] : System.getProperty("bench.keycloakHome", "server/target/keycloak-26.7.4"))
                .toAbsolutePath().normalize();
        Path realmConfig = Path.of(System.getProperty("bench.realmConfig", "realm-config")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("bench.workDir", "bench/target/directory-bench-work")).toAbsolutePath().normalize();
        PgSettings pg = new PgSettings(System.getProperty("bench.pg.host", "127.0.0.1"), Integer.getInteger("bench.pg.port", 5432),
                System.getProperty("bench.pg.database", "school_bench"), System.getProperty("bench.pg.user", "school_bench"),
                System.getProperty("bench.pg.password", "school_bench"));
        boolean setup = Boolean.parseBoolean(System.getProperty("bench.pg.setup", "true"));
        int small = Integer.getInteger("bench.smallUsers", 1000);
        int large = Integer.getInteger("bench.users", 200_000);
        int requests = Integer.getInteger("bench.requests", 200);
        int warmup = Integer.getInteger("bench.warmup", 150);
        double maxBatchSeconds = Double.parseDouble(System.getProperty("bench.maxBatchSeconds", "20"));
        int organisationCount = Integer.getInteger("bench.organisations", 100);
        long seed = Long.getLong("bench.seed", 26_7_4L);
        long started = System.nanoTime();

        out("school-esia directory benchmark: lookups over a big realm on PostgreSQL");
        out("  Machine: nproc=" + Runtime.getRuntime().availableProcessors() + ", load average " + loadAverage());
        out("  Keycloak home: " + keycloakHome + "; work dir: " + workDir);
        out("  PostgreSQL: " + pg.jdbcUrl() + " (user " + pg.user() + ")" + (setup ? ", database recreated" : ", as found"));
        if (setup) {
            preparePostgres(pg);
        }
        if (Files.exists(workDir)) {
            deleteTree(workDir);
        }
        Files.createDirectories(workDir);
        List<String> dbOptions = List.of("--db=postgres", "--db-url=" + pg.jdbcUrl(), "--db-username=" + pg.user(),
                "--db-password=" + pg.password());
        out("  Starting Keycloak (start-dev " + String.join(" ", dbOptions.subList(0, 2)) + " …; log " + workDir.resolve("keycloak/keycloak.log") + ") …");
        long startAt = System.nanoTime();
        System.setErr(new java.io.PrintStream(Files.newOutputStream(workDir.resolve("emulator.log")), true, StandardCharsets.UTF_8));
        try (TestEnvironment env = TestEnvironment.start(keycloakHome, realmConfig, workDir,
                List.of("--spi-school-snils--default--key=" + SNILS_KEY), dbOptions)) {
            out(f("  ready with the demo realm in %.0f s", (System.nanoTime() - startAt) / 1e9));
            DirectoryBenchmark bench = new DirectoryBenchmark(env, pg, seed, requests, warmup, maxBatchSeconds, organisationCount);
            bench.prepare();

            bench.loadUpTo(small);
            bench.warmUp();
            Map<String, Measure> atSmall = bench.measureAll();
            bench.loadUpTo(large);
            bench.warmUpBriefly();
            Map<String, Measure> atLarge = bench.measureAll();
            report(small, large, atSmall, atLarge, organisationCount);
        }
        out(f("  total %.0f s; load average at the end %s", (System.nanoTime() - started) / 1e9, loadAverage()));
    }

    // --- setup -----------------------------------------------------------------------------

    /** Debian's cluster: start it if down, then a fresh database owned by the bench role. Needs root (runs psql as postgres). */
    private static void preparePostgres(PgSettings pg) throws IOException, InterruptedException {
        DebianPostgres.recreateDatabase(pg.port(), pg.database(), pg.user(), pg.password(), DirectoryBenchmark::out);
    }

    /** Realm id, the organisations' membership groups, a client to log the staff member in with a password. */
    private void prepare() throws Exception {
        realmId = env.admin().get("/realms/" + REALM).get("id").asText();
        importOrganisations();
        organisationGroups = new LinkedHashMap<>();
        try (Connection c = db(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select alias, group_id from org where realm_id = '" + realmId + "'")) {
            while (rs.next()) {
                organisationGroups.put(rs.getString(1), rs.getString(2));
            }
        }
        if (!organisationGroups.containsKey(STAFF_ORGANISATION)) {
            throw new IllegalStateException("the demo realm lacks " + STAFF_ORGANISATION + ": " + organisationGroups.keySet());
        }
        organisations = List.copyOf(organisationGroups.keySet());
        out(f("  %d organisations share the loaded accounts at random (the staff member's %s gets about 1/%d of them)",
                organisations.size(), STAFF_ORGANISATION, organisations.size()));
        // The staff API takes only tokens meant for it (audience school-staff-api), as the ITs' StaffApi client has.
        env.admin().post("/realms/" + REALM + "/clients", Map.of("clientId", STAFF_CLIENT, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "protocolMappers", List.of(Map.of("name", "staff api audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.custom.audience", "school-staff-api",
                                "access.token.claim", "true", "id.token.claim", "false")))));
    }

    /** A region's directory through our own import endpoint, so the accounts spread over as many organisations as a region has. */
    private void importOrganisations() throws Exception {
        int existing = env.admin().get("/realms/" + REALM + "/organizations?max=1000").size();
        List<Map<String, Object>> directory = new ArrayList<>();
        for (int i = 1; i <= organisationCount - existing; i++) {
            directory.add(Map.of("alias", f("bench-sosh-%03d", i), "name", f("МБОУ СОШ № %d (бенчмарк)", i),
                    "fullName", f("Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № %d", i),
                    "type", "school", "region", "Сахалинская обл", "municipality", "Городской округ Бенчмарк", "settlement", "Бенчмарк, г.",
                    "timeZone", "Asia/Sakhalin", "classes", List.of("1А", "5А", "9А")));
        }
        if (directory.isEmpty()) {
            return;
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(env.keycloak().baseUrl() + "/admin/realms/" + REALM
                        + "/school/organizations/import")).header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(directory))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("organisation import: " + response.statusCode() + " " + abbreviate(response.body()));
        }
        out("  imported " + directory.size() + " organisations through /school/organizations/import: " + response.body());
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    // --- loading by SQL --------------------------------------------------------------------

    /**
     * Adds accounts up to {@code total}: USER_ENTITY, USER_ATTRIBUTE, organisation membership and our SCHOOL_SNILS and
     * SCHOOL_MEMBER (what MemberIndex would write), by COPY.
     */
    private void loadUpTo(int total) throws Exception {
        if (total <= loaded) {
            return;
        }
        long t0 = System.nanoTime();
        long now = System.currentTimeMillis();
        StringBuilder users = new StringBuilder();
        StringBuilder attributes = new StringBuilder();
        StringBuilder members = new StringBuilder();
        StringBuilder snils = new StringBuilder();
        StringBuilder memberIndex = new StringBuilder();
        Map<String, String> organisationIds = new LinkedHashMap<>();
        try (Connection c = db()) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select alias, id from org where realm_id = '" + realmId + "'")) {
                while (rs.next()) {
                    organisationIds.put(rs.getString(1), rs.getString(2));
                }
            }
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int i = loaded; i < total; i++) {
                String id = userId(i);
                String org = organisations.get(people.nextInt(organisations.size()));
                String role = people.nextBoolean() ? "student" : "parent";
                String last = SURNAMES.get(people.nextInt(SURNAMES.size()));
                if (people.nextBoolean()) {
                    last = last + "а"; // every surname in the list takes -а for women
                }
                String first = FIRST_NAMES.get(people.nextInt(FIRST_NAMES.size()));
                users.append(id).append(",,").append(id).append(",false,true,").append(first).append(',').append(last).append(',')
                        .append(realmId).append(",bench.user.").append(i).append(',').append(now).append(",0\n");
                attribute(attributes, i, 0, "snils", snils(i), id);
                attribute(attributes, i, 1, "schoolRole", role, id);
                attribute(attributes, i, 2, "homeOrganization", org, id);
                members.append(organisationGroups.get(org)).append(',').append(id).append(",UNMANAGED\n");
                // Issue 14: our index holds the SNILS's keyed hash, under the key this run gives Keycloak.
                snils.append(id).append(',').append(realmId).append(',').append(KeyedHash.hex(SNILS_KEY.getBytes(StandardCharsets.UTF_8), KeyedHash.SNILS, realmId, snils(i))).append('\n');
                memberIndex.append(organisationIds.get(org)).append(',').append(id).append(',').append(realmId).append(',').append(role)
                        .append(',').append(last.toLowerCase(java.util.Locale.ROOT).replace('ё', 'е')).append(',').append(last)
                        .append(',').append(first).append('\n');
                if ((i + 1) % 20_000 == 0 || i + 1 == total) {
                    copy.copyIn("COPY user_entity (id, email, email_constraint, email_verified, enabled, first_name, last_name, realm_id,"
                            + " username, created_timestamp, not_before) FROM STDIN WITH (FORMAT csv)", new StringReader(users.toString()));
                    copy.copyIn("COPY user_attribute (id, name, value, user_id) FROM STDIN WITH (FORMAT csv)", new StringReader(attributes.toString()));
                    copy.copyIn("COPY user_group_membership (group_id, user_id, membership_type) FROM STDIN WITH (FORMAT csv)",
                            new StringReader(members.toString()));
                    copy.copyIn("COPY school_snils (user_id, realm_id, snils_hash) FROM STDIN WITH (FORMAT csv)", new StringReader(snils.toString()));
                    copy.copyIn("COPY school_member (org_id, user_id, realm_id, role, surname_key, last_name, first_name) FROM STDIN WITH (FORMAT csv)",
                            new StringReader(memberIndex.toString()));
                    users.setLength(0);
                    attributes.setLength(0);
                    members.setLength(0);
                    snils.setLength(0);
                    memberIndex.setLength(0);
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                // What autovacuum would do soon after a bulk load; without it the planner guesses from empty-table statistics.
                s.execute("ANALYZE user_entity; ANALYZE user_attribute; ANALYZE user_group_membership; ANALYZE school_snils; ANALYZE school_member");
            }
        }
        out(f("  loaded %,d accounts by SQL (COPY, %,d rows) in %.1f s; realm now has %,d users", total - loaded,
                (total - loaded) * 7L, (System.nanoTime() - t0) / 1e9, env.admin().userCount(REALM)));
        loaded = total;
    }

    private static void attribute(StringBuilder out, int user, int n, String name, String value, String userId) {
        out.append(ATTR_ID_PREFIX).append(String.format("%09d%03d", user, n)).append(',').append(name).append(',').append(value)
                .append(',').append(userId).append('\n');
    }

    private static String userId(int i) {
        return USER_ID_PREFIX + String.format("%012d", i);
    }

    /** A distinct valid SNILS per account (numbers above 001-001-998, Pension Fund checksum). */
    static String snils(int i) {
        String nine = String.format("%09d", 200_000_000 + i * 3L);
        int sum = 0;
        for (int k = 0; k < 9; k++) {
            sum += (nine.charAt(k) - '0') * (9 - k);
        }
        int check = sum < 100 ? sum : (sum == 100 || sum == 101) ? 0 : (sum % 101 == 100 ? 0 : sum % 101);
        return nine + String.format("%02d", check);
    }

    // --- measuring -------------------------------------------------------------------------

    private static final String BY_SNILS = "by-snils (ours)";
    private static final String STOCK_Q = "stock users?q=snils:";
    private static final String STAFF = "staff people (ours)";
    private static final String STOCK_SEARCH = "stock users?search=Ив";
    /** The SNILS key of this run's Keycloak, so the rows loaded by SQL hash as Keycloak does (issue 14). */
    private static final String SNILS_KEY = "directory-benchmark SNILS key, not a secret";
    private static final String PAGE_1 = "people p1 (ours)";
    private static final String DEEP_OFFSET = "people deep first=";
    private static final String DEEP_CURSOR = "people deep after=";
    /** Issue 14: the deep page compared with the first: page 100, or the last when the list is shorter. */
    private static final int DEEP_PAGE = 100;

    private void warmUp() throws Exception {
        out(f("  warm-up at %,d users (not counted): %d requests per endpoint …", loaded, warmup));
        measureAll(warmup);
    }

    private void warmUpBriefly() throws Exception {
        out(f("  warm-up at %,d users (not counted): %d requests per endpoint …", loaded, Math.max(10, warmup / 10)));
        measureAll(Math.max(10, warmup / 10));
    }

    private Map<String, Measure> measureAll() throws Exception {
        out(f("  measuring at %,d users …", loaded));
        return measureAll(requests);
    }

    private Map<String, Measure> measureAll(int n) throws Exception {
        Map<String, Measure> m = new LinkedHashMap<>();
        String adminToken = adminToken();
        m.put(BY_SNILS, batch(BY_SNILS, n, adminToken, i -> "/admin/realms/" + REALM + "/school/users/by-snils/" + snils(randomUser()),
                body -> body.isArray() && body.size() == 1 && body.get(0).get("username").asText().startsWith("bench.user.")));
        adminToken = adminToken();
        m.put(STOCK_Q, batch(STOCK_Q, n, adminToken, i -> "/admin/realms/" + REALM + "/users?briefRepresentation=true&q="
                        + URLEncoder.encode("snils:" + snils(randomUser()), StandardCharsets.UTF_8),
                body -> body.isArray() && body.size() == 1));
        String staffToken = staffToken();
        if (staffToken == null) {
            m.put(STAFF, Measure.unavailable(STAFF, "staff member cannot log in"));
        } else {
            String path = "/realms/" + REALM + "/school/staff/people?role=student&surname=" + URLEncoder.encode(SURNAME_PREFIX, StandardCharsets.UTF_8) + "&max=50";
            HttpResponse<String> probe = get(path, staffToken);
            if (probe.statusCode() == 404 || probe.statusCode() == 405) {
                m.put(STAFF, Measure.unavailable(STAFF, "not available (HTTP " + probe.statusCode() + ")"));
            } else {
                m.put(STAFF, batch(STAFF, n, staffToken, i -> path, body -> body.has("items") && body.get("items").size() > 0));
                deepPages(m, n, staffToken);
            }
        }
        adminToken = adminToken();
        m.put(STOCK_SEARCH, batch(STOCK_SEARCH, n, adminToken, i -> "/admin/realms/" + REALM + "/users?briefRepresentation=true&max=50&search="
                + URLEncoder.encode(SURNAME_PREFIX, StandardCharsets.UTF_8), body -> body.isArray() && body.size() == 50));
        return m;
    }

    /**
     * Issue 14, keyset paging: the unfiltered student list's first page against its page 100 (or its last) asked by
     * offset ({@code first=}, the rows before are read and skipped) and by cursor ({@code after=}, the "next" of the
     * page before, found once by walking the pages).
     */
    private void deepPages(Map<String, Measure> m, int n, String staffToken) throws Exception {
        String list = "/realms/" + REALM + "/school/staff/people?role=student&max=50";
        JsonNode first = JSON.readTree(get(list, staffToken).body());
        int pages = (int) Math.min(DEEP_PAGE, Math.max(1, (first.get("total").asLong() + 49) / 50));
        String cursor = null;
        JsonNode page = first;
        for (int p = 1; p < pages; p++) {
            if (page.path("next").isNull() || page.path("next").isMissingNode()) {
                m.put(DEEP_CURSOR, Measure.unavailable(DEEP_CURSOR, "no next cursor (distribution before issue 14?)"));
                break;
            }
            cursor = page.get("next").asText();
            page = JSON.readTree(get(list + "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8), staffToken).body());
        }
        out(f("    (deep page = page %d of the %,d students of %s)", pages, first.get("total").asLong(), STAFF_USER));
        m.put(PAGE_1, batch(PAGE_1, n, staffToken, i -> list, body -> body.get("items").size() > 0));
        m.put(DEEP_OFFSET, batch(DEEP_OFFSET, n, staffToken, i -> list + "&first=" + (pages - 1) * 50, body -> body.get("items").size() > 0));
        if (!m.containsKey(DEEP_CURSOR)) {
            String after = cursor;
            m.put(DEEP_CURSOR, after == null ? batch(DEEP_CURSOR, n, staffToken, i -> list, body -> body.get("items").size() > 0)
                    : batch(DEEP_CURSOR, n, staffToken, i -> list + "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8),
                            body -> body.get("items").size() > 0));
        }
    }

    private int randomUser() {
        return random.nextInt(loaded);
    }

    /** Sequential requests; stops early when {@code maxBatchSeconds} are spent (slow stock searches), but after at least 10. */
    private Measure batch(String label, int n, String token, IntFunction<String> paths, java.util.function.Predicate<JsonNode> check)
            throws Exception {
        List<Double> millis = new ArrayList<>(n);
        long batchStart = System.nanoTime();
        Duration cpuBefore = env.keycloak().cpuTime();
        long dbBefore = postgresTicks();
        for (int i = 0; i < n; i++) {
            String path = paths.apply(i);
            long t0 = System.nanoTime();
            HttpResponse<String> response = get(path, token);
            millis.add((System.nanoTime() - t0) / 1e6);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(label + ": GET " + path + " → " + response.statusCode() + " " + response.body());
            }
            if (i == 0 && !check.test(JSON.readTree(response.body()))) {
                throw new IllegalStateException(label + ": unexpected answer to GET " + path + ": " + abbreviate(response.body()));
            }
            if (i + 1 >= 10 && (System.nanoTime() - batchStart) / 1e9 > maxBatchSeconds) {
                break;
            }
        }
        double cpu = (double) env.keycloak().cpuTime().minus(cpuBefore).toMillis() / millis.size();
        double dbCpu = (postgresTicks() - dbBefore) * 10.0 / millis.size();
        return new Measure(label, millis.size(), Stats.median(millis), percentile(millis, 0.95), cpu, dbCpu, true, "");
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(env.keycloak().baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String adminToken() throws Exception {
        return token("master", "admin-cli", KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
    }

    private String staffToken() throws Exception {
        try {
            return token(REALM, STAFF_CLIENT, STAFF_USER, STAFF_PASSWORD);
        } catch (IllegalStateException e) {
            out("  (staff login failed: " + e.getMessage() + ")");
            return null;
        }
    }

    private String token(String realm, String client, String user, String password) throws Exception {
        String form = "grant_type=password&client_id=" + client + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(env.keycloak().realmUrl(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token for " + user + ": " + response.statusCode() + " " + abbreviate(response.body()));
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    // --- report ----------------------------------------------------------------------------

    private static void report(int small, int large, Map<String, Measure> a, Map<String, Measure> b, int organisationCount) {
        out("");
        out("Results: sequential requests; wall ms per request (median, p95); CPU-ms per request of the Keycloak JVM (KC) and of");
        out("all PostgreSQL processes (PG), /proc deltas over the batch divided by its requests (10 ms ticks):");
        String size1 = f("%,d users", small);
        String size2 = f("%,d users", large);
        out(f("  %-22s | %-33s | %-33s | %s", "", size1, size2, "200k/1k"));
        out(f("  %-22s | %5s %6s %6s %6s %6s | %5s %6s %6s %6s %6s | %s", "endpoint", "n", "median", "p95", "KC", "PG", "n", "median",
                "p95", "KC", "PG", "median"));
        out("  " + "-".repeat(22) + "-+-" + "-".repeat(33) + "-+-" + "-".repeat(33) + "-+--------");
        for (String key : a.keySet()) {
            Measure x = a.get(key);
            Measure y = b.get(key);
            if (!x.available() || !y.available()) {
                out(f("  %-22s | %s", key, x.available() ? y.note() : x.note()));
                continue;
            }
            out(f("  %-22s | %5d %6.1f %6.1f %6.1f %6.1f | %5d %6.1f %6.1f %6.1f %6.1f | %5.2fx", key, x.n(), x.median(), x.p95(),
                    x.cpuPerRequest(), x.dbCpuPerRequest(), y.n(), y.median(), y.p95(), y.cpuPerRequest(), y.dbCpuPerRequest(),
                    y.median() / x.median()));
        }
        out("");
        Measure ours = b.get(BY_SNILS);
        Measure oursSmall = a.get(BY_SNILS);
        Measure stockQ = b.get(STOCK_Q);
        double growth = ours.median() / oursSmall.median();
        out(f("  SNILS lookup through our index: %.2fx the 1k median at %,d users (goal <= 2x: %s);", growth, large,
                growth <= 2 ? "met" : "NOT met"));
        out(f("    Keycloak's own q=snils: at %,d users takes %.1f ms median, %.0fx our lookup.", large, stockQ.median(),
                stockQ.median() / ours.median()));
        Measure staff = b.get(STAFF);
        Measure stock = b.get(STOCK_SEARCH);
        if (staff.available()) {
            double ratio = stock.median() / staff.median();
            out(f("  Staff list vs stock search at %,d users: stock median / staff median = %.2fx (goal >= 1.0x: %s).", large, ratio,
                    ratio >= 1.0 ? "met" : "NOT met"));
            out(f("    The staff list answers for the staff member's school (about 1/%d of the accounts), students only, surname", organisationCount));
            out("    prefix, sorted, with the total; stock searches names, usernames and e-mails of the whole realm, no total.");
        } else {
            out("  Staff list: " + staff.note() + " — no ratio in this run.");
        }
        Measure p1 = b.get(PAGE_1);
        Measure offset = b.get(DEEP_OFFSET);
        Measure cursor = b.get(DEEP_CURSOR);
        if (p1 != null && offset != null && cursor != null && p1.available() && offset.available() && cursor.available()) {
            out(f("  Deep page vs page 1 at %,d users (KC+PG CPU-ms, median ms): page 1 %.1f+%.1f, %.1f; by offset %.1f+%.1f, %.1f (%.2fx);"
                            + " by cursor %.1f+%.1f, %.1f (%.2fx).", large, p1.cpuPerRequest(), p1.dbCpuPerRequest(), p1.median(),
                    offset.cpuPerRequest(), offset.dbCpuPerRequest(), offset.median(), offset.median() / p1.median(),
                    cursor.cpuPerRequest(), cursor.dbCpuPerRequest(), cursor.median(), cursor.median() / p1.median()));
        }
    }

    // --- small helpers ---------------------------------------------------------------------

    /** CPU ticks (10 ms) of every PostgreSQL process on this machine: the server's share of a request. */
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

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
