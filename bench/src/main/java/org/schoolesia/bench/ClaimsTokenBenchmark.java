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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 13: what the school claims cost per token. Two confidential clients of the demo realm with
 * the demo diary's mappers — one without and one with the school mappers — issue tokens for
 * the same parent with two children (refresh grants: ID token and access token each time, no
 * password hashing to drown the difference); interleaved rounds, Keycloak CPU-ms per token from
 * /proc, the JIT compiler's share shown apart. Goal: ≤ 1.2× CPU per token with all school mappers.
 * {@code ./mvnw -q -pl bench exec:java@claims}.
 */
public final class ClaimsTokenBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double GOAL = 1.2;
    private static final List<String> SCHOOL_MAPPERS = List.of("school-role-claim", "school-organizations-claim", "school-children-claim",
            "school-over-14-claim", "school-esia-trust-claim", "school-certificates-claim");

    private record Side(String clientId, String refreshToken) {
    }

    private final TestEnvironment env;
    private final HttpClient http = HttpClient.newHttpClient();
    private final long keycloakPid;

    private ClaimsTokenBenchmark(TestEnvironment env) {
        this.env = env;
        this.keycloakPid = ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    public static void main(String[] args) throws Exception {
        Path keycloakHome = Path.of(args.length > 0 ? args[0] : System.getProperty("bench.keycloakHome", "server/target/keycloak-26.7.4"))
                .toAbsolutePath().normalize();
        Path realmConfig = Path.of(System.getProperty("bench.realmConfig", "realm-config")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("bench.workDir", "bench/target/bench-work")).toAbsolutePath().normalize();
        int rounds = Integer.getInteger("bench.rounds", 7);
        int perRound = Integer.getInteger("bench.tokensPerRound", 300);
        int warmup = Integer.getInteger("bench.warmupTokens", 3000);
        List<String> options = Stream.of(System.getProperty("bench.keycloakOptions", LoginBenchmark.DEV_KEYCLOAK_OPTIONS).split("\\s+"))
                .filter(s -> !s.isBlank()).toList();
        System.out.println("Claims per token (issue 13): " + keycloakHome + ", nproc=" + Runtime.getRuntime().availableProcessors());
        try (TestEnvironment env = TestEnvironment.start(keycloakHome, realmConfig, workDir, options)) {
            new ClaimsTokenBenchmark(env).run(rounds, perRound, warmup);
        }
    }

    private void run(int rounds, int perRound, int warmup) throws Exception {
        Side plain = side("bench-claims-plain", false);
        Side school = side("bench-claims-school", true);
        for (int i = 0; i < warmup; i++) {
            refresh(i % 2 == 0 ? plain : school);
        }
        List<Double> plainMs = new ArrayList<>();
        List<Double> schoolMs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> ratiosWithoutJit = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            // Alternate which side goes first, so a drift in the machine's load favours neither.
            double[] a = r % 2 == 0 ? batch(plain, perRound) : null;
            double[] b = batch(school, perRound);
            a = a == null ? batch(plain, perRound) : a;
            plainMs.add(a[0]);
            schoolMs.add(b[0]);
            ratios.add(b[0] / a[0]);
            ratiosWithoutJit.add(b[1] / a[1]);
            System.out.println(f("  round %d: CPU per token without school claims %.2f ms (%.2f without JIT), with %.2f ms (%.2f): %.2fx (%.2fx)",
                    r + 1, a[0], a[1], b[0], b[1], b[0] / a[0], b[1] / a[1]));
        }
        double ratio = Stats.median(ratios);
        System.out.println(f("Keycloak CPU per token (refresh grant: ID + access token), median of %d rounds of %d: without %.2f ms,"
                + " with the school mappers %.2f ms: %.2fx, %.2fx without the JIT compiler's share (goal <= %.1fx: %s)", rounds, perRound,
                Stats.median(plainMs), Stats.median(schoolMs), ratio, Stats.median(ratiosWithoutJit), GOAL, ratio <= GOAL ? "met" : "NOT met"));
    }

    /** CPU-ms per token: Keycloak's whole process, and without its JIT compiler threads. */
    private double[] batch(Side side, int n) throws Exception {
        var threads = ThreadCpu.snapshot(keycloakPid);
        long cpu0 = env.keycloak().cpuTime().toMillis();
        for (int i = 0; i < n; i++) {
            refresh(side);
        }
        long cpu = env.keycloak().cpuTime().toMillis() - cpu0;
        var split = ThreadCpu.delta(threads, ThreadCpu.snapshot(keycloakPid));
        return new double[] {(double) cpu / n, (cpu - split.getOrDefault(ThreadCpu.Group.JIT, 0L) / 1000.0) / n};
    }

    private void refresh(Side side) throws Exception {
        HttpResponse<String> r = post(Map.of("grant_type", "refresh_token", "refresh_token", side.refreshToken(), "client_id", side.clientId(),
                "client_secret", "bench-secret"));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(side.clientId() + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** A direct-grant client with the diary's own mappers, with or without the school's; a refresh token of the parent. */
    private Side side(String clientId, boolean schoolClaims) throws Exception {
        ClientRepresentation diary = env.realmAdmin().client(DemoRealm.CLIENT_ID).toRepresentation();
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setSecret("bench-secret");
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        List<ProtocolMapperRepresentation> mappers = new ArrayList<>();
        for (ProtocolMapperRepresentation m : diary.getProtocolMappers()) {
            if (schoolClaims || !SCHOOL_MAPPERS.contains(m.getProtocolMapper())) {
                ProtocolMapperRepresentation copy = new ProtocolMapperRepresentation();
                copy.setName(m.getName());
                copy.setProtocol(m.getProtocol());
                copy.setProtocolMapper(m.getProtocolMapper());
                copy.setConfig(new HashMap<>(m.getConfig()));
                mappers.add(copy);
            }
        }
        client.setProtocolMappers(mappers);
        env.realmAdmin().createClient(client);
        HttpResponse<String> r = post(Map.of("grant_type", "password", "client_id", clientId, "client_secret", "bench-secret",
                "username", "ivanova.maria", "password", "Demo-pass-1", "scope", "openid"));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(clientId + " password grant: " + r.statusCode() + " " + r.body());
        }
        System.out.println(f("  %s: %d mappers%s", clientId, mappers.size(), schoolClaims ? " (the school mappers included)" : ""));
        return new Side(clientId, JSON.readTree(r.body()).get("refresh_token").asText());
    }

    private HttpResponse<String> post(Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(env.keycloak().realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
