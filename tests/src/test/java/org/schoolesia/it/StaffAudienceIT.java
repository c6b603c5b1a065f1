package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Security rule 4: a staff member's token issued to some other application of the realm (a
 * relying school system) is not accepted by the staff API; one meant for it is.
 */
@ExtendWith(KeycloakExtension.class)
class StaffAudienceIT {

    private final TestEnvironment env;

    StaffAudienceIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
    }

    @Test
    void aTokenForAnotherApplicationIsRefused() throws Exception {
        ClientRepresentation vendor = new ClientRepresentation();
        vendor.setClientId("vendor-system");
        vendor.setEnabled(true);
        vendor.setPublicClient(false);
        vendor.setSecret("vendor-secret");
        vendor.setDirectAccessGrantsEnabled(true);
        vendor.setStandardFlowEnabled(false);
        vendor.setProtocol("openid-connect");
        env.realmAdmin().createClient(vendor);
        String foreign = token("vendor-system", "vendor-secret");
        assertEquals(401, me(foreign).statusCode(), "a token without the staff API audience");

        StaffApi api = new StaffApi(env);
        api.createTestClient();
        assertEquals(200, me(api.token("metodist.ddut")).statusCode());
    }

    private String token(String clientId, String secret) throws Exception {
        String form = "grant_type=password&client_id=" + clientId + "&client_secret=" + secret
                + "&username=metodist.ddut&password=" + URLEncoder.encode("Demo-pass-1", StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(env.keycloak().realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return StaffApi.json(response).get("access_token").asText();
    }

    private HttpResponse<String> me(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(env.keycloak().realmUrl(DemoRealm.NAME) + "/school/staff/me"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
