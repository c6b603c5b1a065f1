package org.schoolesia.diary;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The demo school system of the run command (issue 13): a tiny "diary" on loopback that a newcomer
 * opens first. It is an ordinary OIDC relying system ({@link OidcClient}: discovery, authorization
 * code with PKCE, the ID token validated) and shows in Russian who signed in, the school claims and
 * the children, and the certificates API's eligibility answer with its reasons per child ({@link DiaryPage}). Development only: sessions live in memory, the client secret is
 * the demo realm's published one.
 */
public final class DemoDiary implements AutoCloseable {

    /** Where Keycloak is and who the diary is there; {@code publicUrl} is this diary's own address (its callback is under it). */
    public record Settings(String issuer, String clientId, String clientSecret, String publicUrl) {
        String callback() {
            return publicUrl + "/callback";
        }
    }

    private record Pending(String sessionId, OidcClient.Start login) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COOKIE = "diary_session";

    private final Settings settings;
    private final HttpServer server;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, DiaryPage.SignedIn> signedIn = new ConcurrentHashMap<>();
    private volatile OidcClient oidc;

    private DemoDiary(Settings settings, HttpServer server) {
        this.settings = settings;
        this.server = server;
    }

    /** Starts on {@code 127.0.0.1:port} (0: any free port). */
    public static DemoDiary start(Settings settings, int port) throws IOException {
        DemoDiary diary = new DemoDiary(settings, HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
        diary.server.createContext("/", diary::handle);
        diary.server.start();
        return diary;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, DiaryPage.problem("Метод не поддерживается."));
            } else if ("/login".equals(path)) {
                login(exchange);
            } else if ("/callback".equals(path)) {
                callback(exchange);
            } else if ("/logout".equals(path)) {
                logout(exchange);
            } else if ("/".equals(path)) {
                DiaryPage.SignedIn who = signedIn.get(sessionId(exchange, false));
                send(exchange, 200, who == null ? DiaryPage.welcome() : DiaryPage.signedIn(who));
            } else {
                send(exchange, 404, DiaryPage.problem("Страница не найдена."));
            }
        } catch (ConnectException | HttpTimeoutException e) {
            System.err.println("[demo-diary] " + exchange.getRequestURI().getPath() + ": Keycloak unreachable: " + e);
            send(exchange, 502,
                    DiaryPage.problem("Школьный портал (Keycloak) недоступен. Подождите, пока он запустится, и попробуйте снова."));
        } catch (Exception e) {
            System.err.println("[demo-diary] " + exchange.getRequestURI().getPath() + ": " + e);
            send(exchange, 502, DiaryPage.problem("Вход не удался. Подробности в журнале дневника (.run/demo-diary.log)."));
        } finally {
            exchange.close();
        }
    }

    private void login(HttpExchange exchange) throws Exception {
        String session = sessionId(exchange, true);
        OidcClient.Start login = oidc().start(settings.callback(), "openid");
        pending.put(login.state(), new Pending(session, login));
        redirect(exchange, login.url());
    }

    private void callback(HttpExchange exchange) throws Exception {
        Map<String, String> query = OidcClient.parameters(exchange.getRequestURI().getRawQuery());
        Pending login = query.get("state") == null ? null : pending.remove(query.get("state"));
        if (login == null || !login.sessionId().equals(sessionId(exchange, false))) {
            send(exchange, 400, DiaryPage.problem("Ссылка входа устарела или открыта в другом браузере. Войдите заново."));
            return;
        }
        if (query.get("code") == null) {
            send(exchange, 400, DiaryPage.problem("Вход отменен: " + query.getOrDefault("error", "нет кода")));
            return;
        }
        JsonNode tokens = oidc().redeem(query.get("code"), settings.callback(), login.login().verifier());
        String idToken = tokens.get("id_token").asText();
        JWTClaimsSet claims = oidc().validate(idToken, login.login().nonce());
        signedIn.put(login.sessionId(), new DiaryPage.SignedIn(JSON.readTree(claims.toString()), idToken,
                eligibility(tokens.get("access_token").asText())));
        redirect(exchange, settings.publicUrl() + "/");
    }

    private void logout(HttpExchange exchange) throws Exception {
        DiaryPage.SignedIn who = signedIn.remove(sessionId(exchange, false));
        redirect(exchange, who == null ? settings.publicUrl() + "/" : oidc().logoutUrl(who.idToken(), settings.publicUrl() + "/"));
    }

    /** The certificates API's answer, or null when it refused or failed (the page says so; the login stands). */
    private JsonNode eligibility(String accessToken) throws IOException, InterruptedException {
        var response = oidc().certificateEligibility(accessToken);
        if (response.statusCode() != 200) {
            System.err.println("[demo-diary] certificate eligibility answered " + response.statusCode() + ": " + response.body());
            return null;
        }
        return JSON.readTree(response.body());
    }

    /** Discovery when first needed (Keycloak may start after the diary). */
    private OidcClient oidc() throws IOException, InterruptedException {
        if (oidc == null) {
            oidc = OidcClient.discover(settings.issuer(), settings.clientId(), settings.clientSecret());
        }
        return oidc;
    }

    private String sessionId(HttpExchange exchange, boolean create) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                String c = cookie.strip();
                if (c.startsWith(COOKIE + "=")) {
                    return c.substring(COOKIE.length() + 1);
                }
            }
        }
        if (!create) {
            return "";
        }
        String id = OidcClient.random();
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Lax");
        return id;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code java -jar demo-diary.jar [--issuer URL] [--port N]}: the demo realm's diary client on http://localhost:PORT. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int port = Integer.parseInt(options.getOrDefault("--port", "8082"));
        Settings settings = new Settings(options.getOrDefault("--issuer", "http://localhost:8080/realms/school-demo"),
                options.getOrDefault("--client-id", "school-diary"), options.getOrDefault("--client-secret", "school-diary-secret"),
                "http://localhost:" + port);
        start(settings, port);
        System.out.println("[demo-diary] http://localhost:" + port + "/ (relying system of " + settings.issuer() + ")");
    }
}
