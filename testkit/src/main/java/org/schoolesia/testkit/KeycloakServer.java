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
 * One instance serves a whole test run; see {@link KeycloakExtension}.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private final Process process;
    private final int httpPort;
    private final Path log;

    private KeycloakServer(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
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

        KeycloakServer server = new KeycloakServer(builder.start(), httpPort, log);
        // Never leave a server behind, even when the test JVM is killed or a test run aborts.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.awaitReady(managementPort, Duration.ofSeconds(Long.getLong("keycloak.startTimeoutSeconds", 240)));
        return server;
    }

    private void awaitReady(int managementPort, Duration timeout) throws IOException, InterruptedException {
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

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
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

    /** CPU time used so far by the Keycloak JVM (kc.sh and its children), from /proc. */
    public Duration cpuTime() {
        long ticks = 0;
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
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
