package org.schoolesia.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Two Keycloak nodes on one PostgreSQL, started by the repository's {@code production/cluster.sh}
 * (each node is {@code production/run.sh}: optimised build, {@code start --optimized}, Keycloak's own
 * clustering over JDBC_PING) on free loopback ports. {@link #start()} returns once the script says
 * both nodes see the two-member cluster view. A node can be killed with SIGKILL ({@link #kill}); the
 * whole cluster stopped and started again on the same ports and database ({@link #restart()}).
 * In front of both runs a {@link LoadBalancer}: the nodes' {@code KC_HOSTNAME}, what tests talk to
 * ({@link #server()}), routing to node A until told otherwise.
 */
public final class KeycloakCluster implements AutoCloseable {

    private static final String READY = "Cluster ready.";

    /** One node: its ports and its folder (the script's {@code SCHOOL_CLUSTER_DIR/node-a|b}). */
    public record Node(String name, int httpPort, int managementPort, int clusterPort, Path dir) {

        public String baseUrl() {
            return "http://127.0.0.1:" + httpPort;
        }

        public Path log() {
            return dir.resolve("keycloak.log");
        }

        /** The node itself, past the balancer, as a {@link KeycloakServer}: URLs and log; it keeps running when that is closed. */
        public KeycloakServer server() {
            return KeycloakServer.attached(httpPort, managementPort, log());
        }

        /** Whether the node's current log shows Infinispan's view with {@code members} members. */
        public boolean seesMembers(int members) {
            try {
                return Files.readAllLines(log(), StandardCharsets.UTF_8).stream()
                        .anyMatch(l -> l.matches(".*ISPN00009[34]: .*\\(" + members + "\\).*"));
            } catch (IOException e) {
                return false;
            }
        }
    }

    private final ProcessBuilder builder;
    private final Path output;
    private final Node a;
    private final Node b;
    private final LoadBalancer balancer;
    private volatile Process process;
    private boolean hooked;

    private KeycloakCluster(ProcessBuilder builder, Path output, Node a, Node b, LoadBalancer balancer) {
        this.balancer = balancer;
        this.builder = builder;
        this.output = output;
        this.a = a;
        this.b = b;
    }

    /**
     * Prepares (does not start) the cluster of {@code distribution} (stock Keycloak + our jars) under
     * {@code workDir}, its vault in {@code vault}; {@code extraOptions} go to {@code kc.sh start} of both nodes.
     */
    public static KeycloakCluster of(Path repositoryRoot, Path distribution, Path workDir, Path vault, List<String> extraOptions)
            throws IOException {
        Path script = repositoryRoot.resolve("production/cluster.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("No production/cluster.sh under " + repositoryRoot);
        }
        Files.createDirectories(workDir);
        Node a = new Node("a", KeycloakServer.freePort(), KeycloakServer.freePort(), KeycloakServer.freePort(), workDir.resolve("node-a"));
        Node b = new Node("b", KeycloakServer.freePort(), KeycloakServer.freePort(), KeycloakServer.freePort(), workDir.resolve("node-b"));
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(extraOptions);
        Path output = workDir.resolve("cluster.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repositoryRoot.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("SCHOOL_CLUSTER_DIR", workDir.toAbsolutePath().toString());
        env.put("SCHOOL_PROD_MAVEN", "0");
        env.put("SCHOOL_PROD_REALM", "none");
        env.put("KC_DIST", distribution.toAbsolutePath().toString());
        env.put("KC_VAULT_DIR", vault.toAbsolutePath().toString());
        env.put("PG_PORT", String.valueOf(KeycloakServer.freePort()));
        for (Node node : List.of(a, b)) {
            String prefix = "NODE_" + node.name().toUpperCase(java.util.Locale.ROOT) + "_";
            env.put(prefix + "HTTP_PORT", String.valueOf(node.httpPort()));
            env.put(prefix + "MANAGEMENT_PORT", String.valueOf(node.managementPort()));
            env.put(prefix + "CLUSTER_PORT", String.valueOf(node.clusterPort()));
        }
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", KeycloakServer.ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        // Two servers and the tests on a shared 2-core machine.
        env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx768m");
        LoadBalancer balancer = LoadBalancer.start(0);
        balancer.routeTo(a.httpPort());
        env.put("KC_HOSTNAME", balancer.baseUrl());
        return new KeycloakCluster(builder, output, a, b, balancer);
    }

    /** Runs the script; returns when both nodes are ready and see each other (its «Cluster ready.»). */
    public synchronized void start() throws IOException, InterruptedException {
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        long from = Files.exists(output) ? Files.size(output) : 0;
        process = builder.start();
        if (!hooked) {
            // Never leave servers behind, even when the test JVM is killed or a run aborts.
            Runtime.getRuntime().addShutdownHook(new Thread(this::close));
            hooked = true;
        }
        Duration timeout = Duration.ofSeconds(Long.getLong("keycloak.startTimeoutSeconds", 900));
        Instant deadline = Instant.now().plus(timeout);
        while (!said(from, READY)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("production/cluster.sh ended with " + process.exitValue() + ":\n" + tail(from));
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("no two-node cluster within " + timeout.toSeconds() + " s:\n" + tail(from));
            }
            Thread.sleep(500);
        }
    }

    /** The cluster as clients see it: the balancer's URL; node A's management port and log. */
    public KeycloakServer server() {
        return KeycloakServer.attached(balancer.port(), a.managementPort(), a.log());
    }

    public LoadBalancer balancer() {
        return balancer;
    }

    /** The balancer sends every request from now on to {@code node}. */
    public void routeTo(Node node) {
        balancer.routeTo(node.httpPort());
    }

    public Node a() {
        return a;
    }

    public Node b() {
        return b;
    }

    /** {@code kill -9} of the node's JVM: no shutdown, no goodbye to the cluster. */
    public void kill(Node node) throws InterruptedException {
        ProcessHandle jvm = jvmOf(node).orElseThrow(() -> new IllegalStateException("no JVM of node " + node.name()));
        jvm.destroyForcibly();
        try {
            jvm.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("node " + node.name() + " survived SIGKILL", e);
        }
    }

    /** Whether the node's JVM runs. */
    public boolean isRunning(Node node) {
        return jvmOf(node).isPresent();
    }

    private Optional<ProcessHandle> jvmOf(Node node) {
        Process current = process;
        if (current == null) {
            return Optional.empty();
        }
        String marker = node.dir().toAbsolutePath() + "/keycloak/";
        return current.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(marker)).orElse(false))
                .findFirst();
    }

    /** Stops both nodes gracefully (the script's SIGTERM) and starts the cluster again: same ports, same database. */
    public synchronized void restart() throws IOException, InterruptedException {
        stop();
        for (Node node : List.of(a, b)) {
            KeycloakServer.awaitPortFree(node.httpPort());
            KeycloakServer.awaitPortFree(node.managementPort());
            KeycloakServer.awaitPortFree(node.clusterPort());
        }
        start();
    }

    private void stop() throws InterruptedException {
        Process current = process;
        if (current == null) {
            return;
        }
        List<ProcessHandle> children = current.toHandle().descendants().toList();
        current.destroy();
        if (!current.waitFor(120, TimeUnit.SECONDS)) {
            current.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                child.destroyForcibly();
            }
        }
        process = null;
    }

    private boolean said(long from, String line) throws IOException {
        return Files.exists(output) && since(from).lines().anyMatch(line::equals);
    }

    /** The script's output of this start ({@code from}: the file's size in bytes before it). */
    private String since(long from) throws IOException {
        byte[] all = Files.readAllBytes(output);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
    }

    private String tail(long from) {
        try {
            String text = since(from);
            return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            balancer.close();
        }
    }
}
