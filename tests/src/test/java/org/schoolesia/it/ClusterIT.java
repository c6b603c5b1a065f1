package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakCluster;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 14, two nodes: {@code production/cluster.sh} starts two optimised Keycloak nodes on one
 * PostgreSQL (Keycloak's own clustering, JDBC_PING), and what a person or a limit leaves behind is
 * the cluster's, not one JVM's: a login in progress survives {@code kill -9} of its node, limits and
 * single-use values count across nodes, the outbox sends once with both nodes polling, and a full
 * restart restarts logins in progress without half-done work. Everything goes through the testkit's
 * {@link org.schoolesia.testkit.LoadBalancer} (both nodes' {@code KC_HOSTNAME}); a test moves a
 * browser to the other node by routing its next request there, cookies and all. Its own fork
 * (profile {@code cluster} in tests/pom.xml).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String PASSWORD = EsiaAccountLinkIT.PASSWORD;
    private static final String TOO_MANY = "Слишком много неудачных попыток";
    /** Both nodes poll the outbox every second: they race for every owed e-mail. */
    private static final List<String> OPTIONS = List.of("--spi-school-mail-outbox--default--poll-seconds=1",
            "--spi-school-mail-outbox--default--retry-first-seconds=1", "--spi-school-mail-outbox--default--retry-max-seconds=1");

    private static TestEnvironment env;
    private static KeycloakCluster cluster;
    private static StaffApi api;
    private static PersonalApi personal;
    /** The demo realm's pupil Соколова Вера (sosh-1-ys). */
    private static final String VERA = "00000000-0000-4000-8000-000000000022";

    @BeforeAll
    static void startCluster() throws Exception {
        Path realmConfig = Path.of(System.getProperty("realm.config")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("test.work.dir", "target/it-work")).resolve("cluster").toAbsolutePath();
        ProductionPathIT.deleteTree(work);
        env = TestEnvironment.startCluster(realmConfig.getParent(), Path.of(System.getProperty("keycloak.home")), realmConfig, work, OPTIONS);
        cluster = env.cluster();
        api = new StaffApi(env);
        api.createTestClient();
        personal = new PersonalApi(env);
        personal.createTestClient();
        EsiaAccountLinkIT.stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF, "maxLinkFailuresPerPerson", "3"));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    @Order(1)
    void issue14_twoNodesOnOneDatabaseFormOneCluster() throws Exception {
        assertTrue(cluster.a().seesMembers(2), "node A's view: " + cluster.a().server().tail(30));
        assertTrue(cluster.b().seesMembers(2), "node B's view: " + cluster.b().server().tail(30));
        // The realm imported through the balancer (to A) is B's too: one database.
        HttpResponse<String> discovery = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                cluster.b().baseUrl() + "/realms/" + DemoRealm.NAME + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, discovery.statusCode(), discovery.body());
        // Both nodes name the balancer: tokens and pages of one are the other's.
        assertEquals(env.keycloak().realmUrl(DemoRealm.NAME), StaffApi.json(discovery.body()).get("issuer").asText());
        String built = Files.readString(cluster.b().dir().resolve("keycloak/conf/keycloak.conf"));
        assertTrue(built.contains("db=postgres"), "node B runs the build of production/keycloak.conf");
    }

    @Test
    @Order(2)
    void r_link_2_theFailureLimitOfAnEsiaPersonCountsOnBothNodes() {
        // Орлова Ольга (no account of hers) tries Андрей's account; three failures, alternating nodes.
        Browser.Page form = EsiaAccountLinkIT.showLink(new EsiaFlow(env).loginAs("1000000010", "parent"));
        KeycloakCluster.Node[] nodes = {cluster.a(), cluster.b(), cluster.a()};
        for (int i = 0; i < nodes.length; i++) {
            cluster.routeTo(nodes[i]);
            form = EsiaAccountLinkIT.link(form, "ddut-ys", "kuznetsov.andrey", "Wrong-pass-" + i);
            EsiaAccountLinkIT.assertPage("link", form);
            assertFalse(form.text().contains(TOO_MANY), "attempt " + (i + 1) + " is within the limit: " + form.text());
            env.realmAdmin().realm().attackDetection().clearAllBruteForce();
        }
        // Node B took one attempt itself: were counts per node, it would still allow two more.
        cluster.routeTo(cluster.b());
        Browser.Page blocked = EsiaAccountLinkIT.link(form, "ddut-ys", "kuznetsov.andrey", "Wrong-pass-3");
        cluster.routeTo(cluster.a());
        assertTrue(blocked.text().contains(TOO_MANY), "the fourth attempt, on B, is over the person's limit: " + blocked.text());
    }

    @Test
    @Order(3)
    void r_fam_2_anInvitationCodeWorksOnceAndTheGuessLimitCountsOnBothNodes() {
        setRealmAttribute("schoolInvitationAttemptsPerParent", "4");
        HttpResponse<String> issued = api.call("POST", "zavuch.sosh1", api.base() + "/people/" + VERA + "/invitation-codes", null, "ru");
        assertEquals(201, issued.statusCode(), issued.body());
        String code = StaffApi.json(issued).get("code").asText();
        for (String[] parent : new String[][] {{"sokolov.ivan", "Соколов"}, {"drugoy.roditel", "Другой"}, {"ugadai.kod", "Угадаев"}}) {
            EsiaAccountLinkIT.createAccount(env, parent[0], "parent", "sosh-1-ys", "Иван", parent[1], "1980-01-11",
                    Map.of("middleName", "Петрович"));
        }
        // Redeemed on B; the same code on A is used up.
        cluster.routeTo(cluster.b());
        HttpResponse<String> redeemed = redeem("sokolov.ivan", code);
        assertEquals(200, redeemed.statusCode(), redeemed.body());
        cluster.routeTo(cluster.a());
        HttpResponse<String> again = redeem("drugoy.roditel", code);
        assertEquals("invitation_not_accepted", StaffApi.json(again).get("error").asText(), again.body());

        // Four wrong guesses alternating A, B, A, B; the fifth, on A, is over the parent's limit of four.
        KeycloakCluster.Node[] nodes = {cluster.a(), cluster.b(), cluster.a(), cluster.b()};
        for (int i = 0; i < nodes.length; i++) {
            cluster.routeTo(nodes[i]);
            HttpResponse<String> guess = redeem("ugadai.kod", "ABCD-EFGH-JKM" + (2 + i));
            assertEquals("invitation_not_accepted", StaffApi.json(guess).get("error").asText(), "guess " + (i + 1) + ": " + guess.body());
        }
        cluster.routeTo(cluster.a());
        HttpResponse<String> limited = redeem("ugadai.kod", "ABCD-EFGH-JKM9");
        assertEquals(429, limited.statusCode(), "were attempts counted per node, A would allow a third: " + limited.body());
    }

    /**
     * R-CERT (issue 13's enumeration guard) on two nodes: a relying system's eligibility calls share one
     * budget per caller and minute across the cluster, not one per node.
     */
    @Test
    @Order(4)
    void r_cert_theEligibilityCallLimitOfACallerCountsOnBothNodes() throws InterruptedException {
        CertificateFixtures.prepare(env);
        setRealmAttribute("schoolCertificateRateLimit", "4");
        // The budget is per minute of the clock: start early in one, so all calls share it.
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 40_000) {
            Thread.sleep(60_000 - intoMinute + 200);
        }
        String token = CertificateFixtures.token(env, CertificateFixtures.LONELY_PARENT);
        KeycloakCluster.Node[] nodes = {cluster.a(), cluster.b(), cluster.a(), cluster.b()};
        for (int i = 0; i < nodes.length; i++) {
            cluster.routeTo(nodes[i]);
            HttpResponse<String> call = CertificateFixtures.eligibility(env, token, "00000000-0000-4000-8000-00000000" + (1000 + i), "ru");
            assertEquals(404, call.statusCode(), "call " + (i + 1) + " is within the budget: " + call.body());
        }
        cluster.routeTo(cluster.a());
        HttpResponse<String> limited = CertificateFixtures.eligibility(env, token, null, "ru");
        cluster.routeTo(cluster.b());
        HttpResponse<String> limitedOnB = CertificateFixtures.eligibility(env, token, null, "ru");
        cluster.routeTo(cluster.a());
        assertEquals(429, limited.statusCode(), "were calls counted per node, A would allow two more: " + limited.body());
        assertEquals(429, limitedOnB.statusCode(), "and B two more: " + limitedOnB.body());
        assertEquals("Слишком много запросов. Повторите через минуту.", StaffApi.json(limited).get("message").asText());
    }

    @Test
    @Order(5)
    void r_req_4_theOutboxSendsEachEmailOnceWithBothNodesPolling() throws Exception {
        String pavlov = AccessRequestFlow.fileRequest(env, env.browser(), "1000000011", "parent", "sosh-1-ys", "5Б", "1000000012", null);
        String sokolova = AccessRequestFlow.fileRequest(env, env.browser(), "1000000008", "parent", "sosh-1-ys", "1А", "1000000009", null);
        env.mail().stop();
        try {
            // Decided one on each node: each node's attempt right after the commit fails.
            KeycloakCluster.Node[] nodes = {cluster.a(), cluster.b()};
            String[] numbers = {pavlov, sokolova};
            for (int i = 0; i < 2; i++) {
                String id = pendingId(numbers[i]);
                cluster.routeTo(nodes[i]);
                HttpResponse<String> rejected = staff("POST", "/" + id + "/reject", Map.of("comment", "Нет в контингенте"));
                assertEquals(200, rejected.statusCode(), rejected.body());
            }
            cluster.routeTo(cluster.a());
            // Owed, not sent: every attempt of both nodes fails while SMTP is down.
            Thread.sleep(3000);
        } finally {
            env.mail().start();
        }
        assertTrue(env.mail().awaitMessage("igor.pavlov@example.ru", Duration.ofSeconds(60)).subject().contains(pavlov));
        assertTrue(env.mail().awaitMessage("elena.sokolova@example.ru", Duration.ofSeconds(60)).subject().contains(sokolova));
        // Several more rounds of both nodes: nothing is sent again.
        Thread.sleep(5000);
        assertEquals(1, env.mail().messagesTo("igor.pavlov@example.ru").size());
        assertEquals(1, env.mail().messagesTo("elena.sokolova@example.ru").size());
        assertEquals(2, env.mail().messages().size(), "each owed e-mail once: " + env.mail().messages());
        assertTrue(sentBy(cluster.a()) + sentBy(cluster.b()) == 2, "two sends in the logs of both nodes together");
    }

    @Test
    @Order(6)
    void issue14_afterAFullRestartALoginInProgressStartsAgainAndNothingIsHalfDone() throws Exception {
        // Андрей at the link form on A; Светлана at the request form on B: then both nodes stop and start again.
        InProgress logins = InProgress.open(cluster.a(), cluster.b());
        cluster.routeTo(cluster.a());
        env.restartCluster();
        api = new StaffApi(env);

        assertStartsAgain(logins.link());
        assertStartsAgain(logins.file("Перед перезапуском"));

        // Nothing half-linked, nothing half-filed; what was done before is all there.
        assertTrue(env.realmAdmin().links(env.realmAdmin().userId("kuznetsov.andrey")).isEmpty(), "Андрей is not linked");
        assertEquals(1, env.realmAdmin().links(env.realmAdmin().userId("ivanova.maria")).size());
        JsonNode decided = StaffApi.json(staff("GET", "?status=rejected", null));
        assertEquals(2, decided.get("items").size(), decided.toString());
        JsonNode pending = StaffApi.json(staff("GET", "?status=pending", null));
        assertEquals(0, pending.get("items").size(), "Светлана's request was not filed: " + pending);
        assertTrue(cluster.a().seesMembers(2) && cluster.b().seesMembers(2), "the cluster formed again");
    }

    @Test
    @Order(7)
    void issue14_aLoginInProgressOnANodeKilledWithSigkillFinishesOnTheOther() throws Exception {
        // Андрей at the link form and Светлана at the request form, both on A.
        InProgress logins = InProgress.open(cluster.a(), cluster.a());
        cluster.kill(cluster.a());
        assertFalse(cluster.isRunning(cluster.a()));

        // The load balancer's health check drops A: the next requests go to B, with the same cookies.
        cluster.routeTo(cluster.b());
        Browser.Page linked = logins.link();
        assertTrue(EsiaAccountLinkIT.isCode(linked), "the link finishes on B: " + linked.status() + " " + linked.location() + " " + linked.text()
                + "\n" + cluster.b().server().tail(40));
        JsonNode tokens = new EsiaFlow(env).redeem(EsiaFlow.codeFrom(linked));
        assertEquals("kuznetsov.andrey", EsiaFlow.claims(tokens.get("id_token").asText()).get("preferred_username").asText());

        String number = AccessRequestFlow.number(logins.file("После отказа узла"));
        assertFalse(pendingId(number).isEmpty(), "filed on B, pending for staff");
    }

    /** Two first ESIA logins stopped half-way: Андрей at the link form, Светлана (and her son Кирилл) at the request form. */
    private record InProgress(Browser.Page linkForm, Browser.Page requestForm) {

        static InProgress open(KeycloakCluster.Node linkNode, KeycloakCluster.Node requestNode) {
            cluster.routeTo(linkNode);
            Browser.Page linkForm = EsiaAccountLinkIT.showLink(new EsiaFlow(env).loginAs("1000000006", "parent"));
            return new InProgress(linkForm, requestFormOn(requestNode, "1000000013"));
        }

        /** «Войти» with Андрей's right login and password. */
        Browser.Page link() {
            return EsiaAccountLinkIT.link(linkForm, "ddut-ys", "kuznetsov.andrey", PASSWORD);
        }

        /** «Отправить»: Кирилл, 9А of sosh-1-ys. */
        Browser.Page file(String comment) {
            return AccessRequestFlow.send(requestForm, AccessRequestFlow.fields(AccessRequestFlow.typeOf(env, "sosh-1-ys"), "sosh-1-ys",
                    AccessRequestFlow.classId(requestForm, "9А"), "1000000014", comment));
        }
    }

    /** An ESIA login started on {@code node} up to the request form, with the organisation chosen. */
    private static Browser.Page requestFormOn(KeycloakCluster.Node node, String oid) {
        cluster.routeTo(node);
        Browser browser = env.browser();
        Browser.Page loginPage = browser.open(env.clientLoginUrl());
        Browser.Page picker = loginPage.follow(org.schoolesia.it.pages.LoginPage.roleButton("parent"));
        Browser.Page unidentified = picker.submit(org.schoolesia.it.pages.EsiaEmulatorPage.personButton(oid));
        Browser.Page contact = AccessRequestFlow.expect("contact", unidentified.submit(org.schoolesia.it.pages.NotFoundPage.CONTACT));
        Browser.Page form = AccessRequestFlow.expect("request", contact.submit(org.schoolesia.it.pages.ContactPage.CONTINUE));
        return AccessRequestFlow.refresh(form, AccessRequestFlow.typeOf(env, "sosh-1-ys"), "sosh-1-ys");
    }

    /** Keycloak restarts the login from its restart cookie: the login page, with our words for its {@code loginTimeout}. */
    private static void assertStartsAgain(Browser.Page page) {
        assertTrue(page.text().contains("сервер был перезапущен. Начните вход заново."),
                "«начните заново»: " + page.status() + " " + page.url() + " " + page.text());
        assertTrue(page.document().selectFirst(org.schoolesia.it.pages.LoginPage.roleButton("parent")) != null, "the login page: " + page.text());
        assertFalse(EsiaAccountLinkIT.isCode(page), "no code for a login the cluster forgot");
    }

    private static HttpResponse<String> staff(String method, String path, Object body) {
        return api.call(method, "zavuch.sosh1", env.keycloak().realmUrl(DemoRealm.NAME) + "/school/access-requests" + path, body, "ru");
    }

    private static String pendingId(String number) {
        for (JsonNode item : StaffApi.json(staff("GET", "?status=pending", null)).get("items")) {
            if (number.equals(item.get("number").asText())) {
                return item.get("id").asText();
            }
        }
        throw new AssertionError("request " + number + " is not pending");
    }

    /** «Добавить ребенка по коду» on the parent's own page, for the demo pupil Соколова Вера. */
    private static HttpResponse<String> redeem(String parent, String code) {
        return api.call("POST", "Bearer " + personal.token(parent), personal.url() + "/children",
                Map.of("lastName", "Соколова", "firstName", "Вера", "code", code), "ru");
    }

    private static void setRealmAttribute(String name, String value) {
        org.keycloak.admin.client.resource.RealmResource realm = env.realmAdmin().realm();
        org.keycloak.representations.idm.RealmRepresentation settings = realm.toRepresentation();
        Map<String, String> attributes = settings.getAttributes() == null ? new java.util.HashMap<>()
                : new java.util.HashMap<>(settings.getAttributes());
        attributes.put(name, value);
        settings.setAttributes(attributes);
        realm.update(settings);
    }

    /** How many e-mails the node's log says it sent. */
    private static long sentBy(KeycloakCluster.Node node) {
        List<String> lines = new ArrayList<>(node.server().logLinesFrom(0));
        return lines.stream().filter(l -> l.contains("mail outbox: e-mail about access request") && l.contains(" sent (attempt") && !l.contains("not sent")).count();
    }
}
