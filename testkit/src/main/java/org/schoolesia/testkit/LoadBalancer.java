package org.schoolesia.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The load balancer in front of a {@link KeycloakCluster}, as far as tests need one: an HTTP reverse
 * proxy on a free loopback port that forwards every request, cookies and all, to the node it is
 * told to ({@link #routeTo}), as a balancer does after its health check drops a node. Both nodes
 * have its URL as their {@code KC_HOSTNAME}, so pages, redirects and tokens name it, not a node.
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
    private volatile int target;
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
    public void routeTo(int httpPort) {
        target = httpPort;
    }

    public int target() {
        return target;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = URI.create("http://127.0.0.1:" + target + exchange.getRequestURI().toString());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException unreachable) {
                // What a balancer answers when its node is gone.
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

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
