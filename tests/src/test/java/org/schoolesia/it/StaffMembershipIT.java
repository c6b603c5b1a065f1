package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/** Defect 1 of issue 10: staff power needs current membership of the home organisation, on every call. */
@ExtendWith(KeycloakExtension.class)
class StaffMembershipIT {

    private static final String STAFF = "zavuch.sosh1";

    private final TestEnvironment env;
    private final StaffApi api;

    StaffMembershipIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
    }

    @Test
    void defect1_aStaffMemberRemovedFromTheOrganisationLosesEveryPower_withOldAndRefreshedTokens() throws Exception {
        JsonNode grant = StaffApi.json(api.passwordGrant(STAFF, StaffApi.PASSWORD));
        String oldToken = "Bearer " + grant.get("access_token").asText();
        String petr = api.userId("ivanov.petr");
        assertEquals(200, api.get(oldToken, "/people/" + petr).statusCode(), "a member has staff power");

        env.realmAdmin().removeMember("sosh-1-ys", api.userId(STAFF));

        String refreshed = "Bearer " + refresh(grant.get("refresh_token").asText());
        for (String token : new String[] {oldToken, refreshed}) {
            assertRefused(api.get(token, "/people?role=student"), "list");
            assertRefused(api.get(token, "/people/" + petr), "card");
            assertRefused(api.post(token, "/people/" + petr + "/credentials",
                    Map.of("password", "New-pass-12345", "confirmation", "New-pass-12345")), "password");
            assertRefused(api.call("GET", token, api.base() + "/people/" + petr + "/esia-link", null, "ru"), "ESIA link");
            assertRefused(api.call("PUT", token, api.base() + "/people/" + petr + "/esia-link", "{}", "ru"), "ESIA link authorisation");
            String requests = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/access-requests";
            assertRefused(api.call("GET", token, requests, null, "ru"), "request list");
            assertRefused(api.call("POST", token, requests + "/00000000-0000-4000-8000-000000000000/reject", "{}", "ru"), "request decision");
        }
    }

    private static void assertRefused(HttpResponse<String> r, String what) {
        assertEquals(403, r.statusCode(), what + ": " + r.body());
        assertEquals("not_staff", StaffApi.json(r).get("error").asText(), what);
    }

    /** A token refreshed after the removal: Keycloak still issues it, our API must still refuse it. */
    private String refresh(String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&client_id=" + StaffApi.CLIENT_ID + "&client_secret=" + StaffApi.CLIENT_SECRET
                + "&refresh_token=" + java.net.URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(env.keycloak().realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return StaffApi.json(r).get("access_token").asText();
    }
}
