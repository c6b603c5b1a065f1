package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schoolesia.it.OrganisationDirectoryImportIT.JSON;
import static org.schoolesia.it.OrganisationDirectoryImportIT.ok;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.KeycloakServer;
import org.schoolesia.testkit.TestEnvironment;

/** Accounts by SNILS through our SCHOOL_SNILS index, kept in line with what admins do in Keycloak's own API. */
@ExtendWith(KeycloakExtension.class)
class SnilsIndexIT {

    private static final String BY_SNILS = "/realms/" + DemoRealm.NAME + "/school/users/by-snils/";
    private static final String MARIA_SNILS = "11223344595";
    private static final String NEW_SNILS = "11223344696";

    private final TestEnvironment env;

    SnilsIndexIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeAll
    static void freshRealm(TestEnvironment env) throws Exception {
        env.resetRealm();
    }

    /** Each test puts back what it changed; only the master realm's account is left to remove. */
    @AfterAll
    static void removeTheNoRightsAdmin(TestEnvironment env) {
        OrganisationDirectoryImportIT.deleteNoRightsUser(env);
    }

    private JsonNode bySnils(String snils) throws Exception {
        return ok(get(BY_SNILS + snils));
    }

    private HttpResponse<String> get(String path) throws Exception {
        String token = OrganisationDirectoryImportIT.adminToken(env, KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
        return OrganisationDirectoryImportIT.send(env, token, "GET", path, null, null);
    }

    @Test
    void findsTheDemoParentByHerSnilsInAnyWrittenForm() throws Exception {
        JsonNode found = bySnils(MARIA_SNILS);
        assertEquals(1, found.size(), found.toString());
        assertEquals("ivanova.maria", found.get(0).get("username").asText());
        assertEquals("parent", found.get(0).get("schoolRole").asText());
        assertEquals("sosh-1-ys", found.get(0).get("homeOrganization").asText());
        assertTrue(found.get(0).get("id").asText().length() > 0);
        assertEquals(found, bySnils("112-233-445%2095"), "ESIA's display form finds the same account");
        assertEquals(0, bySnils("98765432183").size(), "a valid SNILS nobody holds");
    }

    @Test
    void invalidSnilsIs400() throws Exception {
        for (String bad : new String[]{"11223344596", "1122334459", "abc"}) {
            HttpResponse<String> response = get(BY_SNILS + bad);
            assertEquals(400, response.statusCode(), bad + " → " + response.body());
            assertEquals("invalid_snils", JSON.readTree(response.body()).get("error").asText());
            assertTrue(!response.body().contains(bad) || bad.equals("abc"), "the answer does not repeat the number");
        }
    }

    @Test
    void anAdminChangingTheSnilsInKeycloaksOwnApiMovesTheAccountInTheIndex() throws Exception {
        String id = bySnils(MARIA_SNILS).get(0).get("id").asText();
        UserResource maria = env.realmAdmin().userById(id);
        try {
            setSnils(maria, NEW_SNILS);
            assertEquals(0, bySnils(MARIA_SNILS).size(), "not found under the old SNILS");
            JsonNode found = bySnils(NEW_SNILS);
            assertEquals(1, found.size(), found.toString());
            assertEquals("ivanova.maria", found.get(0).get("username").asText());

            // The operator's rebuild gives the same answer.
            JsonNode rebuilt = ok(OrganisationDirectoryImportIT.post(env, "/realms/" + DemoRealm.NAME + "/school/snils-index/rebuild", "application/json", null));
            assertTrue(rebuilt.get("indexed").asInt() >= 3, rebuilt.toString());
            assertEquals("ivanova.maria", bySnils(NEW_SNILS).get(0).get("username").asText());
            assertEquals(0, bySnils(MARIA_SNILS).size());

            // And back.
            setSnils(maria, MARIA_SNILS);
            assertEquals(id, bySnils(MARIA_SNILS).get(0).get("id").asText());
            assertEquals(0, bySnils(NEW_SNILS).size());
        } finally {
            // Put back even when an assertion failed: the other tests of this class expect the demo's SNILS.
            setSnils(maria, MARIA_SNILS);
        }
    }

    private static void setSnils(UserResource user, String snils) {
        UserRepresentation representation = user.toRepresentation();
        representation.getAttributes().put("snils", List.of(snils));
        user.update(representation);
    }

    @Test
    void aTokenWithoutUserRightsIsRefused() throws Exception {
        String token = OrganisationDirectoryImportIT.noRightsToken(env);
        assertEquals(403, OrganisationDirectoryImportIT.send(env, token, "GET", BY_SNILS + MARIA_SNILS, null, null).statusCode());
        assertEquals(403, OrganisationDirectoryImportIT.send(env, token, "POST", "/realms/" + DemoRealm.NAME + "/school/snils-index/rebuild",
                null, null).statusCode());
    }
}
