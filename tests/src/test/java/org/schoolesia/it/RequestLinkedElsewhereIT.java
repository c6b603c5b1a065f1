package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Defect 9 (issue 10): Кузнецов Андрей (ESIA 1000000006) asks the ДДЮТ for access as a parent
 * (R-REQ-1); when he is then linked to his parent account there another way, his request closes
 * itself — out of the staff queue and the overdue count, shown as «Привязан другим способом», audited.
 */
@ExtendWith(KeycloakExtension.class)
class RequestLinkedElsewhereIT {

    private static final String REALM = "/realms/" + DemoRealm.NAME;
    private static final String DDUT = "ddut-ys";
    private static final String DDUT_CLASS = "Объединение 36 Художник";
    private static final String ANDREY_OID = "1000000006";
    private static final String ILYA_OID = "1000000007";
    private static final String ANDREY = "00000000-0000-4000-8000-000000000020";
    private static final String METODIST = "00000000-0000-4000-8000-000000000002";
    /** Кузнецов Андрей's SNILS at ESIA: a card must carry it before staff link it. */
    private static final String ANDREY_ESIA_SNILS = "19876543247";

    private final TestEnvironment env;
    private final StaffApi api;

    RequestLinkedElsewhereIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
    }

    @Test
    void defect9_staffLinkByOidClosesThePendingRequest() {
        String number = filePendingRequest();
        setSnils(ANDREY, ANDREY_ESIA_SNILS);
        assertEquals(200, staffLink("{\"esiaOid\":\"" + ANDREY_OID + "\"}").statusCode());

        JsonNode request = assertClosed(number);
        assertEquals(METODIST, request.get("decision").get("decidedBy").get("id").asText(), request.toString());
        assertEquals("staff", closingEvent(number).get("details").get("link_method").asText());
        // The REST view in the caller's language.
        JsonNode english = StaffApi.json(api.call("GET", "metodist.ddut", base() + "/" + number, null, "en"));
        assertEquals("Linked another way", english.get("decision").get("statusLabel").asText(), english.toString());
    }

    @Test
    void defect9_staffCardAuthorisationCompletedAtLoginClosesThePendingRequest() {
        // SNILS matching off: only the staff authorisation links him, at his next ESIA login.
        EsiaAccountLinkIT.stepConfig(env, Map.of("snilsAutoLink", "false"));
        try {
            String number = filePendingRequest();
            setSnils(ANDREY, ANDREY_ESIA_SNILS);
            assertEquals(200, staffLink("{}").statusCode());
            assertEquals("pending", request(number).get("status").asText(), "an authorisation alone links nobody yet");

            Browser.Page in = new EsiaFlow(env).loginAs(ANDREY_OID, "parent");
            assertTrue(EsiaAccountLinkIT.isCode(in), in.status() + " " + in.location() + ": " + in.text());
            JsonNode request = assertClosed(number);
            assertTrue(request.get("decision").path("decidedBy").isNull() || request.get("decision").path("decidedBy").isMissingNode(),
                    "the person's own login closed it: " + request);
            assertEquals("staff-card", closingEvent(number).get("details").get("link_method").asText());
        } finally {
            EsiaAccountLinkIT.stepConfig(env, Map.of("snilsAutoLink", "true"));
        }
    }

    private String filePendingRequest() {
        String number = AccessRequestFlow.fileRequest(env, env.browser(), ANDREY_OID, "parent", DDUT, DDUT_CLASS, ILYA_OID, null);
        assertEquals(1, list("status=pending").get("total").asInt());
        return number;
    }

    /** Closed by itself: no longer pending nor overdue, «Привязан другим способом», his account named. */
    private JsonNode assertClosed(String number) {
        JsonNode pending = list("status=pending");
        assertEquals(0, pending.get("total").asInt(), pending.toString());
        assertEquals(0, pending.get("overdueTotal").asInt(), pending.toString());
        JsonNode request = request(number);
        assertEquals("linked-elsewhere", request.get("status").asText(), request.toString());
        JsonNode decision = request.get("decision");
        assertEquals("linked-elsewhere", decision.get("status").asText());
        assertEquals("Привязан другим способом", decision.get("statusLabel").asText());
        assertEquals(ANDREY, decision.get("account").get("id").asText());
        assertEquals(List.of(number), numbers(list("status=linked-elsewhere")));
        return request;
    }

    private JsonNode closingEvent(String number) {
        List<JsonNode> events = new ArrayList<>();
        env.admin().get(REALM + "/events?type=CUSTOM_REQUIRED_ACTION&max=1000").forEach(e -> {
            if (number.equals(e.path("details").path("request_number").asText())
                    && "linked_elsewhere".equals(e.path("details").path("school_access_request").asText())) {
                events.add(e);
            }
        });
        assertEquals(1, events.size(), events.toString());
        assertEquals(ANDREY, events.get(0).get("userId").asText());
        return events.get(0);
    }

    private String base() {
        return env.keycloak().realmUrl(DemoRealm.NAME) + "/school/access-requests";
    }

    private JsonNode list(String query) {
        return ok(api.call("GET", "metodist.ddut", base() + "?" + query, null, "ru"));
    }

    private JsonNode request(String number) {
        return ok(api.call("GET", "metodist.ddut", base() + "/" + number, null, "ru"));
    }

    private HttpResponse<String> staffLink(String body) {
        HttpResponse<String> r = api.call("PUT", "metodist.ddut", api.base() + "/people/" + ANDREY + "/esia-link", body, "ru");
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    private void setSnils(String userId, String snils) {
        String path = REALM + "/users/" + userId;
        ObjectNode user = (ObjectNode) env.admin().get(path);
        ((ObjectNode) user.get("attributes")).putArray("snils").add(snils);
        env.admin().put(path, user);
    }

    private static JsonNode ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return StaffApi.json(r);
    }

    private static List<String> numbers(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("number").asText()));
        return out;
    }
}
