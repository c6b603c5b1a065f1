package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.MailServer;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue #5 end to end, with the real SMTP server (GreenMail) and the real Keycloak: a person files
 * «Обратиться в организацию», staff decide, the outcome e-mail of R-REQ-4 arrives with the seed's
 * text, and the next ESIA login goes straight in (resolved) or not (rejected). An SMTP outage only
 * delays the mail, exactly once; a Keycloak restart between filing and deciding loses nothing.
 */
@ExtendWith(KeycloakExtension.class)
class AccessRequestOutcomeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Retries wait for the next poll (20 s in the tests' server options). */
    private static final Duration MAIL_WAIT = Duration.ofSeconds(45);
    /** A fresh decision's mail is sent right after the commit, well before the next poll. */
    private static final Duration RIGHT_AFTER_COMMIT = Duration.ofSeconds(5);
    private static final String KUZNETSOV_ANDREY = "00000000-0000-4000-8000-000000000020";

    private final TestEnvironment env;
    private StaffApi api;

    AccessRequestOutcomeIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void freshRealm() throws IOException {
        env.resetRealm();
        api = new StaffApi(env);
        api.createTestClient();
    }

    @Test
    void resolvedRequestLinksMailsTheSeedTextAndTheNextLoginGoesStraightIn() throws Exception {
        // R-REQ-1..3: the father of Илья (ОДО ddut-ys) has an account there but no password.
        String number = AccessRequestFlow.fileRequest(env, env.browser(), "1000000006", "parent", "ddut-ys", "Объединение 36 Художник",
                "1000000007", "Не помню пароль от дневника");
        JsonNode request = pendingByNumber("metodist.ddut", number);
        JsonNode detail = json(staff("metodist.ddut", "GET", "/" + request.get("id").asText(), null));
        assertTrue(detail.toString().contains(KUZNETSOV_ANDREY), "the father's account is offered as a candidate: " + detail);

        HttpResponse<String> resolved = staff("metodist.ddut", "POST", "/" + request.get("id").asText() + "/resolve",
                Map.of("accountId", KUZNETSOV_ANDREY, "comment", "Учетная запись привязана"));
        assertEquals(200, resolved.statusCode(), resolved.body());
        assertEquals("resolved", json(resolved).get("status").asText());

        // R-REQ-4, the seed's words, with the number and the comment.
        MailServer.Mail mail = env.mail().awaitMessage("andrey.kuznetsov@example.ru", RIGHT_AFTER_COMMIT);
        assertTrue(mail.subject().contains(number), mail.subject());
        String text = oneLine(mail.text());
        assertTrue(text.contains("Ваше обращение " + number + " рассмотрено сотрудником организации."), text);
        assertTrue(text.contains("Обращение было разрешено с следующим комментарием: Учетная запись привязана."), text);
        assertTrue(text.contains("Теперь Вы можете выполнить вход в систему с использованием данной учетной записи ЕСИА."), text);

        // The next ESIA login enters the linked account without any page of ours.
        EsiaFlow flow = new EsiaFlow(env);
        JsonNode tokens = flow.redeem(EsiaFlow.codeFrom(flow.loginAs("1000000006", "parent")));
        assertEquals(KUZNETSOV_ANDREY, EsiaFlow.claims(tokens.get("id_token").asText()).get("sub").asText());
    }

    @Test
    void rejectedRequestMailsTheCommentAsTextAndTheNextLoginStillFindsNoAccount() throws Exception {
        String number = AccessRequestFlow.fileRequest(env, env.browser(), "1000000008", "parent", "sosh-1-ys", "1А",
                "1000000009", null);
        JsonNode request = pendingByNumber("zavuch.sosh1", number);
        String comment = "<b>Вера</b> учится в 1А? Обратитесь к классному руководителю & принесите свидетельство";
        HttpResponse<String> rejected = staff("zavuch.sosh1", "POST", "/" + request.get("id").asText() + "/reject",
                Map.of("comment", comment));
        assertEquals(200, rejected.statusCode(), rejected.body());

        MailServer.Mail mail = env.mail().awaitMessage("elena.sokolova@example.ru", MAIL_WAIT);
        String text = oneLine(mail.text());
        assertTrue(text.contains("Ваше обращение " + number + " рассмотрено сотрудником организации."), text);
        assertTrue(text.contains("Обращение было отклонено с следующим комментарием: " + comment + "."), text);
        assertFalse(text.contains("Теперь Вы можете выполнить вход"), text);
        // Typed by staff, shown as text: the HTML part escapes the markup instead of rendering it.
        assertFalse(mail.html().contains("<b>Вера</b>"), mail.html());
        assertTrue(mail.html().contains("&lt;b&gt;Вера&lt;/b&gt;"), mail.html());

        Browser.Page next = new EsiaFlow(env).loginAs("1000000008", "parent");
        assertFalse(next.isRedirect() && next.location().startsWith(DemoRealm.CLIENT_REDIRECT), "a rejected request links nothing");
        assertEquals("unidentified", next.document().selectFirst("#school-esia-account").attr("data-page"),
                "no request pending any more: the person may link or ask again");
        // The outcome is also shown at the login (for persons ESIA gave no e-mail), the comment as text.
        assertEquals(number, next.document().selectFirst("#school-request-rejected").attr("data-number"));
        assertEquals(comment, next.document().selectFirst("#school-request-rejected-comment").text());
        // Issue 10: what happened comes first, the comment sits in a box of its own, then «Учетная запись не найдена».
        assertEquals("Ваше обращение № " + number + " отклонено", next.document().selectFirst("#kc-page-title").text());
        Element box = next.document().selectFirst("#school-request-rejected-box");
        assertNotNull(box, next.text());
        assertTrue(box.hasClass("school-request-comment"), box.outerHtml());
        assertEquals("Комментарий сотрудника: " + comment, box.text(), "nothing but the comment in its box");
        String page = next.text();
        int rejectedAt = page.indexOf("отклонено");
        int commentAt = page.indexOf(comment);
        int notFoundAt = page.indexOf("Учетная запись не найдена");
        assertTrue(rejectedAt >= 0 && rejectedAt < commentAt && commentAt < notFoundAt
                && notFoundAt < page.indexOf("Система не может идентифицировать"), page);
        assertFalse(next.body().contains("<b>Вера</b>"), "the staff comment is escaped on the page");
    }

    @Test
    void anSmtpOutageDelaysTheMailButNeverLosesOrDoublesIt() throws Exception {
        String number = AccessRequestFlow.fileRequest(env, env.browser(), "1000000011", "parent", "sosh-1-ys", "5Б",
                "1000000012", null);
        JsonNode request = pendingByNumber("zavuch.sosh1", number);
        env.mail().stop();
        try {
            HttpResponse<String> rejected = staff("zavuch.sosh1", "POST", "/" + request.get("id").asText() + "/reject",
                    Map.of("comment", "Ребенок не найден в контингенте"));
            assertEquals(200, rejected.statusCode(), "the decision does not wait for the mail server: " + rejected.body());
            assertEquals("rejected", json(rejected).get("status").asText());
            // The attempt right after the commit fails; the mail stays owed.
            awaitLog("access request " + number + " not sent", Duration.ofSeconds(20));
        } finally {
            env.mail().start();
        }
        MailServer.Mail mail = env.mail().awaitMessage("igor.pavlov@example.ru", MAIL_WAIT);
        assertTrue(oneLine(mail.text()).contains("Обращение было отклонено с следующим комментарием: Ребенок не найден в контингенте."));
        // Exactly once: later rounds find nothing due.
        Thread.sleep(3000);
        assertEquals(1, env.mail().messagesTo("igor.pavlov@example.ru").size());
    }

    @Test
    void withoutAnSmtpSenderTheLogSaysSoWithoutAddresses_andAdminsSeeIt() throws Exception {
        String number = AccessRequestFlow.fileRequest(env, env.browser(), "1000000008", "parent", "sosh-1-ys", "1А",
                "1000000009", null);
        JsonNode request = pendingByNumber("zavuch.sosh1", number);
        String realmPath = "/realms/" + DemoRealm.NAME;
        ObjectNode smtp = (ObjectNode) env.admin().get(realmPath).get("smtpServer").deepCopy();
        // As the demo realm ships (and the admin console allows): no e-mail settings, so no sender.
        env.admin().put(realmPath, Map.of("smtpServer", Map.of()));
        assertEquals(200, staff("zavuch.sosh1", "POST", "/" + request.get("id").asText() + "/reject", Map.of("comment", "Нет в списке")).statusCode());

        String said = "access request " + number + " not sent (attempt 1): the realm has no SMTP sender configured in realm " + DemoRealm.NAME;
        awaitLog(said, Duration.ofSeconds(20));
        String line = env.keycloak().logLinesFrom(0).stream().filter(l -> l.contains(said)).findFirst().orElseThrow();
        assertFalse(line.contains("@"), "no addresses in the log: " + line);
        assertFalse(env.keycloak().logLinesFrom(0).stream().anyMatch(l -> l.contains("Invalid sender address")), "Keycloak's words are not logged");
        JsonNode info = env.admin().get("/serverinfo").path("providers").path("school-mail-outbox").path("providers").path("default")
                .path("operationalInfo");
        assertTrue(info.path("realm " + DemoRealm.NAME).asText().contains("the realm has no SMTP sender configured"), info.toString());

        // Once an admin sets the sender, the owed e-mail goes out.
        env.admin().put(realmPath, Map.of("smtpServer", smtp));
        assertTrue(oneLine(env.mail().awaitMessage("elena.sokolova@example.ru", MAIL_WAIT).text()).contains(number));
    }

    @Test
    void aKeycloakRestartLosesNeitherAPendingRequestNorAnOwedMail() throws Exception {
        String number = AccessRequestFlow.fileRequest(env, env.browser(), "1000000013", "parent", "sosh-1-ys", "9А",
                "1000000014", "Сын перешел из другой школы");

        // Filed, then the server restarts: the request is still there for staff.
        env.restartKeycloak();
        api = new StaffApi(env); // the test client is in the database; tokens are fetched anew
        JsonNode request = pendingByNumber("zavuch.sosh1", number);
        assertEquals("9А", request.get("className").asText());

        // Decided while the mail server is down, then the server restarts again before the mail could go.
        env.mail().stop();
        JsonNode account;
        try {
            HttpResponse<String> resolved = staff("zavuch.sosh1", "POST", "/" + request.get("id").asText() + "/resolve",
                    Map.of("createAccount", true, "comment", "Создана учетная запись"));
            assertEquals(200, resolved.statusCode(), resolved.body());
            account = json(resolved).path("decision").path("account");
            assertFalse(account.path("id").asText().isEmpty(), resolved.body());
            awaitLog("access request " + number + " not sent", Duration.ofSeconds(20));
            env.restartKeycloak();
            api = new StaffApi(env);
        } finally {
            env.mail().start();
        }
        MailServer.Mail mail = env.mail().awaitMessage("svetlana.morozova@example.ru", MAIL_WAIT);
        assertTrue(oneLine(mail.text()).contains("Ваше обращение " + number + " рассмотрено сотрудником организации."));
        Thread.sleep(3000);
        assertEquals(1, env.mail().messagesTo("svetlana.morozova@example.ru").size(), "sent once, across the restart");

        // The account made from the request is a valid account of the realm's user profile: an admin can save it.
        String userPath = "/realms/" + DemoRealm.NAME + "/users/" + account.get("id").asText();
        JsonNode user = env.admin().get(userPath);
        assertEquals("access-request", user.get("attributes").get("enrolmentSource").get(0).asText());
        env.admin().put(userPath, user);

        EsiaFlow flow = new EsiaFlow(env);
        JsonNode tokens = flow.redeem(EsiaFlow.codeFrom(flow.loginAs("1000000013", "parent")));
        assertEquals(account.get("id").asText(), EsiaFlow.claims(tokens.get("id_token").asText()).get("sub").asText());
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode pendingByNumber(String staffUser, String number) {
        HttpResponse<String> list = staff(staffUser, "GET", "?status=pending", null);
        assertEquals(200, list.statusCode(), list.body());
        for (JsonNode item : json(list).get("items")) {
            if (number.equals(item.get("number").asText())) {
                return item;
            }
        }
        throw new AssertionError("request " + number + " not in " + staffUser + "'s pending list: " + list.body());
    }

    private HttpResponse<String> staff(String asUser, String method, String path, Object body) {
        return api.call(method, asUser, env.keycloak().realmUrl(DemoRealm.NAME) + "/school/access-requests" + path, body, "ru");
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitLog(String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int from = Math.max(0, env.keycloak().logLineCount() - 2000);
        while (System.nanoTime() < deadline) {
            List<String> lines = env.keycloak().logLinesFrom(from);
            if (lines.stream().anyMatch(l -> l.contains(fragment))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no log line with '" + fragment + "' within " + timeout.toSeconds() + " s:\n" + env.keycloak().tail(30));
    }

    /** Mail text wraps lines; the seed sentences are compared with single spaces. */
    private static String oneLine(String text) {
        assertNotNull(text);
        return text.replaceAll("\\s+", " ");
    }
}
