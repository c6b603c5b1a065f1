package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.OrganizationResource;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.KeycloakServer;
import org.schoolesia.testkit.TestEnvironment;

/** R-ORG-1: a realm admin loads a region's organisation directory (JSON or CSV) into Keycloak's Organizations. */
@ExtendWith(KeycloakExtension.class)
class OrganisationDirectoryImportIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String IMPORT = "/realms/" + DemoRealm.NAME + "/school/organizations/import";
    static final String NO_RIGHTS_USER = "no-rights-admin";

    private static final String JSON_DIRECTORY = """
            [{"alias":"sosh-5-poronaysk","name":"МБОУ СОШ № 5 г. Поронайска","fullName":"Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 5 г. Поронайска",
              "type":"school","region":"Сахалинская обл","municipality":"Поронайский городской округ","settlement":"Поронайск, г.",
              "timeZone":"Asia/Sakhalin","classes":["1А","5А","11Б"],"enabled":true},
             {"alias":"ds-3-poronaysk","name":"МБДОУ Детский сад № 3 г. Поронайска","fullName":"Муниципальное бюджетное дошкольное образовательное учреждение детский сад № 3 г. Поронайска",
              "type":"Дошкольная","region":"Сахалинская обл","municipality":"Поронайский городской округ","settlement":"Поронайск, г.",
              "timeZone":"Asia/Sakhalin","classes":["Младшая группа"]},
             {"alias":"cdt-poronaysk","name":"МБУДО ЦДТ г. Поронайска","fullName":"Муниципальное бюджетное учреждение дополнительного образования Центр детского творчества г. Поронайска",
              "type":"supplementary","region":"Сахалинская обл","municipality":"Поронайский городской округ","settlement":"Поронайск, г.",
              "timeZone":"Asia/Sakhalin","classes":[],"enabled":false}]
            """;

    private static final String CSV_DIRECTORY = "\uFEFFalias;name;fullName;type;region;municipality;settlement;timeZone;classes\r\n"
            + "sosh-1-kholmsk;МАОУ СОШ № 1 г. Холмска;\"Муниципальное автономное общеобразовательное учреждение \"\"Средняя школа № 1\"\" г. Холмска\";"
            + "Общеобразовательная;Сахалинская обл;Холмский городской округ;Холмск, г.;Asia/Sakhalin;1А|2А|9В\r\n"
            + "ddt-kholmsk;МБУДО ДДТ г. Холмска;Муниципальное бюджетное учреждение дополнительного образования Дом детского творчества г. Холмска;"
            + "Дополнительное образование детей;Сахалинская обл;Холмский городской округ;Холмск, г.;Asia/Sakhalin;Объединение «Робототехника»\r\n";

    private final TestEnvironment env;

    OrganisationDirectoryImportIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeAll
    static void freshRealm(TestEnvironment env) throws Exception {
        env.resetRealm();
    }

    /**
     * The organisations this class imports stay in the demo realm until the next class re-imports it
     * (every class starts from a fresh import); only the master realm's account is ours to remove.
     */
    @AfterAll
    static void removeTheNoRightsAdmin(TestEnvironment env) {
        deleteNoRightsUser(env);
    }

    @Test
    void r_org_1_jsonDirectoryCreatesOrganisationsVisibleInKeycloaksOwnAdminApi() throws Exception {
        JsonNode result = ok(post(env, IMPORT, "application/json", JSON_DIRECTORY));
        assertEquals(counts(3, 0, 0), result);

        OrganizationRepresentation school = organisation("sosh-5-poronaysk");
        assertEquals("МБОУ СОШ № 5 г. Поронайска", school.getName());
        assertTrue(school.isEnabled());
        Map<String, List<String>> attributes = school.getAttributes();
        assertEquals("Сахалинская обл", attributes.get("region").get(0));
        assertEquals("Поронайский городской округ", attributes.get("municipality").get(0));
        assertEquals("Поронайск, г.", attributes.get("settlement").get(0));
        assertEquals("school", attributes.get("type").get(0));
        assertEquals("Asia/Sakhalin", attributes.get("timeZone").get(0));
        assertTrue(attributes.get("fullName").get(0).startsWith("Муниципальное бюджетное общеобразовательное"));
        assertEquals(List.of("11Б", "1А", "5А"), groupNames(school));

        OrganizationRepresentation kindergarten = organisation("ds-3-poronaysk");
        assertEquals("preschool", kindergarten.getAttributes().get("type").get(0), "the Russian label is stored as the code");
        assertEquals(List.of("Младшая группа"), groupNames(kindergarten));
        OrganizationRepresentation odo = organisation("cdt-poronaysk");
        assertEquals(false, odo.isEnabled());
        assertEquals(List.of(), groupNames(odo));

        // Idempotent: the same file again changes nothing and creates no second group.
        assertEquals(counts(0, 0, 3), ok(post(env, IMPORT, "application/json", JSON_DIRECTORY)));
        assertEquals(List.of("11Б", "1А", "5А"), groupNames(organisation("sosh-5-poronaysk")));
    }

    @Test
    void r_org_1_csvDirectoryLoadsAndReRunUpdatesOnlyWhatChangedKeepingExistingGroups() throws Exception {
        assertEquals(counts(2, 0, 0), ok(post(env, IMPORT, "text/csv; charset=UTF-8", CSV_DIRECTORY)));
        OrganizationRepresentation school = organisation("sosh-1-kholmsk");
        assertEquals("Муниципальное автономное общеобразовательное учреждение \"Средняя школа № 1\" г. Холмска",
                school.getAttributes().get("fullName").get(0));
        assertEquals(List.of("1А", "2А", "9В"), groupNames(school));
        assertEquals("supplementary", organisation("ddt-kholmsk").getAttributes().get("type").get(0));

        assertEquals(counts(0, 0, 2), ok(post(env, IMPORT, "text/csv", CSV_DIRECTORY)));

        // Next year's file: a renamed settlement and a new class for the school; 1А and 2А no longer
        // listed but kept (members may still be in them); an attribute an admin added stays.
        OrganizationResource kholmsk = env.realmAdmin().realm().organizations().get(school.getId());
        OrganizationRepresentation edited = kholmsk.toRepresentation();
        edited.singleAttribute("note", "added in the console");
        try (Response response = kholmsk.update(edited)) {
            assertEquals(204, response.getStatus(), () -> response.readEntity(String.class));
        }
        String nextYear = CSV_DIRECTORY.replace("Холмск, г.;Asia/Sakhalin;1А|2А|9В", "г. Холмск;Asia/Sakhalin;9В|10А");
        assertEquals(counts(0, 1, 1), ok(post(env, IMPORT, "text/csv", nextYear)));
        school = organisation("sosh-1-kholmsk");
        assertEquals("г. Холмск", school.getAttributes().get("settlement").get(0));
        assertEquals("added in the console", school.getAttributes().get("note").get(0));
        assertEquals(List.of("10А", "1А", "2А", "9В"), groupNames(school));
    }

    @Test
    void badRowsRefuseTheWholeFileAndNameEveryProblem() throws Exception {
        String csv = "alias;name;fullName;type;region;municipality;settlement;timeZone;classes\n"
                + "good-row;Хорошая школа;Хорошая школа полностью;school;Сахалинская обл;ГО;Невельск, г.;Asia/Sakhalin;1А\n"
                + "Плохой;Школа без типа;Полное;гимназия;Сахалинская обл;ГО;Невельск, г.;Sakhalin/Time;\n"
                + "good-row;Ещё одна;Полное;school;Сахалинская обл;;Невельск, г.;Asia/Sakhalin;\n"
                // a name another organisation of the realm already holds (demo school, other alias)
                + "taken-name;МАОУ СОШ № 1 г. Южно-Сахалинска;Полное;school;Сахалинская обл;ГО;Невельск, г.;Asia/Sakhalin;\n";
        HttpResponse<String> response = post(env, IMPORT, "text/csv", csv);
        assertEquals(422, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("invalid_rows", body.get("error").asText());
        List<String> problems = new ArrayList<>();
        body.get("rows").forEach(r -> problems.add(r.get("row").asInt() + ": " + r.get("message").asText()));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("3: alias 'Плохой' must be")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("3: unknown type 'гимназия'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("3: timeZone 'Sakhalin/Time'")), problems.toString());
        assertTrue(problems.contains("4: municipality is required"), problems.toString());
        assertTrue(problems.contains("4: alias 'good-row' already used in row 2"), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.startsWith("2:")), problems.toString());
        assertTrue(organisations("Хорошая школа").isEmpty(), "nothing saved");

        // Rows that are each fine, but one takes a name an existing organisation holds: still nothing saved.
        String conflict = "alias;name;fullName;type;region;municipality;settlement;timeZone;classes\n"
                + "good-row;Хорошая школа;Хорошая школа полностью;school;Сахалинская обл;ГО;Невельск, г.;Asia/Sakhalin;1А\n"
                + "taken-name;МАОУ СОШ № 1 г. Южно-Сахалинска;Полное;school;Сахалинская обл;ГО;Невельск, г.;Asia/Sakhalin;\n";
        response = post(env, IMPORT, "text/csv", conflict);
        assertEquals(422, response.statusCode(), response.body());
        JsonNode rows = JSON.readTree(response.body()).get("rows");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(3, rows.get(0).get("row").asInt());
        assertTrue(rows.get(0).get("message").asText().contains("sosh-1-ys"), rows.toString());
        assertTrue(organisations("Хорошая школа").isEmpty(), "nothing saved");
    }

    @Test
    void malformedInputIs400AndUnsupportedMediaIsRefused() throws Exception {
        for (String[] bad : List.of(
                new String[]{"application/json", "{\"alias\":\"a\"}"},
                new String[]{"application/json", "[{\"alias\":"},
                new String[]{"text/csv", "alias;colour\na;red\n"},
                new String[]{"text/csv", "alias;name;fullName;type;region;municipality;settlement;timeZone\na;\"open;F;school;r;m;s;Asia/Sakhalin\n"})) {
            HttpResponse<String> response = post(env, IMPORT, bad[0], bad[1]);
            assertEquals(400, response.statusCode(), bad[1] + " → " + response.body());
            assertEquals("malformed_directory", JSON.readTree(response.body()).get("error").asText());
        }
        assertEquals(415, post(env, IMPORT, "application/xml", "<orgs/>").statusCode());
    }

    @Test
    void anAdminWithoutRealmOrOrganisationRightsIsRefused() throws Exception {
        String token = noRightsToken(env);
        HttpResponse<String> response = send(env, token, "POST", IMPORT, "application/json", JSON_DIRECTORY.replace("poronaysk", "x"));
        assertEquals(403, response.statusCode(), response.body());
        for (OrganizationRepresentation o : env.realmAdmin().realm().organizations().list(0, 1000)) {
            assertTrue(!o.getAlias().endsWith("-x"), "nothing saved: " + o.getAlias());
        }
    }

    // --- helpers (SnilsIndexIT uses them too) ---

    private OrganizationRepresentation organisation(String alias) {
        for (OrganizationRepresentation o : env.realmAdmin().realm().organizations().search(null, false, 0, 1000, false)) {
            if (alias.equals(o.getAlias())) {
                // And Keycloak's own search by name finds the same organisation.
                List<OrganizationRepresentation> found = organisations(o.getName());
                assertTrue(found.size() == 1 && alias.equals(found.get(0).getAlias()), found.toString());
                return found.get(0);
            }
        }
        throw new AssertionError("no organisation " + alias);
    }

    private List<OrganizationRepresentation> organisations(String search) {
        return env.realmAdmin().realm().organizations().search(search, true, null, null, false);
    }

    /** The organisation's groups (its classes), sorted by name. */
    private List<String> groupNames(OrganizationRepresentation organisation) {
        return env.realmAdmin().realm().organizations().get(organisation.getId()).groups()
                .getAll(null, null, null, 0, 100, true, false).stream().map(GroupRepresentation::getName).sorted().toList();
    }

    private static JsonNode counts(int created, int updated, int unchanged) {
        return JSON.valueToTree(Map.of("created", created, "updated", updated, "unchanged", unchanged));
    }

    static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> post(TestEnvironment env, String adminPath, String contentType, String body) throws Exception {
        return send(env, adminToken(env, KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD), "POST", adminPath, contentType, body);
    }

    static HttpResponse<String> send(TestEnvironment env, String token, String method, String adminPath, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(env.keycloak().baseUrl() + "/admin" + adminPath))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String adminToken(TestEnvironment env, String username, String password) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(env.keycloak().realmUrl("master") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return ok(response).get("access_token").asText();
    }

    /** A master-realm account without any admin role: a valid admin-API token that may do nothing. */
    static String noRightsToken(TestEnvironment env) throws Exception {
        UsersResource master = env.keycloakAdmin().realm("master").users();
        if (master.search(NO_RIGHTS_USER, true).isEmpty()) {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(NO_RIGHTS_USER);
            user.setEnabled(true);
            user.setFirstName("No");
            user.setLastName("Rights");
            user.setEmail(NO_RIGHTS_USER + "@example.org");
            user.setEmailVerified(true);
            CredentialRepresentation password = new CredentialRepresentation();
            password.setType(CredentialRepresentation.PASSWORD);
            password.setValue("no-rights-1");
            password.setTemporary(false);
            user.setCredentials(List.of(password));
            try (Response created = master.create(user)) {
                assertEquals(201, created.getStatus(), () -> created.readEntity(String.class));
            }
        }
        return adminToken(env, NO_RIGHTS_USER, "no-rights-1");
    }

    static void deleteNoRightsUser(TestEnvironment env) {
        UsersResource master = env.keycloakAdmin().realm("master").users();
        master.search(NO_RIGHTS_USER, true).forEach(u -> master.get(u.getId()).remove());
    }
}
