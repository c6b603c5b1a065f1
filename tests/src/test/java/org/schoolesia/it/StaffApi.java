package org.schoolesia.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The staff REST API as a staff page would call it: tokens from a throwaway confidential client
 * with direct grants (the demo's {@code school-staff} client is public and browser-only).
 */
final class StaffApi {

    static final String PASSWORD = "Demo-pass-1";
    static final String CLIENT_ID = "staff-api-it";
    static final String CLIENT_SECRET = "staff-api-it-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    private final TestEnvironment env;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new HashMap<>();

    /** What the demo's school-staff client has: tokens meant for the staff API. */
    static ProtocolMapperRepresentation audienceMapper() {
        return audienceMapper("staff api audience", "school-staff-api");
    }

    /** An audience mapper adding {@code audience} to access tokens. */
    static ProtocolMapperRepresentation audienceMapper(String name, String audience) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-audience-mapper");
        mapper.setConfig(Map.of("included.custom.audience", audience, "access.token.claim", "true", "id.token.claim", "false"));
        return mapper;
    }

    /** A confidential client with direct grants only, for tests that need tokens without a browser. */
    static ClientRepresentation directGrantClient(String clientId, String secret, ProtocolMapperRepresentation... mappers) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setSecret(secret);
        client.setDirectAccessGrantsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setProtocol("openid-connect");
        client.setProtocolMappers(java.util.List.of(mappers));
        return client;
    }

    StaffApi(TestEnvironment env) {
        this.env = env;
    }

    /** After {@code env.resetRealm()}: the test client exists only for the tests. */
    void createTestClient() {
        env.realmAdmin().createClient(directGrantClient(CLIENT_ID, CLIENT_SECRET, audienceMapper()));
        tokens.clear();
    }

    String base() {
        return env.keycloak().realmUrl(DemoRealm.NAME) + "/school/staff";
    }

    HttpResponse<String> passwordGrant(String username, String password) {
        String form = "grant_type=password&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                + "&username=" + enc(username) + "&password=" + enc(password);
        return send(HttpRequest.newBuilder(URI.create(env.keycloak().realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            HttpResponse<String> r = passwordGrant(u, PASSWORD);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token for " + u + ": " + r.statusCode() + " " + r.body());
            }
            return json(r.body()).get("access_token").asText();
        });
    }

    HttpResponse<String> get(String asUser, String path) {
        return send(request(asUser, path, "ru").GET());
    }

    HttpResponse<String> post(String asUser, String path, Object body) {
        return post(asUser, path, body, "ru");
    }

    HttpResponse<String> post(String asUser, String path, Object body, String language) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(request(asUser, path, language).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> postCsv(String asUser, byte[] csv) {
        return send(request(asUser, "/accounts/import", "ru").header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
    }

    /**
     * Any school REST call as a staff member: {@code url} absolute, {@code asUser} null for no token
     * (or a raw {@code "Bearer …"} header),
     * {@code body} null, a JSON string or an object written as JSON.
     */
    HttpResponse<String> call(String method, String asUser, String url, Object body, String language) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("Accept-Language", language);
        if (asUser != null) {
            b.header("Authorization", asUser.startsWith("Bearer ") ? asUser : "Bearer " + token(asUser));
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                String json = body instanceof String s ? s : JSON.writeValueAsString(body);
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return send(b);
    }

    /** {@code asUser} null: no token at all; starting with "Bearer ": that raw header. */
    private HttpRequest.Builder request(String asUser, String path, String language) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("Accept-Language", language);
        if (asUser != null) {
            b.header("Authorization", asUser.startsWith("Bearer ") ? asUser : "Bearer " + token(asUser));
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    /** The user's id by exact username, through the admin API. */
    String userId(String username) {
        return env.realmAdmin().userId(username);
    }

    JsonNode user(String username) {
        JsonNode users = env.admin().get("/realms/" + DemoRealm.NAME + "/users?exact=true&briefRepresentation=false&username=" + enc(username));
        return users.size() == 0 ? null : users.get(0);
    }

    int userCount() {
        return env.realmAdmin().userCount();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
