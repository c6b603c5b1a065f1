package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake ESIA (Госуслуги) for development and tests: ESIA's authorization, token, person and logout
 * endpoints, a plain-OIDC mode for stock Keycloak, and fault injection. Binds 127.0.0.1 only.
 */
public final class EsiaEmulator {
    static final long PENDING_LIFETIME_MS = TimeUnit.MINUTES.toMillis(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    enum Mode { V2, LEGACY, OIDC }

    /** An authorization request waiting for the user to pick a person; single use. */
    record Pending(Mode mode, String clientId, String redirectUri, String state, String scope, String scopeOrg,
                   boolean offline, String codeChallenge, String codeChallengeMethod, String nonce, long createdAt) {
    }

    /** An issued authorization code; single use. */
    record IssuedCode(Mode mode, String clientId, String redirectUri, String oid, String scope, String scopeOrg,
                      boolean offline, String codeChallenge, String codeChallengeMethod, String nonce,
                      long authTime, long expiresAt) {
    }

    /** What a refresh token stands for; rotated on each use. */
    record RefreshGrant(String clientId, String oid, String scope, long authTime) {
    }

    static {
        // The JDK server leaves Nagle's algorithm on and writes a response's headers and body apart: a
        // second call on a kept-alive connection then waited ~40 ms for the client's delayed ACK (a
        // returning login's wall time 150 ms instead of 105). ESIA answers without such pauses.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EmulatorConfig config;
    private final Faults faults = new Faults();
    /** The latest requests served ("GET /rs/prns/1?embed=…"), numbered, so tests can see what a relying party asked. */
    private final ConcurrentLinkedDeque<Served> served = new ConcurrentLinkedDeque<>();
    private final AtomicLong servedCount = new AtomicLong();
    private static final int SERVED_KEPT = 500;

    private record Served(long number, String request) {
    }
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    final Map<String, Pending> pending = new ConcurrentHashMap<>();
    final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final EsiaProtocol protocol;
    private final PersonApi personApi;
    private final OidcMode oidc;
    private volatile KeyPair foreignGostKey;
    private volatile KeyPair foreignRsaKey;

    private EsiaEmulator(EmulatorConfig config, int port) throws IOException {
        Crypto.init();
        this.config = config;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        this.protocol = new EsiaProtocol(this);
        this.personApi = new PersonApi(this);
        this.oidc = new OidcMode(this);
        this.executor = Executors.newFixedThreadPool(Math.max(16, Runtime.getRuntime().availableProcessors() * 4), r -> {
            Thread t = new Thread(r, "esia-emulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts the emulator on 127.0.0.1; port 0 picks a free port. */
    public static EsiaEmulator start(EmulatorConfig config, int port) {
        try {
            return new EsiaEmulator(config, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ESIA emulator on port " + port, e);
        }
    }

    /** "http://127.0.0.1:<port>". */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    public EmulatorConfig config() {
        return config;
    }

    /** How many requests were served so far: a mark for {@link #servedSince}. */
    public long servedCount() {
        return servedCount.get();
    }

    /** The requests served since {@code mark} (of the latest 500), oldest first: method, path and raw query. */
    public List<String> servedSince(long mark) {
        return served.stream().filter(s -> s.number() >= mark).map(Served::request).toList();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Crypto.b64url(b);
    }

    KeyPair foreignKey(boolean gost) {
        try {
            if (gost) {
                if (foreignGostKey == null) {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("ECGOST3410-2012", Crypto.BC);
                    g.initialize(new ECGenParameterSpec("Tc26-Gost-3410-12-256-paramSetA"));
                    foreignGostKey = g.generateKeyPair();
                }
                return foreignGostKey;
            }
            if (foreignRsaKey == null) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                foreignRsaKey = g.generateKeyPair();
            }
            return foreignRsaKey;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String pendingFor(Pending p) {
        purgeExpired();
        String id = java.util.UUID.randomUUID().toString();
        pending.put(id, p);
        return id;
    }

    void purgeExpired() {
        long now = System.currentTimeMillis();
        if (pending.size() > 1000) {
            pending.values().removeIf(p -> now - p.createdAt() > PENDING_LIFETIME_MS);
        }
        if (codes.size() > 1000) {
            codes.values().removeIf(c -> c.expiresAt() < now);
        }
    }

    private void handle(HttpExchange ex) {
        Call c = new Call(ex);
        // On arrival, so the journal keeps the order of the requests (a call answered late still comes first).
        String query = ex.getRequestURI().getRawQuery();
        served.add(new Served(servedCount.getAndIncrement(), c.method + " " + c.path + (query == null ? "" : "?" + query)));
        while (served.size() > SERVED_KEPT) {
            served.pollFirst();
        }
        try {
            route(c);
        } catch (Exception e) {
            c.outcome = "internal error: " + e;
            try {
                c.json(500, Jwt.JSON.createObjectNode().put("error", "server_error").put("error_description", "emulator failure"));
            } catch (IOException ignored) {
                // the client went away
            }
        } finally {
            System.err.println("[esia-emulator] " + c.method + " " + c.path + " -> " + c.status
                    + (c.outcome.isEmpty() ? "" : " " + c.outcome));
            ex.close();
        }
    }

    private void route(Call c) throws IOException {
        String p = c.path;
        boolean get = "GET".equals(c.method);
        boolean post = "POST".equals(c.method);
        if (p.equals("/aas/oauth2/v2/ac") && get) {
            protocol.authorize(c, Mode.V2);
        } else if (p.equals("/aas/oauth2/ac") && get) {
            protocol.authorize(c, Mode.LEGACY);
        } else if ((p.equals("/aas/oauth2/v2/ac/confirm") || p.equals("/aas/oauth2/ac/confirm") || p.equals("/oidc/auth/confirm")) && post) {
            protocol.confirm(c);
        } else if (p.equals("/aas/oauth2/v3/te") && post) {
            protocol.token(c, Mode.V2);
        } else if (p.equals("/aas/oauth2/te") && post) {
            protocol.token(c, Mode.LEGACY);
        } else if (p.equals("/idp/ext/Logout") && get) {
            protocol.logout(c);
        } else if (p.startsWith("/rs/prns/") && get) {
            personApi.handle(c);
        } else if (p.startsWith("/oidc/")) {
            oidc.handle(c);
        } else if (p.equals("/_emulator/faults")) {
            faultsAdmin(c);
        } else {
            c.outcome = "not found";
            c.json(404, Jwt.JSON.createObjectNode().put("error", "not_found"));
        }
    }

    private void faultsAdmin(Call c) throws IOException {
        switch (c.method) {
            case "POST" -> {
                JsonNode req;
                try {
                    req = Jwt.JSON.readTree(c.body());
                    Fault f = Fault.valueOf(req.path("fault").asText());
                    JsonNode arg = req.get("arg");
                    faults.arm(f, arg == null || arg.isNull() ? null : arg.asText());
                    c.outcome = "armed " + f;
                } catch (IOException | IllegalArgumentException e) {
                    c.outcome = "bad fault request";
                    c.json(400, Jwt.JSON.createObjectNode().put("error", "invalid_request")
                            .put("error_description", "expected {\"fault\":\"<Fault>\",\"arg\":null}"));
                    return;
                }
                c.json(200, faultsJson());
            }
            case "DELETE" -> {
                faults.reset();
                c.outcome = "faults reset";
                c.json(200, faultsJson());
            }
            case "GET" -> c.json(200, faultsJson());
            default -> c.json(405, Jwt.JSON.createObjectNode().put("error", "method_not_allowed"));
        }
    }

    private ObjectNode faultsJson() {
        ObjectNode armed = Jwt.JSON.createObjectNode();
        faults.snapshot().forEach((f, a) -> armed.put(f.name(), a));
        ObjectNode n = Jwt.JSON.createObjectNode();
        n.set("armed", armed);
        return n;
    }
}
