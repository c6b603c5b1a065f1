package org.schoolesia.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Debian's PostgreSQL for the benchmarks: the cluster on the port started if down, then a fresh
 * database owned by the bench's role. Needs root (psql runs as the postgres user).
 */
final class DebianPostgres {

    private DebianPostgres() {
    }

    static void recreateDatabase(int port, String database, String user, String password, Consumer<String> out)
            throws IOException, InterruptedException {
        String clusters = run(List.of("pg_lsclusters", "--no-header"));
        for (String line : clusters.split("\n")) {
            String[] c = line.trim().split("\\s+");
            if (c.length >= 4 && c[2].equals(String.valueOf(port)) && c[3].startsWith("down")) {
                out.accept("   starting PostgreSQL cluster " + c[0] + "/" + c[1]);
                run(List.of("pg_ctlcluster", c[0], c[1], "start"));
            }
        }
        String role = user.replace("\"", "");
        String quoted = password.replace("'", "''");
        psqlAsPostgres("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                + "CREATE ROLE \"" + role + "\" LOGIN PASSWORD '" + quoted + "'; ELSE ALTER ROLE \"" + role + "\" LOGIN PASSWORD '"
                + quoted + "'; END IF; END $$;");
        psqlAsPostgres("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE);");
        psqlAsPostgres("CREATE DATABASE \"" + database + "\" OWNER \"" + role + "\" ENCODING 'UTF8' TEMPLATE template0;");
    }

    private static void psqlAsPostgres(String sql) throws IOException, InterruptedException {
        run(List.of("runuser", "-u", "postgres", "--", "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c", sql));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed:\n" + output);
        }
        return output;
    }
}
