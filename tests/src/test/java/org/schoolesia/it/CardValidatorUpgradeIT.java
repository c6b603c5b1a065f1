package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Defect 6 in realms made before issue 10: their cards lack {@code school-birthdate} and
 * {@code school-plain-name}. The realm upgrade adds them on import and at start ({@link EarlierVersionAtStartIT}),
 * once, leaving an admin's own settings of a validator alone; then a card born 2099 is refused as in the demo realm.
 */
@ExtendWith(KeycloakExtension.class)
class CardValidatorUpgradeIT {

    static final String REALM = "/realms/" + DemoRealm.NAME;
    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    static final List<String> NEW_VALIDATORS = List.of("school-birthdate", "school-plain-name");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestEnvironment env;

    CardValidatorUpgradeIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void demoRealm() throws Exception {
        env.resetRealm();
    }

    @Test
    void defect6_anEarlierRealmGetsTheCardValidatorsWhenImported() throws Exception {
        ObjectNode realm = env.demoRealm();
        ObjectNode provider = (ObjectNode) realm.get("components").get("org.keycloak.userprofile.UserProfileProvider").get(0);
        ObjectNode profile = (ObjectNode) JSON.readTree(provider.get("config").get("kc.user.profile.config").get(0).asText());
        withoutNewValidators(profile);
        ((ObjectNode) provider.get("config")).putArray("kc.user.profile.config").add(JSON.writeValueAsString(profile));
        int logFrom = env.keycloak().logLineCount();

        env.admin().importRealm(realm);

        assertCardHasTheValidators(env);
        assertTrue(env.keycloak().logLinesFrom(logFrom).stream().anyMatch(l -> l.contains("realm " + DemoRealm.NAME
                + ": user profile validators added: lastName → school-plain-name, firstName → school-plain-name, middleName → school-plain-name,"
                + " birthdate → school-birthdate")), env.keycloak().tail(40));
        assertBornIn2099IsRefused(env);
    }

    // --- helpers -------------------------------------------------------------------------------------

    static void withoutNewValidators(JsonNode profile) {
        for (JsonNode attribute : profile.get("attributes")) {
            if (attribute.get("validations") instanceof ObjectNode validations) {
                validations.remove(NEW_VALIDATORS);
            }
        }
    }

    static JsonNode attribute(JsonNode profile, String name) {
        for (JsonNode attribute : profile.get("attributes")) {
            if (name.equals(attribute.get("name").asText())) {
                return attribute;
            }
        }
        throw new AssertionError("no attribute " + name + " in " + profile);
    }

    static List<String> validatorsOn(TestEnvironment env, String name) {
        List<String> ids = new ArrayList<>();
        attribute(env.admin().get(REALM + "/users/profile"), name).path("validations").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    static void assertCardHasTheValidators(TestEnvironment env) {
        for (String name : List.of("lastName", "firstName", "middleName")) {
            assertTrue(validatorsOn(env, name).contains("school-plain-name"), name + ": " + validatorsOn(env, name));
        }
        assertTrue(validatorsOn(env, "birthdate").contains("school-birthdate"), validatorsOn(env, "birthdate").toString());
        assertTrue(env.admin().get(REALM).path("attributes").path("schoolCardValidatorsAdded").asText().contains("school-birthdate"));
    }

    /** Пётр's card saved in the admin API with 2099: refused by the validator, its message in Russian for the console. */
    static void assertBornIn2099IsRefused(TestEnvironment env) throws Exception {
        ObjectNode petr = (ObjectNode) env.admin().get(REALM + "/users/" + PETR);
        String born = petr.get("attributes").get("birthdate").get(0).asText();
        ((ObjectNode) petr.get("attributes")).putArray("birthdate").add("2099-01-01");
        HttpResponse<String> refused = env.admin().sendRaw("PUT", REALM + "/users/" + PETR, petr);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("schoolImplausibleBirthdate") && refused.body().contains("birthdate"), refused.body());
        assertEquals(born, env.admin().get(REALM + "/users/" + PETR).get("attributes").get("birthdate").get(0).asText());
        HttpResponse<String> messages = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(env.keycloak().baseUrl()
                + "/resources/" + DemoRealm.NAME + "/admin/ru")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, messages.statusCode(), messages.body());
        assertTrue(messages.body().contains("schoolImplausibleBirthdate")
                && messages.body().contains("Дата рождения должна быть в формате ГГГГ-ММ-ДД, не в будущем"), messages.body());
    }
}
