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
 * {@code school-plain-name}. The realm upgrade adds them on import and at start, once, leaving an
 * admin's own settings of a validator alone; then a card born 2099 is refused as in the demo realm.
 */
@ExtendWith(KeycloakExtension.class)
class CardValidatorUpgradeIT {

    private static final String REALM = "/realms/" + DemoRealm.NAME;
    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final List<String> NEW_VALIDATORS = List.of("school-birthdate", "school-plain-name");
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

        assertCardHasTheValidators();
        assertTrue(env.keycloak().logLinesFrom(logFrom).stream().anyMatch(l -> l.contains("realm " + DemoRealm.NAME
                + ": user profile validators added: lastName → school-plain-name, firstName → school-plain-name, middleName → school-plain-name,"
                + " birthdate → school-birthdate")), env.keycloak().tail(40));
        assertBornIn2099IsRefused();
    }

    @Test
    void defect6_anEarlierRealmGetsTheCardValidatorsAtStartAndAnAdminsOwnSettingsStay() throws Exception {
        // The realm as the previous version left it: names without the validator, no record of the upgrade; the admin
        // had put school-birthdate on the birth date already, with a setting of their own.
        ObjectNode profile = (ObjectNode) env.admin().get(REALM + "/users/profile");
        withoutNewValidators(profile);
        ((ObjectNode) attribute(profile, "birthdate").get("validations")).putObject("school-birthdate").put("ignore.empty.value", false);
        HttpResponse<String> saved = env.admin().sendRaw("PUT", REALM + "/users/profile", profile);
        assertEquals(200, saved.statusCode(), saved.body());
        ObjectNode realm = (ObjectNode) env.admin().get(REALM);
        ((ObjectNode) realm.get("attributes")).put("schoolCardValidatorsAdded", "");
        env.admin().put(REALM, realm);
        assertEquals(0, validatorsOn("lastName").stream().filter(NEW_VALIDATORS::contains).count());

        env.restartKeycloak();

        assertCardHasTheValidators();
        JsonNode own = attribute(env.admin().get(REALM + "/users/profile"), "birthdate").get("validations").get("school-birthdate");
        assertEquals(false, own.path("ignore.empty.value").asBoolean(true), "the admin's setting of the validator stays: " + own);
        assertBornIn2099IsRefused();
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static void withoutNewValidators(JsonNode profile) {
        for (JsonNode attribute : profile.get("attributes")) {
            if (attribute.get("validations") instanceof ObjectNode validations) {
                validations.remove(NEW_VALIDATORS);
            }
        }
    }

    private static JsonNode attribute(JsonNode profile, String name) {
        for (JsonNode attribute : profile.get("attributes")) {
            if (name.equals(attribute.get("name").asText())) {
                return attribute;
            }
        }
        throw new AssertionError("no attribute " + name + " in " + profile);
    }

    private List<String> validatorsOn(String name) {
        List<String> ids = new ArrayList<>();
        attribute(env.admin().get(REALM + "/users/profile"), name).path("validations").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    private void assertCardHasTheValidators() {
        for (String name : List.of("lastName", "firstName", "middleName")) {
            assertTrue(validatorsOn(name).contains("school-plain-name"), name + ": " + validatorsOn(name));
        }
        assertTrue(validatorsOn("birthdate").contains("school-birthdate"), validatorsOn("birthdate").toString());
        assertTrue(env.admin().get(REALM).path("attributes").path("schoolCardValidatorsAdded").asText().contains("school-birthdate"));
    }

    /** Пётр's card saved in the admin API with 2099: refused by the validator, its message in Russian for the console. */
    private void assertBornIn2099IsRefused() throws Exception {
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
