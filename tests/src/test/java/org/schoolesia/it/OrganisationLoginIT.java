package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Password login by organisation (R-ORG-2, R-ODO-2) and the realm's password-login switch
 * (R-ESIA-1), over HTTP against the real server and the demo realm's {@code school browser} flow.
 */
@ExtendWith(KeycloakExtension.class)
class OrganisationLoginIT {

    static final String PASSWORD = "Demo-pass-1";
    private static final String REALM_PATH = "/realms/" + DemoRealm.NAME;

    private final TestEnvironment env;

    OrganisationLoginIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeAll
    static void freshRealm(TestEnvironment env) throws Exception {
        env.resetRealm();
    }

    @BeforeEach
    void noFailuresRemembered() {
        forgetFailures();
    }

    @AfterEach
    void policyBackOn() {
        setRealmPolicy("on");
    }

    // --- logging in at an organisation ------------------------------------------------------

    @Test
    void r_odo_2_studentLogsInAtTheOdoWithHisSchoolPasswordAndTheApplicationLearnsWhere() throws Exception {
        Browser.Page page = login(env.browser(), "ddut-ys", "ivanov.petr", PASSWORD);
        JsonNode id = EsiaFlow.claims(new EsiaFlow(env).redeem(EsiaFlow.codeFrom(page)).get("id_token").asText());
        assertEquals("ddut-ys", id.get("school_org").asText(), id.toString());
        assertEquals("Пётр", id.get("given_name").asText());
    }

    @Test
    void r_org_2_studentLogsInAtHisHomeSchool() throws Exception {
        Browser.Page page = login(env.browser(), "sosh-1-ys", "ivanov.petr", PASSWORD);
        JsonNode id = EsiaFlow.claims(new EsiaFlow(env).redeem(EsiaFlow.codeFrom(page)).get("id_token").asText());
        assertEquals("sosh-1-ys", id.get("school_org").asText());
    }

    @Test
    void r_odo_2_parentLogsInAtEachOfHerOrganisations() {
        for (String org : List.of("sosh-1-ys", "ddut-ys", "ds-15-ys")) {
            EsiaFlow.codeFrom(login(env.browser(), org, "ivanova.maria", PASSWORD));
        }
    }

    @Test
    void r_odo_2_organisationHeIsNotAMemberOfLooksExactlyLikeAWrongPassword() {
        Browser.Page wrongPassword = login(env.browser(), "ds-15-ys", "ivanov.petr", "Wrong-pass-1");
        forgetFailures();
        Browser.Page wrongOrganisation = login(env.browser(), "ds-15-ys", "ivanov.petr", PASSWORD);
        assertSamePage(wrongPassword, wrongOrganisation);
        assertTrue(errorRegion(wrongOrganisation).text().contains("Неправильное имя пользователя или пароль"), wrongOrganisation.text());
        assertEquals(wrongPassword.document().select("#kc-form-login").text(), wrongOrganisation.document().select("#kc-form-login").text());
        // The choice and the login are kept, the password is not.
        Document doc = wrongOrganisation.document();
        assertEquals("ds-15-ys", doc.selectFirst("#organization option[selected]").val());
        assertEquals("ivanov.petr", doc.selectFirst("#username").val());
        assertEquals("", doc.selectFirst("#password").val());
    }

    @Test
    void organisationThatDoesNotExistOrIsDisabledLooksLikeAWrongPassword() {
        Browser.Page wrongPassword = login(env.browser(), "sosh-1-ys", "zavuch.sosh1", "Wrong-pass-1");
        forgetFailures();
        assertSamePage(wrongPassword, login(env.browser(), "no-such-school", "zavuch.sosh1", PASSWORD));
        forgetFailures();

        String orgs = REALM_PATH + "/organizations";
        String id = null;
        for (JsonNode org : env.admin().get(orgs + "?first=0&max=100")) {
            if ("sosh-1-ys".equals(org.get("alias").asText())) {
                id = org.get("id").asText();
            }
        }
        assertNotNull(id);
        ObjectNode sosh1 = (ObjectNode) env.admin().get(orgs + "/" + id);
        sosh1.put("enabled", false);
        env.admin().put(orgs + "/" + sosh1.get("id").asText(), sosh1);
        try {
            assertSamePage(wrongPassword, login(env.browser(), "sosh-1-ys", "zavuch.sosh1", PASSWORD));
            forgetFailures();
        } finally {
            sosh1.put("enabled", true);
            env.admin().put(orgs + "/" + sosh1.get("id").asText(), sosh1);
        }
        EsiaFlow.codeFrom(login(env.browser(), "sosh-1-ys", "zavuch.sosh1", PASSWORD));
    }

    @Test
    void unknownLoginAndWrongPasswordLookTheSame() {
        Browser.Page unknown = login(env.browser(), "sosh-1-ys", "nobody.here", PASSWORD);
        Browser.Page wrong = login(env.browser(), "sosh-1-ys", "zavuch.sosh1", "Wrong-pass-1");
        assertEquals(wrong.status(), unknown.status());
        assertEquals(errorRegion(wrong).outerHtml(), errorRegion(unknown).outerHtml());
        assertEquals(normalised(wrong).replace("zavuch.sosh1", "LOGIN"), normalised(unknown).replace("nobody.here", "LOGIN"));
    }

    @Test
    void wrongOrganisationCountsForBruteForceProtection() {
        String userId = userId("ivanov.petr");
        String attack = REALM_PATH + "/attack-detection/brute-force/users/" + userId;
        env.admin().delete(attack);
        login(env.browser(), "ds-15-ys", "ivanov.petr", PASSWORD);
        assertEquals(1, env.admin().get(attack).get("numFailures").asInt());
        env.admin().delete(attack);
    }

    @Test
    void r_org_2_missingOrganisationIsAFieldErrorAndChecksNothing() {
        String userId = userId("ivanov.petr");
        String attack = REALM_PATH + "/attack-detection/brute-force/users/" + userId;
        env.admin().delete(attack);
        Browser.Page page = openLoginPage(env.browser()).submit("#kc-login",
                Map.of("organization", "", "username", "ivanov.petr", "password", "Wrong-pass-1"));
        assertEquals(200, page.status());
        Element error = page.document().selectFirst("#input-error-organization");
        assertNotNull(error, page.text());
        assertEquals("Выберите образовательную организацию", error.text());
        assertNull(page.document().selectFirst("#input-error-username"), "no credential error before an organisation is chosen");
        assertEquals(0, env.admin().get(attack).get("numFailures").asInt());
    }

    @Test
    void r_org_2_pageShowsTheCascadeTheLabelsAndTheEsiaButton() {
        Browser.Page page = openLoginPage(env.browser());
        Document doc = page.document();
        for (String label : List.of("Регион", "Городской округ / Муниципальный район", "Населённый пункт", "Тип ОО",
                "Образовательная организация", "Логин", "Пароль", "Восстановить пароль",
                "Вход для родителей", "Вход для учащихся", "Вход для педагогов и сотрудников")) {
            assertTrue(page.text().contains(label), label + " missing: " + page.text());
        }
        // One region: chosen already. Every organisation is offered even before the rest is chosen.
        assertEquals("Сахалинская обл", doc.selectFirst("#schoolRegion option[selected]").val());
        assertEquals(5, doc.select("#organization option").size(), doc.select("#organization").outerHtml());
        assertTrue(doc.select("#schoolType option").eachText().contains("Дополнительное образование детей"));
        // R-ESIA-2: one Госуслуги button per role, each a link to the ESIA provider carrying its role.
        for (String role : List.of("parent", "student", "staff")) {
            Element button = doc.selectFirst("a#school-esia-role-" + role);
            assertNotNull(button, role + ": " + page.text());
            assertTrue(button.attr("href").contains("/broker/esia/login?"), button.attr("href"));
            assertTrue(button.attr("href").endsWith("&school_role=" + role), button.attr("href"));
        }
        assertNull(doc.selectFirst("a#social-esia"), "no ESIA login without a role");
        assertTrue(doc.selectFirst("#school-restore-password").attr("href").contains("login-actions/reset-credentials"));
        assertTrue(doc.selectFirst("#school-org-directory").data().contains("\"ddut-ys\""));
    }

    @Test
    void r_org_2_lastOrganisationIsRememberedOnThisDevice() {
        Browser browser = env.browser();
        EsiaFlow.codeFrom(login(browser, "ddut-ys", "ivanov.petr", PASSWORD));
        Browser.Page again = browser.open(env.clientLoginUrl() + "&prompt=login");
        assertEquals(200, again.status(), again.text());
        Document doc = again.document();
        assertEquals("ddut-ys", doc.selectFirst("#organization option[selected]").val());
        assertEquals("supplementary", doc.selectFirst("#schoolType option[selected]").val());
        assertEquals("Городской округ Южно-Сахалинск", doc.selectFirst("#schoolMunicipality option[selected]").val());
    }

    // --- R-ESIA-1: esia-only ----------------------------------------------------------------

    @Test
    void r_esia_1_esiaOnlyRealmRefusesAnEsiaLinkedAccountAndLetsAChildWithoutOneIn() {
        // ivanova.maria is linked to the ESIA person 1000000001 in the demo realm.
        setRealmPolicy("esia-only");

        Browser.Page refused = login(env.browser(), "sosh-1-ys", "ivanova.maria", PASSWORD);
        assertEquals(200, refused.status());
        assertTrue(refused.text().contains("Для этой учетной записи вход выполняется через Госуслуги"), refused.text());
        assertNotNull(refused.document().selectFirst("#school-esia-role-parent"), "the Госуслуги button is right there");
        // A wrong password still looks like a wrong password: the refusal needs the right one.
        Browser.Page wrong = login(env.browser(), "sosh-1-ys", "ivanova.maria", "Wrong-pass-1");
        assertFalse(wrong.text().contains("Для этой учетной записи"), wrong.text());
        assertTrue(errorRegion(wrong).text().contains("Неправильное имя пользователя или пароль"));
        forgetFailures();

        EsiaFlow.codeFrom(login(env.browser(), "ddut-ys", "kuznetsov.ilya", PASSWORD));

        setRealmPolicy("on");
        EsiaFlow.codeFrom(login(env.browser(), "sosh-1-ys", "ivanova.maria", PASSWORD));
    }

    @Test
    void r_esia_1_stepSettingInTheAdminConsoleOverridesTheRealmAttribute() {
        linkToEsia("zavuch.sosh1", "1999999992");
        String execution = organisationStepId();
        String location = env.admin().post("/realms/" + DemoRealm.NAME + "/authentication/executions/" + execution + "/config",
                Map.of("alias", "esia-only password login", "config", Map.of("schoolPasswordLogin", "esia-only")));
        String configId = location.substring(location.lastIndexOf('/') + 1);
        try {
            Browser.Page refused = login(env.browser(), "sosh-1-ys", "zavuch.sosh1", PASSWORD);
            assertTrue(refused.text().contains("Для этой учетной записи вход выполняется через Госуслуги"), refused.text());
            EsiaFlow.codeFrom(login(env.browser(), "ddut-ys", "kuznetsov.ilya", PASSWORD));
        } finally {
            env.admin().delete(REALM_PATH + "/authentication/config/" + configId);
        }
        EsiaFlow.codeFrom(login(env.browser(), "sosh-1-ys", "zavuch.sosh1", PASSWORD));
    }

    // --- helpers ----------------------------------------------------------------------------

    private Browser.Page openLoginPage(Browser browser) {
        Browser.Page page = browser.open(env.clientLoginUrl());
        assertEquals(200, page.status(), page.text());
        return page;
    }

    /** Chooses the organisation (as the cascade's last select submits it), types login and password, «Войти». */
    Browser.Page login(Browser browser, String organisation, String username, String password) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("organization", organisation);
        values.put("username", username);
        values.put("password", password);
        return openLoginPage(browser).submit("#kc-login", values);
    }

    private static Element errorRegion(Browser.Page page) {
        Element region = page.document().selectFirst("#input-error-container-username");
        assertNotNull(region, page.text());
        return region;
    }

    private static void assertSamePage(Browser.Page expected, Browser.Page actual) {
        assertEquals(expected.status(), actual.status());
        assertEquals(errorRegion(expected).outerHtml(), errorRegion(actual).outerHtml());
        assertEquals(normalised(expected), normalised(actual));
    }

    /** The page without what differs per request anyway: codes, tab ids, executions in URLs. */
    private static String normalised(Browser.Page page) {
        Document doc = page.document();
        // The organisation list is what the directory offers, and the notes under the selects
        // (chosen in full, chosen automatically) echo what was chosen: not a reaction to the attempt.
        doc.select("#school-org-directory, #school-org-cascade option, .school-org-chosen, .school-org-auto").remove();
        return doc.body().html().replaceAll("(session_code|tab_id|execution|client_data|kc_idp_hint|code|state)=[^\"&\\s]*", "$1=_")
                .replaceAll("\\s+", " ");
    }

    /**
     * Keycloak's quick-login check locks an account for a minute after two failures within a
     * second (the locked page looks like a wrong password too): tests start each attempt afresh.
     */
    private void forgetFailures() {
        env.admin().delete(REALM_PATH + "/attack-detection/brute-force/users");
    }

    private String userId(String username) {
        return env.admin().get(REALM_PATH + "/users?exact=true&username=" + username).get(0).get("id").asText();
    }

    private void linkToEsia(String username, String oid) {
        String path = REALM_PATH + "/users/" + userId(username) + "/federated-identity/esia";
        env.admin().delete(path);
        env.admin().post(path, Map.of("identityProvider", "esia", "userId", oid, "userName", "esia-" + oid));
    }

    private void setRealmPolicy(String value) {
        ObjectNode realm = (ObjectNode) env.admin().get(REALM_PATH);
        ObjectNode attributes = realm.has("attributes") ? (ObjectNode) realm.get("attributes") : realm.putObject("attributes");
        attributes.put("schoolPasswordLogin", value);
        env.admin().put(REALM_PATH, realm);
    }

    private String organisationStepId() {
        for (JsonNode execution : env.admin().get(REALM_PATH + "/authentication/flows/school%20browser/executions")) {
            if ("school-organisation-password-form".equals(execution.path("providerId").asText())) {
                return execution.get("id").asText();
            }
        }
        throw new AssertionError("no school-organisation-password-form step in the flow 'school browser'");
    }
}
