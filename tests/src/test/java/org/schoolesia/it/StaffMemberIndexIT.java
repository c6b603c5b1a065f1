package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.Cleanup;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.RealmAdmin;
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

    /** What a test changed in the demo realm, undone after it (the realm is imported once per class). */
    private final Cleanup cleanup = new Cleanup();

    @BeforeAll
    static void freshRealm(TestEnvironment env) throws Exception {
        env.resetRealm();
        new StaffApi(env).createTestClient();
    }

    @AfterEach
    void undoChanges() {
        cleanup.close();
    }

    private List<String> students(String staff, String surname) {
        String query = "/people?role=student" + (surname == null ? "" : "&surname=" + URLEncoder.encode(surname, StandardCharsets.UTF_8));
        JsonNode list = StaffApi.json(api.get(staff, query));
        List<String> names = new ArrayList<>();
        list.get("items").forEach(i -> names.add(i.get("username").asText()));
        assertEquals(names.size(), list.get("total").asInt(), list.toString());
        return names;
    }

    @Test
    void membersAddedAndRemovedByAnAdminShowInTheStaffList() {
        RealmAdmin admin = env.realmAdmin();
        String anna = api.userId("ivanova.anna");
        assertEquals(List.of("ivanov.petr", "kuznetsov.ilya"), students("metodist.ddut", null));

        admin.addMember("ddut-ys", anna);
        cleanup.add(() -> admin.ensureNotMember("ddut-ys", anna));
        assertEquals(List.of("ivanov.petr", "ivanova.anna", "kuznetsov.ilya"), students("metodist.ddut", null));
        assertEquals(List.of("ivanov.petr", "ivanova.anna"), students("metodist.ddut", "ИВ"));

        admin.removeMember("ddut-ys", anna);
        assertEquals(List.of("ivanov.petr", "kuznetsov.ilya"), students("metodist.ddut", null));
    }

    @Test
    void aSurnameChangedOrAUserDeletedByAnAdminShowsInTheStaffList() throws Exception {
        // A demo account is deleted: only a re-import brings it back with its id, links and memberships.
        cleanup.add(() -> {
            try {
                env.resetRealm();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            new StaffApi(env).createTestClient();
        });
        UserResource ilya = env.realmAdmin().userById(api.userId("kuznetsov.ilya"));
        UserRepresentation user = ilya.toRepresentation();
        user.setLastName("Ёлкин");
        ilya.update(user);
        assertEquals(List.of("kuznetsov.ilya"), students("metodist.ddut", "ел"));
        assertEquals(List.of(), students("metodist.ddut", "ку"));

        JsonNode rebuilt = StaffApi.json(OrganisationDirectoryImportIT.post(env, REALM + "/school/snils-index/rebuild", "application/json", null).body());
        assertTrue(rebuilt.get("indexed").asInt() >= 3, rebuilt.toString());
        assertTrue(rebuilt.get("members").asInt() >= 5, rebuilt.toString());
        assertEquals(List.of("kuznetsov.ilya"), students("metodist.ddut", "Ёл"));

        ilya.remove();
        assertEquals(List.of("ivanov.petr"), students("metodist.ddut", null));
    }
}
