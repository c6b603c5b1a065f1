package org.schoolesia.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Keycloak's admin REST API over plain HTTP, as the master realm's admin. */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private volatile HttpClient http = newHttpClient();
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    public AdminClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * After the server restarted: drops pooled connections to the old process and the admin token,
     * so the next call logs in again.
     */
    public synchronized void reconnect() {
        http = newHttpClient();
        token = null;
        tokenExpiry = Instant.EPOCH;
    }

    private static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public JsonNode get(String path) {
        return parse(send("GET", path, null, 200));
    }

    public String post(String path, Object body) {
        HttpResponse<String> response = sendRaw("POST", path, body);
        if (response.statusCode() != 201 && response.statusCode() != 204 && response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " → " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("Location").orElse(response.body());
    }

    public void put(String path, Object body) {
        send("PUT", path, body, 204);
    }

    public void delete(String path) {
        HttpResponse<String> response = sendRaw("DELETE", path, null);
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IllegalStateException("DELETE " + path + " → " + response.statusCode() + ": " + response.body());
        }
    }

    public HttpResponse<String> sendRaw(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin" + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token())
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String json = body instanceof String s ? s : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Imports a realm representation, replacing any realm of the same name. */
    public void importRealm(ObjectNode realm) {
        String name = realm.get("realm").asText();
        delete("/realms/" + name);
        post("/realms", realm);
    }

    /** Users of a realm matching a search (Keycloak's own search semantics). */
    public JsonNode users(String realm, String search) {
        return get("/realms/" + realm + "/users?briefRepresentation=false&max=100&search=" + URLEncoder.encode(search, StandardCharsets.UTF_8));
    }

    public int userCount(String realm) {
        return get("/realms/" + realm + "/users/count").asInt();
    }

    private String send(String method, String path, Object body, int expected) {
        HttpResponse<String> response = sendRaw(method, path, body);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isEmpty() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (Instant.now().isBefore(tokenExpiry)) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.ADMIN_USER + "&password=" + KeycloakServer.ADMIN_PASSWORD;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin login failed: " + response.statusCode() + " " + response.body());
        }
        JsonNode node = JSON.readTree(response.body());
        token = node.get("access_token").asText();
        tokenExpiry = Instant.now().plusSeconds(node.get("expires_in").asLong() - 10);
        return token;
    }
}
