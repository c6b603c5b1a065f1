package org.schoolesia.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak server from the distribution assembled by the {@code server} module (stock
 * Keycloak plus our jars), started with {@code kc.sh start-dev} on free loopback ports.
 * One instance serves a whole test run; see {@link KeycloakExtension}. {@link #restart()} stops
 * it gracefully and starts it again with the same options, database and ports.
 * {@link #startProduction} starts it the production way instead, through {@code production/run.sh}.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private final ProcessBuilder builder;
    private final int httpPort;
    private final int managementPort;
    private final Path log;
    private volatile Process process;

    /** Set for a server started by {@code production/run.sh}: its own PostgreSQL cluster's folder. */
    private final Path localPostgres;

    private KeycloakServer(ProcessBuilder builder, int httpPort, int managementPort, Path log, Path localPostgres) {
        this.builder = builder;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.log = log;
        this.localPostgres = localPostgres;
    }

    /**
     * Starts Keycloak as production runs it, through the repository's {@code production/run.sh}: a copy
     * of {@code distribution} optimised by {@code kc.sh build} with {@code production/keycloak.conf},
     * then {@code kc.sh start --optimized} on a PostgreSQL cluster of its own under {@code workDir}
     * (Debian's packages; the script installs them when missing), all on free loopback ports.
     * {@code environment} adds to the script's environment (e.g. {@code SCHOOL_PROD_REALM},
     * {@code ESIA_*}, {@code KC_VAULT_DIR}); {@code extraOptions} go to {@code kc.sh start}.
     */
    public static KeycloakServer startProduction(Path repositoryRoot, Path distribution, Path workDir, Map<String, String> environment,
                                                 List<String> extraOptions) throws IOException, InterruptedException {
        Path script = repositoryRoot.resolve("production/run.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("No production/run.sh under " + repositoryRoot);
        }
        Files.createDirectories(workDir);
        int httpPort = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(extraOptions);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(repositoryRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("run.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SCHOOL_PROD_DIR", workDir.toAbsolutePath().toString());
        env.put("SCHOOL_PROD_MAVEN", "0");
        env.put("KC_DIST", distribution.toAbsolutePath().toString());
        env.put("KC_HTTP_PORT", String.valueOf(httpPort));
        env.put("KC_HTTP_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("KC_HOSTNAME", "http://127.0.0.1:" + httpPort);
        env.put("PG_PORT", String.valueOf(freePort()));
        env.put("KC_CACHE_EMBEDDED_NETWORK_BIND_PORT", String.valueOf(freePort()));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        env.putAll(environment);

        KeycloakServer server = new KeycloakServer(builder, httpPort, managementPort, workDir.resolve("keycloak.log"),
                workDir.resolve("postgres"));
        server.process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.awaitReady(startTimeout());
        return server;
    }

    /**
     * A server started by someone else (a node of {@link KeycloakCluster}), seen through its ports and
     * log: URLs, log reading and {@link #close()} (which leaves it running) work; {@link #restart()}
     * and {@link #cpuTime()} belong to whoever started it.
     */
    static KeycloakServer attached(int httpPort, int managementPort, Path log) {
        return new KeycloakServer(null, httpPort, managementPort, log, null);
    }

    /**
     * The pid of the PostgreSQL server (postmaster) this Keycloak runs on, when {@link #startProduction}
     * started one; its backends are its children.
     */
    public java.util.OptionalLong databasePid() {
        if (localPostgres == null) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(Long.parseLong(Files.readAllLines(localPostgres.resolve("data/postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** CPU time used so far by the database server and its backends, from /proc (empty without {@link #databasePid()}). */
    public Duration databaseCpuTime() {
        java.util.OptionalLong pid = databasePid();
        if (pid.isEmpty()) {
            return Duration.ZERO;
        }
        long ticks = ProcCpu.ticks(pid.getAsLong());
        for (ProcessHandle child : ProcessHandle.of(pid.getAsLong()).map(p -> p.descendants().toList()).orElse(List.of())) {
            ticks += ProcCpu.ticks(child.pid());
        }
        return Duration.ofMillis(ticks * 1000 / ProcCpu.TICKS_PER_SECOND);
    }

    /**
     * Starts Keycloak from {@code home} with its database and vault under {@code workDir}.
     * Extra options are passed to kc.sh as they are (e.g. {@code --spi-…}).
     */
    public static KeycloakServer start(Path home, Path workDir, List<String> extraOptions) throws IOException, InterruptedException {
        return start(home, workDir, extraOptions, List.of());
    }

    /**
     * As {@link #start(Path, Path, List)}, on the database {@code dbOptions} name (e.g.
     * {@code --db=postgres --db-url=… --db-username=… --db-password=…}) instead of the embedded H2
     * under {@code workDir}; an empty list keeps H2.
     */
    public static KeycloakServer start(Path home, Path workDir, List<String> extraOptions, List<String> dbOptions)
            throws IOException, InterruptedException {
        Path kcSh = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(kcSh)) {
            throw new IllegalStateException("No Keycloak distribution at " + home + ": build it first with ./mvnw -pl server -am package");
        }
        Files.createDirectories(workDir);
        int httpPort = freePort();
        int managementPort = freePort();
        Path log = workDir.resolve("keycloak.log");

        List<String> command = new ArrayList<>(List.of(kcSh.toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--hostname-strict=false",
                "--log-level=INFO,org.schoolesia:DEBUG"));
        if (dbOptions.isEmpty()) {
            command.add("--db-url=jdbc:h2:file:" + workDir.resolve("db/keycloakdb").toAbsolutePath() + ";NON_KEYWORDS=VALUE");
        } else {
            command.addAll(dbOptions);
        }
        command.addAll(extraOptions);

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");

        KeycloakServer server = new KeycloakServer(builder, httpPort, managementPort, log, null);
        server.process = builder.start();
        // Never leave a server behind, even when the test JVM is killed or a test run aborts.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.awaitReady(startTimeout());
        return server;
    }

    /**
     * Stops Keycloak gracefully (SIGTERM, as an operator would) and starts it again with the same
     * options, database and ports, appending to the same log; returns when it is ready again.
     * The realm is not imported again: what the database holds stays.
     */
    public synchronized void restart() throws IOException, InterruptedException {
        restart(() -> { });
    }

    /** What a test does to the stopped server's database (e.g. write rows as an older version wrote them). */
    @FunctionalInterface
    public interface WhileStopped {
        void run() throws Exception;
    }

    /** As {@link #restart()}, running {@code whileStopped} between the stop and the start. */
    public synchronized void restart(WhileStopped whileStopped) throws IOException, InterruptedException {
        if (builder == null) {
            throw new IllegalStateException("a node of a cluster restarts through KeycloakCluster");
        }
        stopGracefully(Duration.ofSeconds(90));
        awaitPortFree(httpPort);
        awaitPortFree(managementPort);
        try {
            whileStopped.run();
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        awaitReady(startTimeout());
    }

    private static Duration startTimeout() {
        return Duration.ofSeconds(Long.getLong("keycloak.startTimeoutSeconds", 240));
    }

    /** SIGTERM to kc.sh (which forwards it to the JVM), then waits; kills what is left after {@code timeout}. */
    private void stopGracefully(Duration timeout) throws InterruptedException {
        Process current = process;
        List<ProcessHandle> children = current.toHandle().descendants().toList();
        current.destroy();
        Instant deadline = Instant.now().plus(timeout);
        if (!current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            System.err.println("Keycloak did not stop within " + timeout.toSeconds() + " s of SIGTERM; killing it. Log:\n" + tail(40));
            current.destroyForcibly();
            current.waitFor(30, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            try {
                child.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                child.destroyForcibly();
            }
        }
    }

    static void awaitPortFree(int port) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
                return;
            } catch (IOException inUse) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("port " + port + " is still in use after Keycloak stopped");
                }
                Thread.sleep(200);
            }
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Process process = this.process;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " while starting:\n" + tail(60));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + timeout.toSeconds() + " s:\n" + tail(60));
    }

    /**
     * A connection to the H2 file of a start-dev server, through the distribution's own H2 driver
     * (the file's format is that version's); only while the server is stopped (H2 locks its file).
     */
    public java.sql.Connection openH2() throws IOException, java.sql.SQLException {
        String url = builder.command().stream().filter(a -> a.startsWith("--db-url=jdbc:h2:")).findFirst()
                .map(a -> a.substring("--db-url=".length()))
                .orElseThrow(() -> new IllegalStateException("this server does not run on an H2 file"));
        Path jar;
        try (Stream<Path> jars = Files.list(builder.directory().toPath().resolve("lib/lib/main"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("com\\.h2database\\.h2-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no H2 driver in the distribution"));
        }
        java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, getClass().getClassLoader());
        try {
            java.sql.Driver driver = (java.sql.Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
            java.util.Properties credentials = new java.util.Properties();
            credentials.setProperty("user", "");
            credentials.setProperty("password", "");
            return driver.connect(url, credentials);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("H2 driver", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The management interface: /health, /metrics. */
    public int managementPort() {
        return managementPort;
    }

    public Path log() {
        return log;
    }

    /** The last lines of the server log, to explain a failure. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The log from a given line on: tests look for the operator hint of a failure they caused. */
    public List<String> logLinesFrom(int line) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.min(line, all.size()), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    public int logLineCount() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return (int) lines.count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** CPU time used so far by the Keycloak JVM (kc.sh and its children), from /proc; counts from zero again after {@link #restart()}. */
    public Duration cpuTime() {
        long ticks = 0;
        Process process = this.process;
        if (process == null) {
            throw new IllegalStateException("not started here: no process to measure");
        }
        List<ProcessHandle> handles = new ArrayList<>();
        handles.add(process.toHandle());
        process.toHandle().descendants().forEach(handles::add);
        for (ProcessHandle handle : handles) {
            ticks += ProcCpu.ticks(handle.pid());
        }
        return Duration.ofMillis(ticks * 1000 / ProcCpu.TICKS_PER_SECOND);
    }

    @Override
    public void close() {
        Process process = this.process;
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        stopLocalPostgres();
    }

    /** The script stops its PostgreSQL when it ends; this covers a script that was killed before it could. */
    private void stopLocalPostgres() {
        if (localPostgres == null || !Files.exists(localPostgres.resolve("data/postmaster.pid"))) {
            return;
        }
        try {
            Path script = Path.of(builder.command().get(0)).resolveSibling("local-postgres.sh");
            new ProcessBuilder(script.toString(), "stop", localPostgres.toString()).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println("could not stop PostgreSQL under " + localPostgres + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A port nothing listens on, below the kernel's ephemeral range: a port from that range, free when handed
     * out, could become the local port of some outgoing connection before Keycloak bound it (seen once: a
     * cluster node's management interface, "Address already in use"). Never the same port twice in a run.
     */
    static int freePort() throws IOException {
        int low = 10_000;
        int high = ephemeralLow() - 1;
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; high - low > 1_000 && attempt < 200; attempt++) {
            int port = low + random.nextInt(high - low + 1);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException inUse) {
                // taken: try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The first port of the kernel's ephemeral range (Linux: /proc/sys/net/ipv4/ip_local_port_range), 32768 if unknown. */
    private static int ephemeralLow() {
        // A reader: Files.readString returned one character of this /proc file here.
        try (java.io.BufferedReader in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
