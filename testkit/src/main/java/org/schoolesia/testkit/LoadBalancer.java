package org.schoolesia.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The load balancer in front of a {@link KeycloakCluster}, as far as tests need one: an HTTP reverse
 * proxy on a free loopback port that forwards every request, cookies and all, to the node it is
 * told to ({@link #routeTo}), as a balancer does after its health check drops a node. Both nodes
 * have its URL as their {@code KC_HOSTNAME}, so pages, redirects and tokens name it, not a node.
 * For load runs it can instead {@link #spread} requests over several nodes (round robin, no
 * stickiness: Keycloak's sessions are the cluster's); a node that cannot be reached is dropped, as a
 * health check would, and every answer names the node's port in {@value #NODE_HEADER}.
 */
public final class LoadBalancer implements AutoCloseable {

    /** Hop-by-hop headers and those the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "load-balancer");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /** Response header naming the HTTP port of the node that answered (or failed: then status 502). */
    public static final String NODE_HEADER = "X-Balancer-Node";

    private volatile int target;
    /** Nodes still in rotation when spreading; empty when routing to {@link #target}. */
    private final List<Integer> spread = new CopyOnWriteArrayList<>();
    private final AtomicLong turn = new AtomicLong();
    private boolean closed;

    private LoadBalancer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::forward);
        server.setExecutor(threads);
    }

    /** A balancer on {@code port} (0: a free one), not yet routing anywhere. */
    public static LoadBalancer start(int port) throws IOException {
        LoadBalancer balancer = new LoadBalancer(port);
        balancer.server.start();
        return balancer;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** From now on every request goes to the node listening on {@code httpPort}. */
    public synchronized void routeTo(int httpPort) {
        spread.clear();
        target = httpPort;
    }

    /** From now on requests take turns over the nodes on {@code httpPorts}, leaving out a node once it fails to answer. */
    public synchronized void spread(List<Integer> httpPorts) {
        spread.clear();
        spread.addAll(httpPorts);
    }

    /** The nodes still in rotation (spreading), or the one routed to. */
    public List<Integer> live() {
        return spread.isEmpty() ? List.of(target) : List.copyOf(spread);
    }

    private int next() {
        List<Integer> nodes = List.copyOf(spread);
        return nodes.isEmpty() ? target : nodes.get((int) (turn.getAndIncrement() % nodes.size()));
    }

    /** A health check's verdict: the node leaves the rotation (never the last one). */
    private synchronized void drop(int node) {
        if (spread.size() > 1) {
            spread.remove(Integer.valueOf(node));
        }
    }

    public int target() {
        return target;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int node = next();
            HttpResponse<byte[]> response;
            try {
                try {
                    response = client.send(request(exchange, node, body), HttpResponse.BodyHandlers.ofByteArray());
                } catch (ConnectException refused) {
                    // Never reached the node: a balancer drops it and sends the request to another.
                    drop(node);
                    int other = next();
                    if (other == node) {
                        throw refused;
                    }
                    node = other;
                    response = client.send(request(exchange, node, body), HttpResponse.BodyHandlers.ofByteArray());
                }
            } catch (IOException unreachable) {
                // What a balancer answers when its node is gone mid-request.
                drop(node);
                exchange.getResponseHeaders().set(NODE_HEADER, String.valueOf(node));
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT)) && !header.getKey().startsWith(":")) {
                    exchange.getResponseHeaders().put(header.getKey(), header.getValue());
                }
            }
            exchange.getResponseHeaders().set(NODE_HEADER, String.valueOf(node));
            byte[] answer = response.body();
            boolean empty = answer.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private static HttpRequest request(HttpExchange exchange, int node, byte[] body) {
        URI uri = URI.create("http://127.0.0.1:" + node + exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return request.build();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
