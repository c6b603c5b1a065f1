package org.schoolesia.bench;

import static org.schoolesia.bench.AccessRequestListBenchmark.PAGE;
import static org.schoolesia.bench.AccessRequestListBenchmark.out;
import static org.schoolesia.bench.Stats.f;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 4 of {@link AccessRequestListBenchmark}: the statements behind one call of the staff list
 * (as Hibernate issues them for {@code AccessRequestResource#list}: the page, its count, and the
 * overdue total, which {@code AccessRequests#list} answers with a one-row page and a count) and the
 * statement behind stock's user list, run on the database directly from the bench JVM with
 * Keycloak stopped; then alternatives (count(*), the page's ids only) and candidate indexes, each
 * added alone and dropped again. On H2 the connection turns result reuse off, so every run
 * executes (H2 otherwise answers a repeated identical statement from the last result); on
 * PostgreSQL the plan is {@code EXPLAIN (ANALYZE, BUFFERS)}.
 */
final class AccessRequestSqlProbe {

    private static final String COLUMNS = "r.ID, r.ACCOUNT_ID, r.BIRTH_DATE, r.CHILD_BIRTH_DATE, r.CHILD_CERTIFICATE, r.CHILD_FIRST_NAME,"
            + " r.CHILD_LAST_NAME, r.CHILD_MIDDLE_NAME, r.CHILD_OID, r.CHILD_SNILS, r.CLASS_ID, r.CLASS_NAME, r.PERSON_COMMENT, r.CREATED_AT,"
            + " r.DECIDED_AT, r.DECIDED_BY, r.DECISION_COMMENT, r.EMAIL, r.ESIA_OID, r.FIRST_NAME, r.LAST_NAME, r.LOCALE, r.MIDDLE_NAME,"
            + " r.NUMBER, r.ORG_ID, r.PENDING_KEY, r.REALM_ID, r.ROLE, r.SNILS, r.STATUS, r.TRUSTED";
    private static final String FROM = " from SCHOOL_ACCESS_REQUEST r where r.REALM_ID = ? and r.ORG_ID = ?";
    private static final String OVERDUE = " and r.STATUS = ? and r.CREATED_AT < ?";
    private static final String PENDING = " and r.STATUS = ?";
    private static final String ORDER = " order by r.CREATED_AT desc, r.ID desc";
    private static final String USERS = "select distinct u.ID, u.CREATED_TIMESTAMP, u.EMAIL, u.EMAIL_CONSTRAINT, u.EMAIL_VERIFIED, u.ENABLED,"
            + " u.FEDERATION_LINK, u.FIRST_NAME, u.LAST_MODIFIED_TIMESTAMP, u.LAST_NAME, u.NOT_BEFORE, u.REALM_ID,"
            + " u.SERVICE_ACCOUNT_CLIENT_LINK, u.USERNAME from USER_ENTITY u where u.SERVICE_ACCOUNT_CLIENT_LINK is null and u.REALM_ID = ?"
            + " order by u.USERNAME";

    record Query(String key, String label, String sql, List<Object> parameters) {
    }

    private final AccessRequestListBenchmark.DbAccess db;
    private final String realmId;
    private final String orgId;
    private final int deepFirst;
    private final int runs = Integer.getInteger("bench.sqlRuns", 15);

    AccessRequestSqlProbe(AccessRequestListBenchmark.DbAccess db, String realmId, String orgId, int deepFirst) {
        this.db = db;
        this.realmId = realmId;
        this.orgId = orgId;
        this.deepFirst = deepFirst;
    }

    private static String page(int first, int max) {
        return " offset " + first + " rows fetch first " + max + " rows only";
    }

    private List<Query> queries() {
        // The overdue boundary moves with the clock (3 days, OverduePolicy's default): a new value on every call.
        long overdueBefore = System.currentTimeMillis() - 3 * 86_400_000L;
        List<Object> all = List.of(realmId, orgId);
        List<Object> overdue = List.of(realmId, orgId, "pending", overdueBefore);
        List<Object> pending = List.of(realmId, orgId, "pending");
        List<Query> q = new ArrayList<>();
        q.add(new Query("page", "page first=0 (as issued)", "select " + COLUMNS + FROM + ORDER + page(0, PAGE), all));
        q.add(new Query("count", "count(r.ID) (as issued)", "select count(r.ID)" + FROM, all));
        q.add(new Query("overduePage", "overdue 1-row page (as issued)", "select " + COLUMNS + FROM + OVERDUE + ORDER + page(0, 1), overdue));
        q.add(new Query("overdueCount", "overdue count(r.ID) (as issued)", "select count(r.ID)" + FROM + OVERDUE, overdue));
        q.add(new Query("deepPage", "page first=" + deepFirst + " (as issued)", "select " + COLUMNS + FROM + ORDER + page(deepFirst, PAGE), all));
        q.add(new Query("pendingPage", "status=pending page (as issued)", "select " + COLUMNS + FROM + PENDING + ORDER + page(0, PAGE), pending));
        q.add(new Query("pendingCount", "status=pending count(r.ID)", "select count(r.ID)" + FROM + PENDING, pending));
        q.add(new Query("countStar", "count(*)  (alternative)", "select count(*)" + FROM, all));
        q.add(new Query("overdueCountStar", "overdue count(*)  (alternative)", "select count(*)" + FROM + OVERDUE, overdue));
        q.add(new Query("pendingCountStar", "status=pending count(*)  (alternative)", "select count(*)" + FROM + PENDING, pending));
        q.add(new Query("boundedCount", "count(*) up to 1001  (alternative)",
                "select count(*) from (select 1 as one" + FROM + " fetch first 1001 rows only) t", all));
        q.add(new Query("idsPage", "page ids only  (alternative)", "select r.ID" + FROM + ORDER + page(0, PAGE), all));
        q.add(new Query("stock", "stock: users first=0 (as issued)", USERS + page(0, PAGE), List.of(realmId)));
        q.add(new Query("stockDeep", "stock: users first=" + deepFirst, USERS + page(deepFirst, PAGE), List.of(realmId)));
        return q;
    }

    /** Indexes that might serve the list better; each is tried alone. */
    private Map<String, String> candidates() {
        Map<String, String> c = new LinkedHashMap<>();
        if (db.isH2()) {
            c.put("(REALM_ID, ORG_ID, CREATED_AT, ID)", "create index IDX_BENCH_PROBE on SCHOOL_ACCESS_REQUEST (REALM_ID, ORG_ID, CREATED_AT, ID)");
            c.put("(REALM_ID, ORG_ID, STATUS, CREATED_AT, ID)",
                    "create index IDX_BENCH_PROBE on SCHOOL_ACCESS_REQUEST (REALM_ID, ORG_ID, STATUS, CREATED_AT, ID)");
        } else {
            c.put("(REALM_ID, ORG_ID, CREATED_AT DESC, ID DESC)",
                    "create index IDX_BENCH_PROBE on SCHOOL_ACCESS_REQUEST (REALM_ID, ORG_ID, CREATED_AT desc, ID desc)");
            c.put("(REALM_ID, ORG_ID, STATUS, CREATED_AT DESC, ID DESC)",
                    "create index IDX_BENCH_PROBE on SCHOOL_ACCESS_REQUEST (REALM_ID, ORG_ID, STATUS, CREATED_AT desc, ID desc)");
        }
        return c;
    }

    void run() throws SQLException {
        // H2: every run executes (no reuse of the previous identical result).
        try (Connection c = db.open(db.isH2() ? ";OPTIMIZE_REUSE_RESULTS=FALSE" : "")) {
            List<Query> queries = queries();
            out(f("   median ms of %d runs each (after %d unmeasured), rows read in full; %s", runs, Math.max(2, runs / 3),
                    db.isH2() ? "plan = the index H2 chooses (EXPLAIN)" : "plan = EXPLAIN (ANALYZE, BUFFERS), abridged"));
            Map<String, Double> base = new LinkedHashMap<>();
            for (Query q : queries) {
                double ms = time(c, q);
                base.put(q.key(), ms);
                out(f("     %-40s %8.2f ms   %s", q.label(), ms, plan(c, q)));
            }
            perCall(base, "");
            for (Map.Entry<String, String> candidate : candidates().entrySet()) {
                try (Statement s = c.createStatement()) {
                    s.execute(candidate.getValue());
                    s.execute("ANALYZE");
                }
                out("   with an extra index " + candidate.getKey() + ":");
                Map<String, Double> with = new LinkedHashMap<>();
                for (Query q : queries) {
                    if (q.key().startsWith("stock")) {
                        with.put(q.key(), base.get(q.key()));
                        continue;
                    }
                    double ms = time(c, q);
                    with.put(q.key(), ms);
                    out(f("     %-40s %8.2f ms (%5.1fx)   %s", q.label(), ms, base.get(q.key()) / ms, plan(c, q)));
                }
                perCall(with, "     ");
                try (Statement s = c.createStatement()) {
                    s.execute("drop index IDX_BENCH_PROBE");
                }
            }
        }
    }

    /** What one call of the list costs the database, as issued and with the count-only changes suggested. */
    private static void perCall(Map<String, Double> ms, String indent) {
        double issued = ms.get("page") + ms.get("count") + ms.get("overduePage") + ms.get("overdueCount");
        double counts = ms.get("page") + ms.get("countStar") + ms.get("overdueCountStar");
        out(f("%s   per list call (first page): as issued %.1f ms (page %.1f + count %.1f + overdue page %.1f + overdue count %.1f);",
                indent, issued, ms.get("page"), ms.get("count"), ms.get("overduePage"), ms.get("overdueCount")));
        double bounded = ms.get("page") + ms.get("boundedCount") + ms.get("overdueCountStar");
        out(f("%s   with count(*) and no overdue page: %.1f ms; with the total counted up to 1001 instead: %.1f ms; stock's user page: %.1f ms",
                indent, counts, bounded, ms.get("stock")));
    }

    private double time(Connection c, Query q) throws SQLException {
        List<Double> ms = new ArrayList<>();
        int unmeasured = Math.max(2, runs / 3);
        for (int i = 0; i < runs + unmeasured; i++) {
            long t0 = System.nanoTime();
            // A statement per run, as Hibernate prepares one per query.
            try (PreparedStatement p = c.prepareStatement(q.sql())) {
                bind(p, q);
                try (ResultSet rs = p.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int k = 1; k <= columns; k++) {
                            rs.getObject(k);
                        }
                    }
                }
            }
            if (i >= unmeasured) {
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return Stats.median(ms);
    }

    private String plan(Connection c, Query q) throws SQLException {
        String explain = db.isH2() ? "explain " : "explain (analyze, buffers) ";
        List<String> lines = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(explain + q.sql())) {
            bind(p, q);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
        }
        return db.isH2() ? h2Plan(String.join(" ", lines)) : pgPlan(lines);
    }

    /** The index H2 chose, and whether it reads in index order (no sort). */
    private static String h2Plan(String plan) {
        String text = plan.replaceAll("\\s+", " ");
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("/\\*([^*]*)\\*/").matcher(text);
        while (m.find()) {
            String note = m.group(1).trim().replace("PUBLIC.", "");
            int colon = note.indexOf(':');
            out.append(out.isEmpty() ? "" : ", ").append(colon > 0 ? note.substring(0, colon) : note);
        }
        if (text.contains("ORDER BY") && !text.contains("index sorted")) {
            out.append(" + sort of every matching row");
        }
        return out.toString();
    }

    /** PostgreSQL's plan nodes (without costs), heap fetches and the execution time. */
    private static String pgPlan(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String l = line.trim();
            if (l.startsWith("->")) {
                l = l.substring(2).trim();
            }
            if (l.startsWith("Execution Time")) {
                out.append(" | ").append(l.replace("Execution Time: ", "exec "));
            } else if (l.startsWith("Heap Fetches") || l.startsWith("Sort Method")) {
                out.append(" [").append(l).append(']');
            } else if (l.matches("^(Limit|Sort|Incremental Sort|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan|Seq Scan"
                    + "|Aggregate|Finalize Aggregate|Partial Aggregate|Gather|Unique|HashAggregate|Parallel).*")) {
                String node = l.replaceAll("\\s*\\(cost=.*", "").replaceAll("\\s*\\(actual.*", "");
                out.append(out.isEmpty() ? "" : " > ").append(node.replace(" on school_access_request r", "").replace(" on user_entity u", ""));
            }
        }
        return out.toString();
    }

    private static void bind(PreparedStatement p, Query q) throws SQLException {
        for (int i = 0; i < q.parameters().size(); i++) {
            p.setObject(i + 1, q.parameters().get(i));
        }
    }
}
