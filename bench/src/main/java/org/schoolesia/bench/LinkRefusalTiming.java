package org.schoolesia.bench;

import static org.schoolesia.bench.Stats.f;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue #4: «Привязать учетную запись» refuses a wrong password, an unknown login, a locked account
 * and an account of the wrong role alike, with "the same password-hash work on every path". This
 * posts the link form of one ESIA person over and over, the paths interleaved, and prints the
 * median wall time of each side by side (and Keycloak's CPU per attempt).
 *
 * <p>Set-up through the admin API: the cut-off of the step "school esia account" moved to 2099 and
 * its per-person limit raised (so neither stops the attempts); brute-force protection stays on
 * (the demo realm has it), every path uses its own account, one account is locked by two wrong
 * passwords with failureFactor 2, then failureFactor goes to 1 000 000 and the quick-login check to
 * 1 ms, so failures keep being counted on every path but lock no further account; one account is
 * disabled (a fifth path: disabled account, right password).
 */
final class LinkRefusalTiming {

    private static final String REALM = "/realms/" + DemoRealm.NAME;
    private static final String FLOW = "esia first login";
    private static final String STEP = "school-esia-link-password";
    private static final String DEMO_PASSWORD = "Demo-pass-1";
    private static final String WRONG_PASSWORD = "Wrong-pass-9";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One refusal path: which account is posted, and the reason the step must log for it. */
    record RefusalPath(String label, String reason, String organisation, String username, String password) {
    }

    static final RefusalPath WRONG = new RefusalPath("wrong password", "wrong_password", "ddut-ys", "kuznetsov.andrey", WRONG_PASSWORD);
    static final RefusalPath UNKNOWN = new RefusalPath("unknown login", "unknown_account", "ddut-ys", "net.takogo.uchastnika", WRONG_PASSWORD);
    static final RefusalPath LOCKED = new RefusalPath("locked account", "account_locked", "ddut-ys", "metodist.ddut", DEMO_PASSWORD);
    static final RefusalPath DISABLED = new RefusalPath("disabled account", "account_disabled", "ddut-ys", "kuznetsov.ilya", DEMO_PASSWORD);
    static final RefusalPath WRONG_ROLE = new RefusalPath("wrong role", "wrong_role", "ddut-ys", "ivanov.petr", DEMO_PASSWORD);
    static final List<RefusalPath> PATHS = List.of(WRONG, UNKNOWN, LOCKED, DISABLED, WRONG_ROLE);

    private final TestEnvironment env;
    private final Consumer<String> out;
    private final String oid = System.getProperty("bench.linkOid", "1000000006");
    private final String role = System.getProperty("bench.linkRole", "parent");
    private Browser browser;
    private Browser.Page current;

    LinkRefusalTiming(TestEnvironment env, Consumer<String> out) {
        this.env = env;
        this.out = out;
    }

    void run(int warmup, int attempts) {
        out.accept("3. «Привязать учетную запись» refusal paths: ESIA person " + oid + " (confirmed, no linked account, no SNILS match),");
        out.accept("   role '" + role + "', posts the link form (organisation ddut-ys, login, password) again and again in one authentication");
        out.accept("   session, the paths interleaved (rotating order); wall time = the POST's answer as the bench sees it.");
        String previousStepConfig = configureStep();
        out.accept("   step '" + STEP + "' settings (admin API): selfLinkUntil 2099-12-31T23:59, maxLinkFailuresPerPerson 1000000 (were: "
                + previousStepConfig + ")");
        bruteForce(2, 1);
        setEnabled(DISABLED.username(), false);
        out.accept("   brute-force protection ON (the demo realm's), one account per path: " + String.join(", ",
                PATHS.stream().map(p -> p.label() + " = " + p.username() + " @ " + p.organisation()
                        + (p.password().equals(DEMO_PASSWORD) ? " (right password)" : " (wrong password)")).toList()));
        out.accept("   password hashing of these accounts: " + hashing(WRONG.username()));

        browser = env.browser();
        current = toLinkPage();
        // Lock the locked path's account: two wrong passwords with failureFactor 2, through the very form.
        RefusalPath locking = new RefusalPath("locking", "wrong_password", LOCKED.organisation(), LOCKED.username(), WRONG_PASSWORD);
        attempt(locking);
        attempt(locking);
        boolean lockedBefore = bruteForceDisabled(LOCKED.username());
        bruteForce(1_000_000, 1);
        boolean lockedAfter = bruteForceDisabled(LOCKED.username());
        out.accept(f("   %s locked by 2 wrong passwords (failureFactor 2, wait 3600 s): %s; after failureFactor -> 1000000, quick-login"
                + " check -> 1 ms: still locked %s", LOCKED.username(), lockedBefore ? "yes" : "NO", lockedAfter ? "yes" : "NO"));
        if (!lockedAfter) {
            out.accept("   (so the 'locked account' row below is NOT the locked path: it is a right-password login of that account)");
        }

        for (int i = 0; i < warmup; i++) {
            for (RefusalPath p : rotated(i)) {
                attempt(p);
            }
        }
        Map<RefusalPath, String> reasons = loggedReasons();
        Map<RefusalPath, List<Double>> walls = new LinkedHashMap<>();
        Map<RefusalPath, Long> cpu = new HashMap<>();
        PATHS.forEach(p -> walls.put(p, new ArrayList<>()));
        Map<RefusalPath, String> texts = new HashMap<>();
        for (int i = 0; i < attempts; i++) {
            for (RefusalPath p : rotated(warmup + i)) {
                double[] wallAndCpu = attempt(p);
                walls.get(p).add(wallAndCpu[0]);
                cpu.merge(p, (long) wallAndCpu[1], Long::sum);
                texts.putIfAbsent(p, current.document().text());
            }
        }
        Map<RefusalPath, String> reasonsAfter = loggedReasons();
        boolean wrongPasswordAccountLocked = bruteForceDisabled(WRONG.username());

        out.accept("");
        out.accept(f("   Results: %d warm-up + %d measured attempts per path (%d posts in all); every answer: 200, the link page again",
                warmup, attempts, (warmup + attempts) * PATHS.size() + 2));
        out.accept("   with the wrong-password message on the password field.");
        out.accept("   path               account               reason logged      wall ms: median   p25    p75   vs wrong pw   Keycloak CPU ms/attempt");
        double wrongMedian = Stats.median(walls.get(WRONG));
        for (RefusalPath p : PATHS) {
            List<Double> w = walls.get(p);
            double median = Stats.median(w);
            out.accept(f("   %-17s  %-21s %-17s  %14.1f  %6.1f %6.1f  %9.2fx   %8.1f", p.label(), p.username(),
                    reasonsAfter.getOrDefault(p, "?"), median, percentile(w, 0.25), percentile(w, 0.75), median / wrongMedian,
                    (double) cpu.getOrDefault(p, 0L) / w.size()));
        }
        boolean reasonsRight = PATHS.stream().allMatch(p -> p.reason().equals(reasons.get(p)) && p.reason().equals(reasonsAfter.get(p)));
        out.accept("   reasons in Keycloak's event log (FEDERATED_IDENTITY_LINK_ERROR, after warm-up and at the end) "
                + (reasonsRight ? "are the intended ones." : "DIFFER from the intended ones: " + reasons + " / " + reasonsAfter));
        List<String> differences = new ArrayList<>();
        for (RefusalPath p : PATHS) {
            if (!texts.get(WRONG).equals(texts.get(p))) {
                differences.add(p.label() + ": " + firstDifference(texts.get(WRONG), texts.get(p)));
            }
        }
        out.accept("   visible page text the same as the wrong-password answer on every path: "
                + (differences.isEmpty() ? "yes" : "NO " + differences));
        out.accept("   wrong-password account locked at the end: " + (wrongPasswordAccountLocked ? "YES (figures suspect)" : "no"));
        out.accept("   (Keycloak CPU per attempt = /proc user+sys delta around each post, 10 ms ticks: +-10 ms each, averaged.)");
    }

    private static List<RefusalPath> rotated(int i) {
        List<RefusalPath> order = new ArrayList<>(PATHS);
        Collections.rotate(order, i % PATHS.size());
        return order;
    }

    /** ESIA login with the role button, then «Привязать учетную запись»: the link page. */
    private Browser.Page toLinkPage() {
        Browser.Page login = browser.open(env.clientLoginUrl());
        Browser.Page picker = login.follow("#school-esia-role-" + role);
        Browser.Page unidentified = picker.submit("#person-" + oid);
        if (!"unidentified".equals(page(unidentified))) {
            throw fail("expected the step's page 'unidentified' after ESIA", unidentified);
        }
        Browser.Page link = unidentified.submit("#school-esia-show-link");
        if (!"link".equals(page(link))) {
            throw fail("expected the link page after «Привязать учетную запись»", link);
        }
        return link;
    }

    /** One post of the link form on the current page; returns {wall ms, Keycloak CPU ms}. */
    private double[] attempt(RefusalPath p) {
        Document doc = current.document();
        Element form = doc.getElementById("school-esia-form");
        if (form == null) {
            throw fail("no link form", current);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name], select[name]")) {
            String type = input.attr("type");
            if (!type.equals("submit") && !type.equals("checkbox") && !type.equals("radio")) {
                fields.put(input.attr("name"), input.val());
            }
        }
        fields.put("organization", p.organisation());
        fields.put("username", p.username());
        fields.put("password", p.password());
        fields.put("link", "1");
        String action = form.absUrl("action");
        long cpu = env.keycloak().cpuTime().toMillis();
        long start = System.nanoTime();
        Browser.Page next = browser.post(action, fields);
        long elapsed = System.nanoTime() - start;
        long cpuUsed = env.keycloak().cpuTime().toMillis() - cpu;
        if (next.status() != 200 || !"link".equals(page(next))
                || next.document().selectFirst("[id^=input-error]") == null) {
            throw fail("path '" + p.label() + "': expected the link page again with the wrong-password error", next);
        }
        current = next;
        return new double[] {elapsed / 1e6, cpuUsed};
    }

    private static String page(Browser.Page page) {
        Element root = page.document().getElementById("school-esia-account");
        return root == null ? null : root.attr("data-page");
    }

    /** The newest logged refusal reason per path (the unknown login's event carries no user). */
    private Map<RefusalPath, String> loggedReasons() {
        Map<RefusalPath, String> found = new HashMap<>();
        JsonNode events = env.admin().get(REALM + "/events?type=FEDERATED_IDENTITY_LINK_ERROR&max=" + 4 * PATHS.size());
        for (JsonNode e : events) {
            JsonNode details = e.path("details");
            String username = details.path("username").asText(null);
            for (RefusalPath p : PATHS) {
                boolean match = p == UNKNOWN ? username == null : p.username().equals(username);
                if (match) {
                    found.putIfAbsent(p, details.path("reason").asText("?"));
                }
            }
        }
        return found;
    }

    /** Moves the step's cut-off to the future and raises its per-person limit; returns the old values. */
    private String configureStep() {
        String flow = URLEncoder.encode(FLOW, StandardCharsets.UTF_8).replace("+", "%20");
        String configId = null;
        for (JsonNode execution : env.admin().get(REALM + "/authentication/flows/" + flow + "/executions")) {
            if (STEP.equals(execution.path("providerId").asText())) {
                configId = execution.path("authenticationConfig").asText(null);
            }
        }
        if (configId == null) {
            throw new IllegalStateException("flow '" + FLOW + "' has no configured step " + STEP);
        }
        ObjectNode config = (ObjectNode) env.admin().get(REALM + "/authentication/config/" + configId);
        ObjectNode values = (ObjectNode) config.get("config");
        String before = "selfLinkUntil " + values.path("selfLinkUntil").asText() + " " + values.path("selfLinkZone").asText()
                + ", maxLinkFailuresPerPerson " + values.path("maxLinkFailuresPerPerson").asText();
        values.put("selfLinkUntil", "2099-12-31T23:59");
        values.put("maxLinkFailuresPerPerson", "1000000");
        env.admin().put(REALM + "/authentication/config/" + configId, config);
        return before;
    }

    private void bruteForce(int failureFactor, int quickLoginCheckMillis) {
        ObjectNode realm = JSON.createObjectNode();
        realm.put("bruteForceProtected", true);
        realm.put("permanentLockout", false);
        realm.put("failureFactor", failureFactor);
        realm.put("waitIncrementSeconds", 3600);
        realm.put("maxFailureWaitSeconds", 3600);
        realm.put("maxDeltaTimeSeconds", 43200);
        realm.put("quickLoginCheckMilliSeconds", quickLoginCheckMillis);
        realm.put("minimumQuickLoginWaitSeconds", 60);
        env.admin().put(REALM, realm);
    }

    private String userId(String username) {
        JsonNode users = env.admin().get(REALM + "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
        if (users == null || users.size() != 1) {
            throw new IllegalStateException("expected one user " + username + ", found " + users);
        }
        return users.get(0).get("id").asText();
    }

    private void setEnabled(String username, boolean enabled) {
        String path = REALM + "/users/" + userId(username);
        ObjectNode user = (ObjectNode) env.admin().get(path);
        user.put("enabled", enabled);
        env.admin().put(path, user);
    }

    private boolean bruteForceDisabled(String username) {
        return env.admin().get(REALM + "/attack-detection/brute-force/users/" + userId(username)).path("disabled").asBoolean(false);
    }

    private String hashing(String username) {
        for (JsonNode credential : env.admin().get(REALM + "/users/" + userId(username) + "/credentials")) {
            if ("password".equals(credential.path("type").asText())) {
                try {
                    JsonNode data = JSON.readTree(credential.path("credentialData").asText("{}"));
                    return data.path("algorithm").asText("?") + ", " + data.path("hashIterations").asText("?") + " iterations"
                            + (data.has("additionalParameters") ? " " + data.get("additionalParameters") : "")
                            + "; unknown and locked paths hash a dummy password with the realm's policy instead";
                } catch (java.io.IOException e) {
                    return "unreadable";
                }
            }
        }
        return "no password credential";
    }

    private IllegalStateException fail(String what, Browser.Page page) {
        return new IllegalStateException("link refusal timing: " + what + "; got " + page.status() + " " + page.url()
                + (page.location() != null ? " -> " + page.location() : "") + "\n" + page.text()
                + "\n--- Keycloak log tail ---\n" + env.keycloak().tail(40));
    }

    private static String firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 30);
        return "'..." + a.substring(from, Math.min(a.length(), i + 50)) + "' vs '..." + b.substring(from, Math.min(b.length(), i + 50)) + "'";
    }

    private static double percentile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1))));
    }
}
