// Over 400 lines: a hand-run benchmark whose fast setup (rows written by JDBC into Keycloak's H2 file) lives beside its report.
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
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.schoolesia.testkit.AdminClient;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakServer;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 12: a parent's children lookup ({@code family/FamilyLinks}, the SCHOOL_FAMILY_LINK table)
 * at 1 000 accounts and at 200 000 accounts / 100 000 links, printed next to stock Keycloak's
 * {@code GET /admin/realms/{r}/users/{id}} on the same server. Goal: ours at 200 k ≤ 2× ours at 1 k,
 * per call. Accounts and links go in by JDBC into Keycloak's own H2 file while Keycloak is stopped,
 * so the setup takes a minute, not an hour of admin calls. Prints figures, asserts nothing.
 */
public final class FamilyLookupBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM = DemoRealm.NAME;
    private static final String CLIENT_ID = "bench-family";
    private static final String CLIENT_SECRET = "bench-family-secret";
    private static final String PASSWORD = "Demo-pass-1";
    /** Its password hash is copied to the parents that sign in (no Argon2 work in the setup). */
    private static final String DONOR = "ivanova.maria";
    private static final String PARENT_PREFIX = "c0000000-0000-4000-8000-";
    private static final String CHILD_PREFIX = "d0000000-0000-4000-8000-";
    private static final double GOAL = 2.0;

    private final Path keycloakHome;
    private final Path realmConfig;
    private final Path workDir;
    private final int small = Integer.getInteger("bench.smallAccounts", 1000);
    private final int large = Integer.getInteger("bench.accounts", 200_000);
    private final int largeLinks = Integer.getInteger("bench.links", 100_000);
    private final int signedIn = Integer.getInteger("bench.parents", 40);
    private final int calls = Integer.getInteger("bench.calls", 600);
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final int warmup = Integer.getInteger("bench.warmup", 300);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final SplittableRandom random = new SplittableRandom(Long.getLong("bench.seed", 1214L));

    private String realmId;
    private String donorId;
    private KeycloakServer server;
    private int loadedParents;

    private FamilyLookupBenchmark(Path keycloakHome, Path realmConfig, Path workDir) {
        this.keycloakHome = keycloakHome;
        this.realmConfig = realmConfig;
        this.workDir = workDir;
    }

    /** Per call: wall time in the bench JVM, Keycloak CPU over the batch divided by its calls. */
    record Figures(String endpoint, int calls, double medianMs, double p95Ms, double keycloakCpuMs) {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : System.getProperty("bench.keycloakHome", "server/target/keycloak-26.7.4"))
                .toAbsolutePath().normalize();
        Path realmConfig = Path.of(System.getProperty("bench.realmConfig", "realm-config")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("bench.workDir", "bench/target/family-bench-work")).toAbsolutePath().normalize();
        FamilyLookupBenchmark bench = new FamilyLookupBenchmark(home, realmConfig, workDir);
        long started = System.nanoTime();
        out("school-esia family lookup benchmark (issue 12)");
        out(f("  ours: GET /realms/%s/school/me/sections/child-access as a parent (the parent's linked children through FamilyLinks,", REALM));
        out("  each child's login and age) and GET …/school/me/children/{id}/login (one link by the pair's unique key);");
        out(f("  stock: GET /admin/realms/%s/users/{id} of a random loaded account (master admin token). Sequential, one client.", REALM));
        out(f("  Sizes: %,d accounts (%,d links), then %,d accounts (%,d links); %d signed-in parents; %d rounds x %d calls per endpoint.",
                bench.small, bench.small / 2, bench.large, bench.largeLinks, bench.signedIn, bench.rounds, bench.calls));
        out("  Machine: nproc=" + Runtime.getRuntime().availableProcessors() + ", load average " + loadAverage()
                + ". Compare within this run only.");
        if (Files.exists(workDir)) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(workDir);
        PrintStream err = System.err;
        System.setErr(new PrintStream(Files.newOutputStream(workDir.resolve("emulator.log")), true, StandardCharsets.UTF_8));
        try {
            List<Figures> smallFigures = bench.size(bench.small, bench.small / 2);
            List<Figures> largeFigures = bench.size(bench.large, bench.largeLinks);
            bench.report(smallFigures, largeFigures);
        } finally {
            bench.stop();
            System.setErr(err);
        }
        out(f("Total run time %.0f s.", (System.nanoTime() - started) / 1e9));
        System.exit(0);
    }

    /** Loads up to {@code accounts} accounts (half parents, half pupils) and {@code links} links, starts Keycloak, measures. */
    private List<Figures> size(int accounts, int links) throws Exception {
        if (realmId == null) {
            out("");
            out("1. Keycloak with the demo realm (Liquibase creates our tables) …");
            try (TestEnvironment env = TestEnvironment.start(keycloakHome, realmConfig, workDir, List.of())) {
                prepare(env.admin());
            }
            awaitKeycloakGone();
        }
        out("");
        out(f("2. Loading by JDBC up to %,d accounts and %,d links (Keycloak stopped) …", accounts, links));
        long t0 = System.nanoTime();
        load(accounts / 2, links);
        out(f("   loaded in %.1f s", (System.nanoTime() - t0) / 1e9));
        out("3. Keycloak on that database …");
        long t1 = System.nanoTime();
        server = KeycloakServer.start(keycloakHome, workDir.resolve("keycloak"),
                List.of("--vault=file", "--vault-dir=" + workDir.resolve("vault").toAbsolutePath()));
        out(f("   ready in %.0f s; %s users in the realm", (System.nanoTime() - t1) / 1e9,
                get("/admin/realms/" + REALM + "/users/count", adminToken()).body()));
        List<Figures> figures = measure(accounts);
        stop();
        awaitKeycloakGone();
        Files.move(workDir.resolve("keycloak/keycloak.log"), workDir.resolve("keycloak/keycloak-" + accounts + ".log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return figures;
    }

    private void prepare(AdminClient admin) {
        realmId = admin.get("/realms/" + REALM).get("id").asText();
        donorId = admin.get("/realms/" + REALM + "/users?exact=true&username=" + enc(DONOR)).get(0).get("id").asText();
        admin.post("/realms/" + REALM + "/clients", Map.of("clientId", CLIENT_ID, "enabled", true, "publicClient", false,
                "secret", CLIENT_SECRET, "directAccessGrantsEnabled", true, "standardFlowEnabled", false, "protocol", "openid-connect",
                "attributes", Map.of("access.token.lifespan", "3600"),
                "protocolMappers", List.of(Map.of("name", "personal api audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.custom.audience", "school-personal-api",
                                "access.token.claim", "true", "id.token.claim", "false")))));
        admin.put("/realms/master", Map.of("accessTokenLifespan", 3600));
        out("   realm " + realmId + "; client " + CLIENT_ID + " (direct grants, audience school-personal-api)");
    }

    // --- loading ---------------------------------------------------------------------------------

    /** Parents and pupils {@code loadedParents … families-1}; a link parent i → pupil i for i below {@code links}. */
    private void load(int families, int links) throws Exception {
        try (Connection c = h2()) {
            c.setAutoCommit(false);
            LocalDate pupilBorn = LocalDate.now().minusYears(9);
            long now = System.currentTimeMillis();
            try (PreparedStatement user = c.prepareStatement("insert into USER_ENTITY (ID, EMAIL, EMAIL_CONSTRAINT, EMAIL_VERIFIED, ENABLED,"
                    + " FIRST_NAME, LAST_NAME, REALM_ID, USERNAME, CREATED_TIMESTAMP, NOT_BEFORE) values (?,?,?,?,?,?,?,?,?,?,0)");
                 PreparedStatement attribute = c.prepareStatement("insert into USER_ATTRIBUTE (ID, NAME, VALUE, USER_ID) values (?,?,?,?)");
                 PreparedStatement link = c.prepareStatement("insert into SCHOOL_FAMILY_LINK (ID, REALM_ID, PARENT_ID, CHILD_ID, KIND, SOURCE,"
                         + " CREATED_BY, CREATED_AT, REVOKED_AT, REVOKED_BY) values (?,?,?,?,'parent','staff',null,?,0,null)")) {
                for (int i = loadedParents; i < families; i++) {
                    addUser(user, parentId(i), f("bench.parent.%06d", i), "Ольга", "Родителева", now);
                    addUser(user, childId(i), f("bench.pupil.%06d", i), "Миша", "Ученик", now);
                    addAttribute(attribute, "1" + parentId(i).substring(1), "schoolRole", "parent", parentId(i));
                    addAttribute(attribute, "2" + childId(i).substring(1), "schoolRole", "student", childId(i));
                    addAttribute(attribute, "3" + childId(i).substring(1), "birthdate", pupilBorn.minusDays(i % 300).toString(), childId(i));
                    if (i < links) {
                        link.setString(1, "e" + parentId(i).substring(1));
                        link.setString(2, realmId);
                        link.setString(3, parentId(i));
                        link.setString(4, childId(i));
                        link.setLong(5, now);
                        link.addBatch();
                    }
                    if ((i + 1) % 2000 == 0 || i + 1 == families) {
                        user.executeBatch();
                        attribute.executeBatch();
                        link.executeBatch();
                    }
                }
            }
            if (loadedParents == 0) {
                copyPassword(c, Math.min(signedIn, families));
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            loadedParents = families;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from SCHOOL_FAMILY_LINK")) {
                rs.next();
                out(f("   %,d families (parent, pupil born %s or a little earlier), %,d links in SCHOOL_FAMILY_LINK", families, pupilBorn,
                        rs.getLong(1)));
            }
        }
    }

    private void addUser(PreparedStatement p, String id, String username, String first, String last, long now) throws SQLException {
        p.setString(1, id);
        p.setString(2, username + "@bench.example");
        p.setString(3, username + "@bench.example");
        p.setBoolean(4, false);
        p.setBoolean(5, true);
        p.setString(6, first);
        p.setString(7, last);
        p.setString(8, realmId);
        p.setString(9, username);
        p.setLong(10, now);
        p.addBatch();
    }

    private static void addAttribute(PreparedStatement p, String id, String name, String value, String userId) throws SQLException {
        p.setString(1, id);
        p.setString(2, name);
        p.setString(3, value);
        p.setString(4, userId);
        p.addBatch();
    }

    /** The donor's password row, column for column, for the parents that sign in: same hash, new id and owner. */
    private void copyPassword(Connection c, int parents) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("select * from CREDENTIAL where USER_ID = ? and TYPE = 'password'")) {
            p.setString(1, donorId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException(DONOR + " has no password");
                }
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rs.getObject(i));
                }
            }
        }
        String columns = String.join(", ", row.keySet());
        String marks = String.join(", ", row.keySet().stream().map(k -> "?").toList());
        try (PreparedStatement p = c.prepareStatement("insert into CREDENTIAL (" + columns + ") values (" + marks + ")")) {
            for (int i = 0; i < parents; i++) {
                int n = 1;
                for (Map.Entry<String, Object> e : row.entrySet()) {
                    Object value = switch (e.getKey().toUpperCase(java.util.Locale.ROOT)) {
                        case "ID" -> "f" + parentId(i).substring(1);
                        case "USER_ID" -> parentId(i);
                        default -> e.getValue();
                    };
                    p.setObject(n++, value);
                }
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private Connection h2() throws Exception {
        Path jar;
        try (Stream<Path> jars = Files.list(keycloakHome.resolve("lib/lib/main"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("com\\.h2database\\.h2-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no H2 jar in " + keycloakHome));
        }
        @SuppressWarnings("resource") // lives as long as the bench
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Driver driver = (Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
        Properties credentials = new Properties();
        // The testkit passes only --db-url: H2 created the file with no user name and no password.
        credentials.setProperty("user", "");
        credentials.setProperty("password", "");
        return driver.connect("jdbc:h2:file:" + workDir.resolve("keycloak/db/keycloakdb").toAbsolutePath() + ";NON_KEYWORDS=VALUE", credentials);
    }

    // --- measuring -------------------------------------------------------------------------------

    private List<Figures> measure(int accounts) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < signedIn; i++) {
            tokens.add(parentToken(f("bench.parent.%06d", i)));
        }
        String admin = adminToken();
        check(tokens.get(0));
        String[] names = {"ours: section child-access", "ours: one child's login", "stock: GET admin user"};
        List<List<Double>> wall = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long[] cpu = new long[3];
        int[] count = new int[3];
        for (int i = 0; i < warmup; i++) {
            for (int e = 0; e < 3; e++) {
                call(e, tokens, admin, accounts);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int e = 0; e < 3; e++) {
                long before = server.cpuTime().toMillis();
                for (int i = 0; i < calls; i++) {
                    wall.get(e).add(call(e, tokens, admin, accounts));
                }
                cpu[e] += server.cpuTime().toMillis() - before;
                count[e] += calls;
            }
        }
        List<Figures> figures = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            figures.add(new Figures(names[e], count[e], Stats.median(wall.get(e)), percentile(wall.get(e), 0.95), (double) cpu[e] / count[e]));
        }
        out(f("   at %,d accounts:", accounts));
        figures.forEach(x -> out(f("     %-28s %6d calls  median %6.2f ms  p95 %6.2f ms  Keycloak CPU %5.2f ms/call", x.endpoint(), x.calls(),
                x.medianMs(), x.p95Ms(), x.keycloakCpuMs())));
        return figures;
    }

    /** One call of endpoint e: a random signed-in parent (and their child), or a random loaded account for stock. */
    private double call(int e, List<String> tokens, String admin, int accounts) throws Exception {
        int parent = random.nextInt(tokens.size());
        String path = switch (e) {
            case 0 -> "/realms/" + REALM + "/school/me/sections/child-access";
            case 1 -> "/realms/" + REALM + "/school/me/children/" + childId(parent) + "/login";
            default -> "/admin/realms/" + REALM + "/users/" + (random.nextBoolean() ? parentId(random.nextInt(accounts / 2))
                    : childId(random.nextInt(accounts / 2)));
        };
        long t0 = System.nanoTime();
        HttpResponse<String> r = get(path, e == 2 ? admin : tokens.get(parent));
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
        }
        return ms;
    }

    /** The answers are what they should be before anything is timed. */
    private void check(String token) throws Exception {
        JsonNode section = JSON.readTree(get("/realms/" + REALM + "/school/me/sections/child-access", token).body());
        JsonNode items = section.get("data").get("items");
        if (items.size() != 1 || !childId(0).equals(items.get(0).get("childId").asText()) || !"allowed".equals(items.get(0).get("state").asText())) {
            throw new IllegalStateException("unexpected section: " + section);
        }
        out("   checked: bench.parent.000000's section lists bench.pupil.000000, state allowed");
    }

    private void report(List<Figures> small, List<Figures> large) {
        out("");
        out(f("Per call, %,d accounts vs %,d accounts (ratio large / small; goal for ours ≤ %.1f×):", this.small, this.large, GOAL));
        for (int e = 0; e < small.size(); e++) {
            Figures s = small.get(e);
            Figures l = large.get(e);
            out(f("  %-28s median %6.2f → %6.2f ms (%.2f×)   Keycloak CPU %5.2f → %5.2f ms (%.2f×)%s", s.endpoint(), s.medianMs(),
                    l.medianMs(), l.medianMs() / s.medianMs(), s.keycloakCpuMs(), l.keycloakCpuMs(), l.keycloakCpuMs() / s.keycloakCpuMs(),
                    e < 2 ? (l.medianMs() / s.medianMs() <= GOAL ? "  goal met" : "  goal NOT met") : ""));
        }
        Figures stock = large.get(2);
        out(f("  at %,d accounts, ours next to stock GET user: section %.2f×, one child %.2f× (median), %.2f× / %.2f× (Keycloak CPU)",
                this.large, large.get(0).medianMs() / stock.medianMs(), large.get(1).medianMs() / stock.medianMs(),
                large.get(0).keycloakCpuMs() / stock.keycloakCpuMs(), large.get(1).keycloakCpuMs() / stock.keycloakCpuMs()));
    }

    // --- HTTP ------------------------------------------------------------------------------------

    private String parentToken(String username) throws Exception {
        return token(REALM, "grant_type=password&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET + "&username=" + enc(username)
                + "&password=" + enc(PASSWORD));
    }

    private String adminToken() throws Exception {
        return token("master", "grant_type=password&client_id=admin-cli&username=" + enc(KeycloakServer.ADMIN_USER) + "&password="
                + enc(KeycloakServer.ADMIN_PASSWORD));
    }

    private String token(String realm, String form) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static void awaitKeycloakGone() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (ProcessHandle.current().descendants().anyMatch(p -> p.info().command().orElse("").endsWith("/java"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Keycloak still running 60 s after it was told to stop");
            }
            Thread.sleep(200);
        }
    }

    static String parentId(int i) {
        return PARENT_PREFIX + f("%012d", i);
    }

    static String childId(int i) {
        return CHILD_PREFIX + f("%012d", i);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static void out(String line) {
        System.out.println(line);
    }
}
