package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The staff list reads our SCHOOL_MEMBER index: what admins do in Keycloak's own API (members
 * added or removed, a surname changed, a user deleted) shows in the list at once.
 */
@ExtendWith(KeycloakExtension.class)
class StaffMemberIndexIT {

    private static final String REALM = "/realms/" + DemoRealm.NAME;

    private final TestEnvironment env;
    private final StaffApi api;

    StaffMemberIndexIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
    }

    @AfterAll
    static void leaveTheDemoAsItWas(TestEnvironment env) throws Exception {
        env.resetRealm();
    }

    private List<String> students(String staff, String surname) {
        String query = "/people?role=student" + (surname == null ? "" : "&surname=" + URLEncoder.encode(surname, StandardCharsets.UTF_8));
        JsonNode list = StaffApi.json(api.get(staff, query));
        List<String> names = new ArrayList<>();
        list.get("items").forEach(i -> names.add(i.get("username").asText()));
        assertEquals(names.size(), list.get("total").asInt(), list.toString());
        return names;
    }

    private String organisationId(String alias) {
        for (JsonNode org : env.admin().get(REALM + "/organizations?max=1000")) {
            if (alias.equals(org.get("alias").asText())) {
                return org.get("id").asText();
            }
        }
        throw new IllegalStateException("no organisation " + alias);
    }

    @Test
    void membersAddedAndRemovedByAnAdminShowInTheStaffList() {
        String ddut = organisationId("ddut-ys");
        String anna = api.userId("ivanova.anna");
        assertEquals(List.of("ivanov.petr", "kuznetsov.ilya"), students("metodist.ddut", null));

        env.admin().post(REALM + "/organizations/" + ddut + "/members", anna);
        assertEquals(List.of("ivanov.petr", "ivanova.anna", "kuznetsov.ilya"), students("metodist.ddut", null));
        assertEquals(List.of("ivanov.petr", "ivanova.anna"), students("metodist.ddut", "ИВ"));

        env.admin().delete(REALM + "/organizations/" + ddut + "/members/" + anna);
        assertEquals(List.of("ivanov.petr", "kuznetsov.ilya"), students("metodist.ddut", null));
    }

    @Test
    void aSurnameChangedOrAUserDeletedByAnAdminShowsInTheStaffList() throws Exception {
        String ilya = api.userId("kuznetsov.ilya");
        String path = REALM + "/users/" + ilya;
        ObjectNode user = (ObjectNode) env.admin().get(path);
        user.put("lastName", "Ёлкин");
        env.admin().put(path, user);
        assertEquals(List.of("kuznetsov.ilya"), students("metodist.ddut", "ел"));
        assertEquals(List.of(), students("metodist.ddut", "ку"));

        JsonNode rebuilt = StaffApi.json(OrganisationDirectoryImportIT.post(env, REALM + "/school/snils-index/rebuild", "application/json", null).body());
        assertTrue(rebuilt.get("indexed").asInt() >= 3, rebuilt.toString());
        assertTrue(rebuilt.get("members").asInt() >= 5, rebuilt.toString());
        assertEquals(List.of("kuznetsov.ilya"), students("metodist.ddut", "Ёл"));

        env.admin().delete(path);
        assertEquals(List.of("ivanov.petr"), students("metodist.ddut", null));
    }
}
