package org.schoolesia.diary;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The demo school system of the run command (issue 13): a tiny "diary" on loopback that a newcomer
 * opens first. It is an ordinary OIDC relying system — discovery, authorization code with PKCE,
 * the ID token validated (signature against the realm's JWKS, iss, aud, exp, nonce) — and shows in
 * Russian who signed in, the school claims and the children ({@link DiaryPage}). Development only:
 * sessions live in memory, the client secret is the demo realm's published one.
 */
public final class DemoDiary implements AutoCloseable {

    /** Where Keycloak is and who the diary is there; {@code publicUrl} is this diary's own address (its callback is under it). */
    public record Settings(String issuer, String clientId, String clientSecret, String publicUrl) {
        String callback() {
            return publicUrl + "/callback";
        }
    }

    private record Pending(String sessionId, String nonce, String verifier) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COOKIE = "diary_session";

    private final Settings settings;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, DiaryPage.SignedIn> signedIn = new ConcurrentHashMap<>();
    private volatile JsonNode discovery;
    private volatile JWKSource<SecurityContext> keys;

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
        } catch (Exception e) {
            System.err.println("[demo-diary] " + exchange.getRequestURI().getPath() + ": " + e);
            send(exchange, 502, DiaryPage.problem("Вход не удался: " + e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    private void login(HttpExchange exchange) throws Exception {
        String session = sessionId(exchange, true);
        String state = random();
        Pending login = new Pending(session, random(), random() + random());
        pending.put(state, login);
        redirect(exchange, discovery().get("authorization_endpoint").asText() + "?client_id=" + enc(settings.clientId())
                + "&response_type=code&scope=openid&redirect_uri=" + enc(settings.callback()) + "&state=" + state + "&nonce=" + login.nonce()
                + "&code_challenge=" + challenge(login.verifier()) + "&code_challenge_method=S256");
    }

    private void callback(HttpExchange exchange) throws Exception {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Pending login = query.get("state") == null ? null : pending.remove(query.get("state"));
        if (login == null || !login.sessionId().equals(sessionId(exchange, false))) {
            send(exchange, 400, DiaryPage.problem("Ссылка входа устарела или открыта в другом браузере. Войдите заново."));
            return;
        }
        if (query.get("code") == null) {
            send(exchange, 400, DiaryPage.problem("Вход отменен: " + query.getOrDefault("error", "нет кода")));
            return;
        }
        JsonNode tokens = token(query.get("code"), login.verifier());
        String idToken = tokens.get("id_token").asText();
        JWTClaimsSet claims = validated(idToken, login.nonce());
        signedIn.put(login.sessionId(), new DiaryPage.SignedIn(JSON.readTree(claims.toString()), idToken));
        redirect(exchange, settings.publicUrl() + "/");
    }

    private void logout(HttpExchange exchange) throws Exception {
        DiaryPage.SignedIn who = signedIn.remove(sessionId(exchange, false));
        if (who == null) {
            redirect(exchange, settings.publicUrl() + "/");
            return;
        }
        redirect(exchange, discovery().get("end_session_endpoint").asText() + "?client_id=" + enc(settings.clientId())
                + "&id_token_hint=" + who.idToken() + "&post_logout_redirect_uri=" + enc(settings.publicUrl() + "/"));
    }

    /** Full ID-token validation: signature (JWKS), iss, aud, exp, iat, sub, nonce. */
    private JWTClaimsSet validated(String idToken, String nonce) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(settings.clientId(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).claim("nonce", nonce).build(), Set.of("sub", "iat", "exp")));
        return processor.process(idToken, null);
    }

    private JsonNode token(String code, String verifier) throws IOException, InterruptedException {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", settings.callback());
        form.put("code_verifier", verifier);
        form.put("client_id", settings.clientId());
        form.put("client_secret", settings.clientSecret());
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(enc(v)));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(discovery().get("token_endpoint").asText()))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** Discovery, read when first needed (Keycloak may start after the diary). */
    private JsonNode discovery() throws IOException, InterruptedException {
        if (discovery == null) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(settings.issuer() + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("discovery answered " + response.statusCode() + " (is Keycloak running?)");
            }
            JsonNode read = JSON.readTree(response.body());
            if (!settings.issuer().equals(read.get("issuer").asText())) {
                throw new IOException("discovery names another issuer: " + read.get("issuer").asText());
            }
            discovery = read;
        }
        return discovery;
    }

    private JWKSource<SecurityContext> keys() throws Exception {
        if (keys == null) {
            keys = JWKSourceBuilder.create(URI.create(discovery().get("jwks_uri").asText()).toURL()).build();
        }
        return keys;
    }

    private String sessionId(HttpExchange exchange, boolean create) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
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
        String id = random();
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

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String challenge(String verifier) throws NoSuchAlgorithmException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
