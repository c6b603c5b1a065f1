package org.schoolesia.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.schoolesia.testkit.DemoRealm;

/**
 * The upgrade test's database (issue 14): a PostgreSQL dump made by the previous released version
 * ({@code tests/src/test/resources/upgrade/}, written by {@link UpgradeDumpMaker} through
 * {@code production/upgrade-dump.sh}) and restored into a fresh cluster of {@code production/local-postgres.sh}
 * by {@link UpgradeIT}. The emulator's URL of the run that made the dump is put back to the run command's
 * ({@link DemoRealm#RUN_EMULATOR_URL}), as in the realm file; the restoring run sets its own through the admin API. Client tools ({@code pg_dump}, {@code psql}) from Debian's packages,
 * talking to the cluster over its socket (trust there, as {@code local-postgres.sh} sets it up).
 */
final class UpgradeDatabase {

    static final String DATABASE = "keycloak";
    static final String USER = "keycloak";

    /** The cluster's folder as {@code production/local-postgres.sh} lays it out (socket in {@code socket/}). */
    private final Path directory;
    private final int port;

    UpgradeDatabase(Path directory, int port) {
        this.directory = directory.toAbsolutePath();
        this.port = port;
    }

    int port() {
        return port;
    }

    Path directory() {
        return directory;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code production/local-postgres.sh start}: initdb on first use, the role and the (empty) database. */
    void start(Path repositoryRoot) throws IOException, InterruptedException {
        run(List.of(repositoryRoot.resolve("production/local-postgres.sh").toString(), "start", directory.toString(), String.valueOf(port),
                DATABASE, USER, USER));
    }

    void stop(Path repositoryRoot) throws IOException, InterruptedException {
        run(List.of(repositoryRoot.resolve("production/local-postgres.sh").toString(), "stop", directory.toString()));
    }

    /**
     * {@code pg_dump} in plain SQL, gzipped, without owners and grants (restored by another role) and
     * without JGroups' discovery rows (the nodes of the run that made it are gone); the emulator's URL
     * becomes the realm file's.
     */
    void dump(Path target, String emulatorUrl) throws IOException, InterruptedException {
        Path plain = Files.createTempFile("upgrade-dump", ".sql");
        try {
            run(List.of(tool("pg_dump"), "-h", socket(), "-p", String.valueOf(port), "-U", USER, "--no-owner", "--no-privileges",
                    "--exclude-table-data=jgroups_ping", "-f", plain.toString(), DATABASE));
            String sql = Files.readString(plain, StandardCharsets.UTF_8).replace(emulatorUrl, DemoRealm.RUN_EMULATOR_URL);
            Files.createDirectories(target.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
                out.write(sql.getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    /** Loads a dump of {@link #dump} into the (empty) database. */
    void restore(InputStream gzipped) throws IOException, InterruptedException {
        Path plain = Files.createTempFile("upgrade-restore", ".sql");
        try (InputStream in = new GZIPInputStream(gzipped)) {
            Files.copy(in, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            run(List.of(tool("psql"), "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", socket(), "-p", String.valueOf(port), "-U", USER,
                    "-d", DATABASE, "-f", plain.toString()));
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    /** One query through {@code psql}; rows as lines, columns separated by {@code |}. */
    List<String> query(String sql) throws IOException, InterruptedException {
        String out = run(List.of(tool("psql"), "-X", "-tA", "-v", "ON_ERROR_STOP=1", "-h", socket(), "-p", String.valueOf(port), "-U", USER,
                "-d", DATABASE, "-c", sql));
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.strip());
            }
        }
        return rows;
    }

    long count(String sql) throws IOException, InterruptedException {
        return Long.parseLong(query(sql).get(0));
    }

    private String socket() {
        return directory.resolve("socket").toString();
    }

    /** A client tool of the newest PostgreSQL under /usr/lib/postgresql (what local-postgres.sh runs). */
    private static String tool(String name) throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable)
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no " + name + " under /usr/lib/postgresql: apt-get install postgresql"))
                    .toString();
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed:\n" + out);
        }
        return out;
    }
}
