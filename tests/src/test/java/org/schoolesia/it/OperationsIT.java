package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 14, operations, against the shared real Keycloak (started with {@code --metrics-enabled=true}):
 * our meters on Keycloak's own {@code /metrics} move with real logins, refusals and requests; an
 * e-mail the SMTP server refuses for good (a real SMTP conversation answering 550) is given up and
 * listed for admins, a transient 421 is retried; the retention job removes what is past the realm's
 * setting and leaves newer and undecided requests.
 */
@ExtendWith(KeycloakExtension.class)
class OperationsIT {

    private static final String REALM = DemoRealm.NAME;
    private static final String OPERATIONS = "/realms/" + REALM + "/school/operations";
    private static final Duration MAIL_WAIT = Duration.ofSeconds(45);

    private final TestEnvironment env;
    private StaffApi api;

    OperationsIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void freshRealm() throws IOException {
        env.resetRealm();
        api = new StaffApi(env);
        api.createTestClient();
    }

    @Test
    void metricsCountLoginsRefusalsAndRequestsWithLowCardinalityTagsOnly() throws Exception {
        Scrape before = scrape();

        // A linked parent goes straight in: Keycloak's LOGIN through the ESIA provider.
        Browser.Page in = new EsiaFlow(env).loginAs("1000000001", "parent");
        assertTrue(in.isRedirect() && in.location().startsWith(DemoRealm.CLIENT_REDIRECT), in.status() + " " + in.location());
        // ESIA's own crypto, apart (issue 14): the authorize and token requests signed, the id_token verified, with the CPU they took.
        Scrape loggedIn = scrape();
        assertEquals(2, loggedIn.delta(before, "esia_crypto_cpu_seconds_count", "operation", "sign"), loggedIn.body);
        assertEquals(1, loggedIn.delta(before, "esia_crypto_cpu_seconds_count", "operation", "verify"), loggedIn.body);
        assertTrue(loggedIn.value("esia_crypto_cpu_seconds_sum", "operation", "sign") > before.value("esia_crypto_cpu_seconds_sum", "operation", "sign"),
                "a GOST signature takes CPU: " + loggedIn.body.lines().filter(l -> l.startsWith("esia_")).toList());

        // R-LINK-2 refused: a wrong password on «Привязать учетную запись» (the page says no more, the meter says why).
        EsiaAccountLinkIT.stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF));
        Browser.Page form = EsiaAccountLinkIT.showLink(EsiaAccountLinkIT.expectPage("unidentified",
                new EsiaFlow(env).loginAs("1000000006", "parent")));
        EsiaAccountLinkIT.expectPage("link", EsiaAccountLinkIT.link(form, "ddut-ys", "kuznetsov.andrey", "not-her-password"));

        // A second staff account linked to Смирнов Олег by a realm admin (method admin): his next login offers the chooser.
        String second = EsiaAccountLinkIT.createAccount(env, "smirnov.ddut", "staff", "ddut-ys", "Олег", "Смирнов", "1979-02-17", Map.of());
        FederatedIdentityRepresentation esia = new FederatedIdentityRepresentation();
        esia.setIdentityProvider("esia");
        esia.setUserId("1000000003");
        esia.setUserName("esia-1000000003");
        try (Response linked = env.realmAdmin().userById(second).addFederatedIdentity("esia", esia)) {
            assertEquals(204, linked.getStatus());
        }
        EsiaAccountLinkIT.expectPage("chooser", new EsiaFlow(env).loginAs("1000000003", "staff"));

        // R-REQ-1..3: filed, then rejected by staff.
        String number = AccessRequestFlow.fileRequest(env, env.browser(), "1000000008", "parent", "sosh-1-ys", "1А", "1000000009", null);
        JsonNode request = pendingByNumber(number);
        assertEquals(200, staff("POST", "/" + request.get("id").asText() + "/reject", Map.of("comment", "Нет в списке")).statusCode());

        Scrape after = awaitScrape(s -> s.delta(before, "school_access_requests_total", "step", "rejected") >= 1);
        assertEquals(1, after.delta(before, "school_esia_logins_total", "outcome", "linked"), after.body);
        assertEquals(1, after.delta(before, "school_esia_logins_total", "outcome", "refused", "reason", "wrong_password"), after.body);
        assertEquals(1, after.delta(before, "school_esia_logins_total", "outcome", "chooser"), after.body);
        assertEquals(1, after.delta(before, "school_esia_links_total", "method", "admin"), after.body);
        assertEquals(2, after.delta(before, "school_esia_logins_total", "outcome", "not_identified"), "the link attempt and the request");
        assertEquals(1, after.delta(before, "school_access_requests_total", "step", "filed"), after.body);
        assertEquals(1, after.delta(before, "school_access_requests_total", "step", "rejected"), after.body);
        // The gauges, refreshed by each node's timer (every 2 s in the tests).
        Scrape gauges = awaitScrape(s -> s.has("school_mail_outbox", "state", "pending") && s.has("school_access_requests_overdue"));
        assertEquals(0, gauges.value("school_access_requests_overdue"), "nothing is days old in a fresh realm");

        // Low cardinality: no person, account, organisation or SNILS in any of our series.
        for (String line : after.body.split("\n")) {
            if (line.startsWith("school_")) {
                assertFalse(line.matches(".*(1000000|kuznetsov|ivanova|smirnov|sosh-1|ddut|zavuch|" + number + ").*"), line);
            }
        }
    }

    @Test
    void r_req_4_aRecipientRefusedWith550IsGivenUpAtOnceAndListedForAdmins_a421IsRetried_anAdminRetriesOnceFixed() throws Exception {
        String number = AccessRequestFlow.fileRequest(env, env.browser(), "1000000011", "parent", "sosh-1-ys", "5Б", "1000000012", null);
        JsonNode request = pendingByNumber(number);
        String realmPath = "/realms/" + REALM;
        ObjectNode greenMail = (ObjectNode) env.admin().get(realmPath).get("smtpServer").deepCopy();
        try (SmtpStub stub = new SmtpStub()) {
            ObjectNode refusing = greenMail.deepCopy();
            refusing.put("port", String.valueOf(stub.port()));
            env.admin().put(realmPath, Map.of("smtpServer", refusing));

            // Transient first: the server is busy (421 at the greeting); the e-mail stays owed.
            stub.busy = true;
            assertEquals(200, staff("POST", "/" + request.get("id").asText() + "/reject", Map.of("comment", "Нет в списке")).statusCode());
            await(() -> stub.busyRefusals() >= 1, Duration.ofSeconds(20), "the attempt right after the decision");
            assertEquals(0, failedMail().size(), "a 421 is not given up");

            // Then the server refuses the recipient for good: given up at that attempt, with the reply, without the address.
            stub.busy = false;
            await(() -> failedMail().size() == 1, MAIL_WAIT, "the next attempt (the outbox's poll)");
            JsonNode failed = failedMail().get(0);
            assertEquals(number, failed.get("requestNumber").asText(), failed.toString());
            assertEquals("SMTP 550 5.1.1 <address>: mailbox unavailable", failed.get("reason").asText(), "the reply, no address: " + failed);
            assertEquals(stub.busyRefusals() + 1, failed.get("attempts").asInt(), "the transient failures, then the refusal: " + failed);
            assertEquals(1, stub.recipientsRefused(), "the refused recipient is not tried again");
            awaitScrape(s -> s.value("school_mail_outbox", "state", "failed") == 1 && s.value("school_mail_outbox", "state", "pending") == 0);

            // The admin fixes the settings and puts the e-mail back: it goes out at once.
            env.admin().put(realmPath, Map.of("smtpServer", greenMail));
            HttpResponse<String> retried = env.admin().sendRaw("POST", OPERATIONS + "/failed-mail/" + failed.get("id").asText() + "/retry", null);
            assertEquals(204, retried.statusCode(), retried.body());
            assertTrue(env.mail().awaitMessage("igor.pavlov@example.ru", Duration.ofSeconds(20)).subject().contains(number));
            await(() -> failedMail().isEmpty(), Duration.ofSeconds(10), "the list empties");
            HttpResponse<String> again = env.admin().sendRaw("POST", OPERATIONS + "/failed-mail/" + failed.get("id").asText() + "/retry", null);
            assertEquals(404, again.statusCode(), again.body());
            assertEquals(1, stub.recipientsRefused());
        } finally {
            env.admin().put(realmPath, Map.of("smtpServer", greenMail));
        }
    }

    @Test
    void retentionRemovesDecidedRequestsAndSentMailPastTheRealmSettingAndKeepsNewerAndPendingOnes() throws Exception {
        // Unreadable settings are refused whole, in the admin's language (Russian first).
        HttpResponse<String> bad = env.admin().sendRaw("PUT", OPERATIONS + "/retention", Map.of("decidedRequests", "365", "sentMail", "soon"));
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("invalid_retention", StaffApi.json(bad).get("error").asText());
        assertTrue(StaffApi.json(bad).get("message").asText().contains("Срок хранения «sentMail» не распознан: «soon»"), bad.body());
        assertEquals("P365D", env.admin().get(OPERATIONS + "/retention").get("decidedRequests").asText(), "nothing was set: the default");

        // A: decided, its e-mail sent. C: still pending.
        String old = AccessRequestFlow.fileRequest(env, env.browser(), "1000000008", "parent", "sosh-1-ys", "1А", "1000000009", null);
        JsonNode oldRequest = pendingByNumber(old);
        assertEquals(200, staff("POST", "/" + oldRequest.get("id").asText() + "/reject", Map.of("comment", "Нет в списке")).statusCode());
        long decidedAt = System.currentTimeMillis();
        env.mail().awaitMessage("elena.sokolova@example.ru", MAIL_WAIT);
        String pending = AccessRequestFlow.fileRequest(env, env.browser(), "1000000011", "parent", "sosh-1-ys", "5Б", "1000000012", null);
        JsonNode pendingRequest = pendingByNumber(pending);

        // B: decided 20 s after A, just before the job runs with a 15-second retention.
        Thread.sleep(Math.max(0, decidedAt + 20_000 - System.currentTimeMillis()));
        String recent = AccessRequestFlow.fileRequest(env, env.browser(), "1000000013", "parent", "sosh-1-ys", "9А", "1000000014", null);
        JsonNode recentRequest = pendingByNumber(recent);
        assertEquals(200, staff("POST", "/" + recentRequest.get("id").asText() + "/reject", Map.of("comment", "Нет в списке")).statusCode());
        try {
            HttpResponse<String> set = env.admin().sendRaw("PUT", OPERATIONS + "/retention", Map.of("decidedRequests", "PT15S", "sentMail", "PT15S"));
            assertEquals(200, set.statusCode(), set.body());
            assertEquals("PT15S", StaffApi.json(set).get("sentMail").asText());
            HttpResponse<String> run = env.admin().sendRaw("POST", OPERATIONS + "/retention/run", null);
            assertEquals(200, run.statusCode(), run.body());
            assertEquals(1, StaffApi.json(run).get("decidedRequests").asInt(), run.body());
            assertEquals(1, StaffApi.json(run).get("mail").asInt(), "A's e-mail; B's is too new: " + run.body());

            assertEquals(404, staff("GET", "/" + oldRequest.get("id").asText(), null).statusCode(), "A is gone");
            assertEquals(200, staff("GET", "/" + recentRequest.get("id").asText(), null).statusCode(), "B stays");
            assertEquals(200, staff("GET", "/" + pendingRequest.get("id").asText(), null).statusCode(), "C (pending, older) stays");
        } finally {
            Map<String, Object> defaults = new LinkedHashMap<>();
            defaults.put("decidedRequests", null);
            defaults.put("sentMail", null);
            env.admin().sendRaw("PUT", OPERATIONS + "/retention", defaults);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode failedMail() {
        return env.admin().get(OPERATIONS + "/failed-mail");
    }

    private JsonNode pendingByNumber(String number) {
        HttpResponse<String> list = staff("GET", "?status=pending", null);
        assertEquals(200, list.statusCode(), list.body());
        for (JsonNode item : StaffApi.json(list).get("items")) {
            if (number.equals(item.get("number").asText())) {
                return item;
            }
        }
        throw new AssertionError("request " + number + " not pending: " + list.body());
    }

    private HttpResponse<String> staff(String method, String path, Object body) {
        return api.call(method, "zavuch.sosh1", env.keycloak().realmUrl(REALM) + "/school/access-requests" + path, body, "ru");
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(250);
        }
    }

    private Scrape awaitScrape(Predicate<Scrape> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Scrape s = scrape();
        while (!until.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the metrics did not get there within 15 s:\n" + s.ours());
            }
            Thread.sleep(250);
            s = scrape();
        }
        return s;
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + env.keycloak().managementPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "Keycloak's metrics endpoint");
        return new Scrape(response.body());
    }

    /** Keycloak's /metrics (Prometheus text); our series of the demo realm, matched by some of their labels. */
    record Scrape(String body) {

        private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)} ([0-9.eE+-]+)$");

        double value(String name, String... labels) {
            double sum = 0;
            for (String line : body.split("\n")) {
                Matcher m = SAMPLE.matcher(line.strip());
                if (m.matches() && m.group(1).equals(name) && m.group(2).contains("realm=\"" + REALM + "\"") && hasAll(m.group(2), labels)) {
                    sum += Double.parseDouble(m.group(3));
                }
            }
            return sum;
        }

        boolean has(String name, String... labels) {
            for (String line : body.split("\n")) {
                Matcher m = SAMPLE.matcher(line.strip());
                if (m.matches() && m.group(1).equals(name) && m.group(2).contains("realm=\"" + REALM + "\"") && hasAll(m.group(2), labels)) {
                    return true;
                }
            }
            return false;
        }

        long delta(Scrape before, String name, String... labels) {
            return Math.round(value(name, labels) - before.value(name, labels));
        }

        String ours() {
            return String.join("\n", body.lines().filter(l -> l.startsWith("school_")).toList());
        }

        private static boolean hasAll(String labelText, String... labels) {
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (!labelText.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                    return false;
                }
            }
            return true;
        }
    }
}
