package org.schoolesia.bench;

import static org.schoolesia.bench.Stats.f;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 13: the certificates API against stock Keycloak in one run. A relying client asks
 * {@code GET /realms/{r}/school/certificates/eligibility} for the demo parent with two children
 * (two verdicts, her links, the children's accounts and certificates), and a service account with
 * {@code view-users} asks the stock {@code GET /admin/realms/{r}/users/{id}} for the same parent;
 * both with bearer tokens, the same number of client threads, timed rounds alternating which goes
 * first. Goal: eligibility throughput ≥ 1.0× the stock read. {@code ./mvnw -q -pl bench exec:java@eligibility}.
 */
public final class EligibilityBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double GOAL = 1.0;
    private static final String SECRET = "bench-secret";

    private final TestEnvironment env;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private EligibilityBenchmark(TestEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        Path keycloakHome = Path.of(args.length > 0 ? args[0] : System.getProperty("bench.keycloakHome", "server/target/keycloak-26.7.4"))
                .toAbsolutePath().normalize();
        Path realmConfig = Path.of(System.getProperty("bench.realmConfig", "realm-config")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("bench.workDir", "bench/target/bench-work")).toAbsolutePath().normalize();
        int rounds = Integer.getInteger("bench.rounds", 6);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int threads = Integer.getInteger("bench.threads", 4);
        int warmup = Integer.getInteger("bench.warmupSeconds", 30);
        List<String> options = Stream.of(System.getProperty("bench.keycloakOptions", LoginBenchmark.DEV_KEYCLOAK_OPTIONS).split("\\s+"))
                .filter(s -> !s.isBlank()).toList();
        System.out.println("Eligibility vs stock user read (issue 13): " + keycloakHome + ", nproc=" + Runtime.getRuntime().availableProcessors());
        try (TestEnvironment env = TestEnvironment.start(keycloakHome, realmConfig, workDir, options)) {
            new EligibilityBenchmark(env).run(rounds, seconds, threads, warmup);
        }
    }

    private void run(int rounds, int seconds, int threads, int warmup) throws Exception {
        RealmResource realm = env.realmAdmin().realm();
        RealmRepresentation settings = realm.toRepresentation();
        // Tokens that outlive the run, and a rate limit the bench does not reach (the limit's own cost stays in).
        settings.setAccessTokenLifespan(3600);
        Map<String, String> attributes = new HashMap<>(settings.getAttributes() == null ? Map.of() : settings.getAttributes());
        attributes.put("schoolCertificateRateLimit", "100000");
        settings.setAttributes(attributes);
        realm.update(settings);
        String parentId = env.realmAdmin().userId("ivanova.maria");
        String base = env.keycloak().realmUrl(DemoRealm.NAME);
        String adminBase = base.replace("/realms/" + DemoRealm.NAME, "/admin/realms/" + DemoRealm.NAME);
        String eligibilityUrl = base + "/school/certificates/eligibility";
        String userUrl = adminBase + "/users/" + parentId;
        String relyingToken = relyingToken();
        String adminToken = serviceAccountToken();
        check(eligibilityUrl, relyingToken);
        check(userUrl, adminToken);

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Unmeasured, in turns: both paths compiled by the JIT before the first round.
            for (int w = 0; w < warmup; w += 5) {
                throughput(pool, threads, 5, eligibilityUrl, relyingToken);
                throughput(pool, threads, 5, userUrl, adminToken);
            }
            List<Double> ours = new ArrayList<>();
            List<Double> stock = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                // Alternate which side goes first, so a drift in the machine's load favours neither.
                double a = r % 2 == 0 ? throughput(pool, threads, seconds, eligibilityUrl, relyingToken) : Double.NaN;
                double b = throughput(pool, threads, seconds, userUrl, adminToken);
                a = Double.isNaN(a) ? throughput(pool, threads, seconds, eligibilityUrl, relyingToken) : a;
                ours.add(a);
                stock.add(b);
                ratios.add(a / b);
                System.out.println(f("  round %d: eligibility %.0f/s, stock user read %.0f/s: %.2fx", r + 1, a, b, a / b));
            }
            double ratio = Stats.median(ratios);
            System.out.println(f("Median of %d rounds of %d s, %d client threads: eligibility (parent, two children) %.0f req/s,"
                    + " GET /admin/realms/{r}/users/{id} %.0f req/s: %.2fx (rounds %.2fx-%.2fx; goal >= %.1fx: %s)", rounds, seconds, threads,
                    Stats.median(ours), Stats.median(stock), ratio, Stats.min(ratios), Stats.max(ratios), GOAL, ratio >= GOAL ? "met" : "NOT met"));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Requests per second that {@code threads} callers get through in {@code seconds}; any answer but 200 stops the bench. */
    private double throughput(ExecutorService pool, int threads, int seconds, String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Future<Long>> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            callers.add(pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(url + " answered " + r.statusCode());
                    }
                    n++;
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> caller : callers) {
            total += caller.get();
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private void check(String url, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** The demo parent's access token of a direct-grant client with the certificates API's audience, as the demo diary's. */
    private String relyingToken() throws Exception {
        ClientRepresentation client = client("bench-eligibility");
        client.setDirectAccessGrantsEnabled(true);
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("certificates api audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.custom.audience", "school-certificates-api", "access.token.claim", "true"));
        client.setProtocolMappers(List.of(audience));
        env.realmAdmin().createClient(client);
        return token(Map.of("grant_type", "password", "client_id", client.getClientId(), "client_secret", SECRET,
                "username", "ivanova.maria", "password", "Demo-pass-1"));
    }

    /** A service account with realm-management's {@code view-users}: what a stock integration reading users has. */
    private String serviceAccountToken() throws Exception {
        ClientRepresentation client = client("bench-stock-reader");
        client.setServiceAccountsEnabled(true);
        env.realmAdmin().createClient(client);
        RealmResource realm = env.realmAdmin().realm();
        ClientResource management = env.realmAdmin().client("realm-management");
        String managementId = management.toRepresentation().getId();
        RoleRepresentation viewUsers = management.roles().get("view-users").toRepresentation();
        String account = env.realmAdmin().client(client.getClientId()).getServiceAccountUser().getId();
        realm.users().get(account).roles().clientLevel(managementId).add(List.of(viewUsers));
        return token(Map.of("grant_type", "client_credentials", "client_id", client.getClientId(), "client_secret", SECRET));
    }

    private static ClientRepresentation client(String clientId) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setSecret(SECRET);
        client.setStandardFlowEnabled(false);
        return client;
    }

    private String token(Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(env.keycloak().realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(form.get("client_id") + " token: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("access_token").asText();
    }
}
