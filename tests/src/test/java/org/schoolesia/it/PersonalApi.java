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

import com.fasterxml.jackson.databind.JsonNode;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The personal API {@code /realms/school-demo/school/me} (issue 11) as the page calls it: tokens with
 * the audience {@code school-personal-api}, here from a throwaway confidential client with direct
 * grants (the demo's {@code school-personal} client is public and browser-only, PKCE).
 */
final class PersonalApi {

    static final String AUDIENCE = "school-personal-api";
    static final String CLIENT_ID = "personal-api-it";
    static final String CLIENT_SECRET = "personal-api-it-secret";

    private final TestEnvironment env;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    PersonalApi(TestEnvironment env) {
        this.env = env;
    }

    /** After {@code env.resetRealm()}: what the demo's school-personal client has, with direct grants for the tests. */
    void createTestClient() {
        env.realmAdmin().createClient(StaffApi.directGrantClient(CLIENT_ID, CLIENT_SECRET,
                StaffApi.audienceMapper("personal api audience", AUDIENCE)));
    }

    String url() {
        return env.keycloak().realmUrl(DemoRealm.NAME) + "/school/me";
    }

    /** A password grant of {@code clientId}; the access token. */
    String token(String clientId, String secret, String username) {
        String form = "grant_type=password&client_id=" + clientId + "&client_secret=" + secret
                + "&username=" + enc(username) + "&password=" + enc(StaffApi.PASSWORD);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(env.keycloak().realmUrl(DemoRealm.NAME)
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token for " + username + ": " + r.statusCode() + " " + r.body());
        }
        return StaffApi.json(r).get("access_token").asText();
    }

    String token(String username) {
        return token(CLIENT_ID, CLIENT_SECRET, username);
    }

    /** {@code GET /me} (or below it) with that token; null: none. */
    HttpResponse<String> get(String token, String path, String language) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("Accept-Language", language).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /** {@code GET /me} as {@code username}, answered 200; the body. */
    JsonNode me(String username) {
        HttpResponse<String> r = get(token(username), "", "ru");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /me as " + username + ": " + r.statusCode() + " " + r.body());
        }
        return StaffApi.json(r);
    }

    /** The section {@code id} of a {@code GET /me} answer. */
    static JsonNode section(JsonNode me, String id) {
        for (JsonNode s : me.get("sections")) {
            if (id.equals(s.get("id").asText())) {
                return s.get("data");
            }
        }
        throw new AssertionError("no section " + id + " in " + me);
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

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
