package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/** A person logs in to the demo school system through ESIA (the emulator) and a real Keycloak. */
@ExtendWith(KeycloakExtension.class)
class EsiaLoginIT {

    private final TestEnvironment env;

    EsiaLoginIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeAll
    static void freshRealm(TestEnvironment env) throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
    }

    @Test
    void parentLogsInAndTheApplicationGetsTheMappedClaims() throws Exception {
        EsiaFlow flow = new EsiaFlow(env);
        String code = EsiaFlow.codeFrom(flow.loginAs("1000000001"));
        JsonNode tokens = flow.redeem(code);
        JsonNode id = EsiaFlow.claims(tokens.get("id_token").asText());

        assertEquals("Мария", id.get("given_name").asText());
        assertEquals("Иванова", id.get("family_name").asText());
        assertEquals("Петровна", id.get("middle_name").asText());
        assertEquals("true", id.get("esia_trusted").asText());
        assertEquals("PR", id.get("esia_level").asText());
        assertTrue(id.get("snils").asText().matches("\\d{11}"), id.toString());
        assertTrue(id.get("birthdate").asText().matches("\\d{4}-\\d{2}-\\d{2}"), id.toString());

        JsonNode user = env.admin().users(DemoRealm.NAME, "esia-1000000001").get(0);
        assertEquals("esia-1000000001", user.get("username").asText());
        // Children from ESIA's /kids, with their birth certificates from /kids/{oid}/docs.
        JsonNode kids = new com.fasterxml.jackson.databind.ObjectMapper().readTree(user.get("attributes").get("esiaKids").get(0).asText());
        assertEquals(2, kids.size(), kids.toString());
        assertEquals("Пётр", kids.get(0).get("firstName").asText());
        assertTrue(kids.get(0).get("birthCertificate").asText().startsWith("IV-МЮ "), kids.toString());
        // ESIA's mappers wrote the SNILS without any admin event: the index still knows it.
        JsonNode bySnils = env.admin().get("/realms/" + DemoRealm.NAME + "/school/users/by-snils/" + id.get("snils").asText());
        assertTrue(bySnils.toString().contains("esia-1000000001"), bySnils.toString());
        JsonNode links = env.admin().get("/realms/" + DemoRealm.NAME + "/users/" + user.get("id").asText() + "/federated-identity");
        assertEquals("esia", links.get(0).get("identityProvider").asText());
        assertEquals("1000000001", links.get(0).get("userId").asText());
    }

    @Test
    void unconfirmedAccountIsMarkedSoLaterFlowsCanRefuseIt() throws Exception {
        EsiaFlow flow = new EsiaFlow(env);
        JsonNode id = EsiaFlow.claims(flow.redeem(EsiaFlow.codeFrom(flow.loginAs("1000000004"))).get("id_token").asText());
        assertEquals("false", id.get("esia_trusted").asText());
        assertEquals("P", id.get("esia_level").asText());
    }

    @Test
    void returningPersonGoesStraightInWithoutASecondAccount() throws Exception {
        EsiaFlow first = new EsiaFlow(env);
        EsiaFlow.codeFrom(first.loginAs("1000000003"));
        int users = env.admin().userCount(DemoRealm.NAME);

        EsiaFlow again = new EsiaFlow(env);
        EsiaFlow.codeFrom(again.loginAs("1000000003"));
        assertEquals(users, env.admin().userCount(DemoRealm.NAME));
        assertFalse(env.admin().users(DemoRealm.NAME, "esia-1000000003").isEmpty());
    }
}
