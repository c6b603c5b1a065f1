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

    @AfterAll
    static void leaveTheDemoAsItWas(TestEnvironment env) throws Exception {
        env.resetRealm();
        for (JsonNode user : env.admin().get("/realms/master/users?exact=true&username=" + NO_RIGHTS_USER)) {
            env.admin().delete("/realms/master/users/" + user.get("id").asText());
        }
    }

    @Test
    void r_org_1_jsonDirectoryCreatesOrganisationsVisibleInKeycloaksOwnAdminApi() throws Exception {
        JsonNode result = ok(post(env, IMPORT, "application/json", JSON_DIRECTORY));
        assertEquals(counts(3, 0, 0), result);

        JsonNode school = organisation("sosh-5-poronaysk");
        assertEquals("МБОУ СОШ № 5 г. Поронайска", school.get("name").asText());
        assertTrue(school.get("enabled").asBoolean());
        JsonNode attributes = school.get("attributes");
        assertEquals("Сахалинская обл", attributes.get("region").get(0).asText());
        assertEquals("Поронайский городской округ", attributes.get("municipality").get(0).asText());
        assertEquals("Поронайск, г.", attributes.get("settlement").get(0).asText());
        assertEquals("school", attributes.get("type").get(0).asText());
        assertEquals("Asia/Sakhalin", attributes.get("timeZone").get(0).asText());
        assertTrue(attributes.get("fullName").get(0).asText().startsWith("Муниципальное бюджетное общеобразовательное"));
        assertEquals(List.of("11Б", "1А", "5А"), groupNames(school));

        JsonNode kindergarten = organisation("ds-3-poronaysk");
        assertEquals("preschool", kindergarten.get("attributes").get("type").get(0).asText(), "the Russian label is stored as the code");
        assertEquals(List.of("Младшая группа"), groupNames(kindergarten));
        JsonNode odo = organisation("cdt-poronaysk");
        assertEquals(false, odo.get("enabled").asBoolean());
        assertEquals(List.of(), groupNames(odo));

        // Idempotent: the same file again changes nothing and creates no second group.
        assertEquals(counts(0, 0, 3), ok(post(env, IMPORT, "application/json", JSON_DIRECTORY)));
        assertEquals(List.of("11Б", "1А", "5А"), groupNames(organisation("sosh-5-poronaysk")));
    }

    @Test
    void r_org_1_csvDirectoryLoadsAndReRunUpdatesOnlyWhatChangedKeepingExistingGroups() throws Exception {
        assertEquals(counts(2, 0, 0), ok(post(env, IMPORT, "text/csv; charset=UTF-8", CSV_DIRECTORY)));
        JsonNode school = organisation("sosh-1-kholmsk");
        assertEquals("Муниципальное автономное общеобразовательное учреждение \"Средняя школа № 1\" г. Холмска",
                school.get("attributes").get("fullName").get(0).asText());
        assertEquals(List.of("1А", "2А", "9В"), groupNames(school));
        assertEquals("supplementary", organisation("ddt-kholmsk").get("attributes").get("type").get(0).asText());

        assertEquals(counts(0, 0, 2), ok(post(env, IMPORT, "text/csv", CSV_DIRECTORY)));

        // Next year's file: a renamed settlement and a new class for the school; 1А and 2А no longer
        // listed but kept (members may still be in them); an attribute an admin added stays.
        String path = "/realms/" + DemoRealm.NAME + "/organizations/" + school.get("id").asText();
        com.fasterxml.jackson.databind.node.ObjectNode edited = (com.fasterxml.jackson.databind.node.ObjectNode) env.admin().get(path);
        ((com.fasterxml.jackson.databind.node.ObjectNode) edited.get("attributes")).putArray("note").add("added in the console");
        env.admin().put(path, edited);
        String nextYear = CSV_DIRECTORY.replace("Холмск, г.;Asia/Sakhalin;1А|2А|9В", "г. Холмск;Asia/Sakhalin;9В|10А");
        assertEquals(counts(0, 1, 1), ok(post(env, IMPORT, "text/csv", nextYear)));
        school = organisation("sosh-1-kholmsk");
        assertEquals("г. Холмск", school.get("attributes").get("settlement").get(0).asText());
        assertEquals("added in the console", school.get("attributes").get("note").get(0).asText());
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
        for (JsonNode o : env.admin().get("/realms/" + DemoRealm.NAME + "/organizations?max=1000")) {
            assertTrue(!o.get("alias").asText().endsWith("-x"), "nothing saved: " + o);
        }
    }

    // --- helpers (SnilsIndexIT uses them too) ---

    private JsonNode organisation(String alias) {
        for (JsonNode o : env.admin().get("/realms/" + DemoRealm.NAME + "/organizations?briefRepresentation=false&max=1000")) {
            if (alias.equals(o.get("alias").asText())) {
                // And Keycloak's own search by name finds the same organisation.
                JsonNode found = organisations(o.get("name").asText());
                assertTrue(found.size() == 1 && alias.equals(found.get(0).get("alias").asText()), found.toString());
                return found.get(0);
            }
        }
        throw new AssertionError("no organisation " + alias);
    }

    private JsonNode organisations(String search) {
        return env.admin().get("/realms/" + DemoRealm.NAME + "/organizations?briefRepresentation=false&exact=true&search="
                + URLEncoder.encode(search, StandardCharsets.UTF_8));
    }

    private List<String> groupNames(JsonNode organisation) {
        List<String> names = new ArrayList<>();
        env.admin().get("/realms/" + DemoRealm.NAME + "/organizations/" + organisation.get("id").asText() + "/groups?max=100")
                .forEach(g -> names.add(g.get("name").asText()));
        return names.stream().sorted().toList();
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
        if (env.admin().get("/realms/master/users?exact=true&username=" + NO_RIGHTS_USER).isEmpty()) {
            env.admin().post("/realms/master/users", Map.of("username", NO_RIGHTS_USER, "enabled", true,
                    "firstName", "No", "lastName", "Rights", "email", NO_RIGHTS_USER + "@example.org", "emailVerified", true,
                    "credentials", List.of(Map.of("type", "password", "value", "no-rights-1", "temporary", false))));
        }
        return adminToken(env, NO_RIGHTS_USER, "no-rights-1");
    }
}
