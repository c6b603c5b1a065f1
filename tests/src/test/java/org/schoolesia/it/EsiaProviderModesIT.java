package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.SigningServiceStub;
import org.schoolesia.testkit.TestEnvironment;

/** The settings an operator can choose in the admin console, each through a full login. */
@ExtendWith(KeycloakExtension.class)
class EsiaProviderModesIT {

    private final TestEnvironment env;

    EsiaProviderModesIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
    }

    /** Смирнов Олег (1000000003) is linked to the staff account smirnov.oleg in the demo realm. */
    private static final String OLEG = "1000000003";
    private static final String STAFF = "staff";

    private JsonNode loginAndReadIdToken(String oid) throws Exception {
        EsiaFlow flow = new EsiaFlow(env);
        return EsiaFlow.claims(flow.redeem(EsiaFlow.codeFrom(flow.loginAs(oid, STAFF))).get("id_token").asText());
    }

    @Test
    void rs256TokensFromEsiaAreVerifiedToo() throws Exception {
        env.updateEsiaConfig(Map.of("clientId", "SCHOOL-DEMO-RSA"));
        assertEquals("Смирнов", loginAndReadIdToken(OLEG).get("family_name").asText());
    }

    @Test
    void legacyProtocolWithCmsSignatureWorks() throws Exception {
        env.updateEsiaConfig(Map.of("esiaProtocol", "legacy"));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page picker = flow.chooseEsia(flow.openLoginPage(), STAFF);
        assertTrue(picker.url().contains("/aas/oauth2/ac?"), picker.url());
        EsiaFlow.codeFrom(flow.pickPerson(picker, OLEG));
    }

    @Test
    void pkcs12KeyWorks() throws Exception {
        byte[] p12 = Files.readAllBytes(env.realmConfig().resolve("keys/client-gost.p12"));
        env.updateEsiaConfig(Map.of("signerKey", Base64.getEncoder().encodeToString(p12), "signerKeyPassword", "demo"));
        assertEquals("Смирнов", loginAndReadIdToken(OLEG).get("family_name").asText());
    }

    @Test
    void rawHexKeyWorks() throws Exception {
        env.updateEsiaConfig(Map.of("signerKey", Files.readString(env.realmConfig().resolve("keys/client-gost.rawkey.hex")).trim()));
        assertEquals("Смирнов", loginAndReadIdToken(OLEG).get("family_name").asText());
    }

    @Test
    void reversedSignatureBytesSwitchSendsTheOtherByteOrder() {
        env.updateEsiaConfig(Map.of("esiaReverseSignatureBytes", "true"));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page picker = flow.chooseEsia(flow.openLoginPage(), STAFF);
        assertEquals("reversed", picker.header("X-Emulator-Signature-Order"));
        EsiaFlow.codeFrom(flow.pickPerson(picker, OLEG));
    }

    @Test
    void externalHttpSignerSignsForKeycloak() throws Exception {
        try (SigningServiceStub signer = SigningServiceStub.start(env.realmConfig().resolve("keys/client-gost.key.pem"),
                env.realmConfig().resolve("keys/client-gost.crt.pem"), "Bearer signer-token")) {
            env.updateEsiaConfig(Map.of("esiaSigner", "http", "signerKey", "", "signerUrl", signer.url(),
                    "signerAuthorization", "Bearer signer-token"));
            assertEquals("Смирнов", loginAndReadIdToken(OLEG).get("family_name").asText());
            assertEquals(2, signer.requests(), "one signature for the authorization, one for the token request");
        }
    }

    @Test
    void logoutGoesThroughEsiaWithRedirectUrl() throws Exception {
        EsiaFlow flow = new EsiaFlow(env);
        JsonNode tokens = flow.redeem(EsiaFlow.codeFrom(flow.loginAs(OLEG, STAFF)));
        Browser.Page done = flow.browser().open(env.keycloak().realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/logout?client_id="
                + DemoRealm.CLIENT_ID + "&id_token_hint=" + tokens.get("id_token").asText()
                + "&post_logout_redirect_uri=" + java.net.URLEncoder.encode(DemoRealm.CLIENT_REDIRECT, java.nio.charset.StandardCharsets.UTF_8));
        String esiaLogout = flow.browser().history().stream().filter(u -> u.contains("/idp/ext/Logout")).findFirst()
                .orElseThrow(() -> new AssertionError("Keycloak did not send the browser to ESIA's logout: " + flow.browser().history()));
        assertTrue(esiaLogout.contains("client_id=SCHOOL-DEMO") && esiaLogout.contains("redirect_url="), esiaLogout);
        assertTrue(done.isRedirect() && done.location().startsWith(DemoRealm.CLIENT_REDIRECT), done.status() + " " + done.text());
        String oleg = env.realmAdmin().userId("smirnov.oleg");
        assertEquals(oleg, EsiaFlow.claims(tokens.get("id_token").asText()).get("sub").asText());
        assertEquals(0, env.realmAdmin().sessionCount(oleg));
    }
}
