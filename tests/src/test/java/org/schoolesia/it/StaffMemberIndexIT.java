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
import org.schoolesia.testkit.KeycloakServer;
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

    /** The demo realm imported again after the test, for changes a {@link Cleanup} cannot undo one by one. */
    private void reimportAfterwards() {
        cleanup.add(() -> {
            try {
                env.resetRealm();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            new StaffApi(env).createTestClient();
        });
    }

    private List<String> students(String staff, String surname) {
        return people(staff, "student", surname);
    }

    private List<String> people(String staff, String role, String surname) {
        String query = "/people?role=" + role + (surname == null ? "" : "&surname=" + URLEncoder.encode(surname, StandardCharsets.UTF_8));
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
        reimportAfterwards();
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

    /**
     * Issue 14: a returning Госуслуги login that writes the account (the provider syncs with FORCE:
     * ESIA's surname wins over an admin's edit, ESIA's SNILS fills a card an admin emptied; a SNILS that
     * contradicts ESIA's refuses the login instead) moves it in both indexes, although such a login fires
     * no admin event; the next login, which writes nothing, leaves the rows as they are.
     */
    @Test
    void aReturningEsiaLoginThatWritesTheAccountMovesItInTheIndexes() throws Exception {
        reimportAfterwards();
        UserResource maria = env.realmAdmin().userById(api.userId("ivanova.maria"));
        UserRepresentation user = maria.toRepresentation();
        user.setLastName("Ёлкина");
        user.getAttributes().remove("snils");
        maria.update(user);
        assertEquals(List.of("ivanova.maria"), people("zavuch.sosh1", "parent", "ел"));
        assertEquals(List.of(), bySnils("11223344595"));

        // Госуслуги: Иванова Мария, SNILS 112-233-445 95.
        EsiaFlow.codeFrom(new EsiaFlow(env).loginAs("1000000001", "parent"));
        assertEquals("Иванова", maria.toRepresentation().getLastName());
        assertEquals(List.of(), people("zavuch.sosh1", "parent", "ел"));
        assertEquals(List.of("ivanova.maria"), people("zavuch.sosh1", "parent", "ив"));
        assertEquals(List.of("ivanova.maria"), bySnils("11223344595"));

        EsiaFlow.codeFrom(new EsiaFlow(env).loginAs("1000000001", "parent"));
        assertEquals(List.of("ivanova.maria"), people("zavuch.sosh1", "parent", "ив"));
        assertEquals(List.of("ivanova.maria"), bySnils("11223344595"));
    }

    private List<String> bySnils(String snils) throws Exception {
        String token = OrganisationDirectoryImportIT.adminToken(env, KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
        java.net.http.HttpResponse<String> r = OrganisationDirectoryImportIT.send(env, token, "GET",
                REALM + "/school/users/by-snils/" + snils, null, null);
        assertEquals(200, r.statusCode(), r.body());
        List<String> usernames = new ArrayList<>();
        StaffApi.json(r).forEach(u -> usernames.add(u.get("username").asText()));
        return usernames;
    }
}
