package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schoolesia.it.FamilySnilsIT.inWithoutAPage;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.ClientsResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.schoolesia.it.pages.SnilsChildrenPage;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.KeycloakServer;
import org.schoolesia.testkit.TestEnvironment;

/**
 * A realm and database as the previous versions left them, upgraded by this version at Keycloak's
 * start: everything this version changes at start is put back to its earlier state first, then one
 * restart of the suite's server upgrades it all (each upgrade is its own, so one start tells each
 * apart; a restart costs the suite ≈ 12 s). Then each upgrade is checked as a user would notice it,
 * and a second start changes nothing again and keeps what admins chose since.
 * <ul>
 * <li>Issue 14, SNILS at rest: rows written as the previous version wrote them (SNILS in clear, no
 * hash) while Keycloak is stopped become keyed hashes, and every lookup by SNILS still finds them: the
 * admin API's accounts by SNILS (the index behind ESIA's SNILS auto-link and the requests'
 * candidates), a parent's Госуслуги login through the SNILS on a child's card (R-FAM-3), the person's
 * own page finding a request by the SNILS on the card. Stopped once more, the database holds no SNILS
 * in our index tables, neither the converted rows nor those written since.</li>
 * <li>Issue 13, 152-FZ: SNILS and birth date leave the diary's and the profile scope's defaults, once
 * ({@link PersonalDataScopesIT}).</li>
 * <li>Defect 6: the card validators join the user profile, an admin's own setting of one stays
 * ({@link CardValidatorUpgradeIT}).</li>
 * <li>R-FAM-1: «esia post login» gets the step proposing Госуслуги children ({@link FamilyProposalIT}).</li>
 * <li>Issue 11: the person's own page gets its client ({@link PersonalApiIT}).</li>
 * </ul>
 * The earlier first-login flow (one step) is rebuilt at a start of its own ({@link EsiaFirstLoginFlowIT}):
 * its settings would turn SNILS auto-linking off for the logins checked here.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EarlierVersionAtStartIT {

    private static final String MARIA = "00000000-0000-4000-8000-000000000010";
    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String ZAVUCH = "00000000-0000-4000-8000-000000000001";
    private static final String MARIA_SNILS = "11223344595";
    /** Павлов Игорь Сергеевич at the emulator: a confirmed Госуслуги account. */
    private static final String PAVLOV_OID = "1000000011";
    private static final String PAVLOV_SNILS = "16543298788";
    private static final String BY_SNILS = "/realms/" + DemoRealm.NAME + "/school/users/by-snils/";
    private static final String LEGACY_REQUEST_NUMBER = "999-000-111";
    private static final String REALM = "/realms/" + DemoRealm.NAME;
    private static final String POST_LOGIN = "esia post login";

    private static String pavlov;
    private static int logFrom;

    private final TestEnvironment env;
    private final StaffApi api;

    EarlierVersionAtStartIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeAll
    static void anEarlierVersionsRealmThenOneStart(TestEnvironment env) throws Exception {
        env.resetRealm();
        new StaffApi(env).createTestClient();
        new PersonalApi(env).createTestClient();
        pavlov = EsiaAccountLinkIT.createAccount(env, "pavlov.igor", "parent", "sosh-2-korsakov", "Игорь", "Павлов",
                "1982-02-02", Map.of("middleName", "Сергеевич", "snils", PAVLOV_SNILS));
        // Issue 13: SNILS on the diary itself, birth date in the profile scope; the diary gets SNILS by default.
        env.realmAdmin().client(DemoRealm.CLIENT_ID).getProtocolMappers().createMapper(PersonalDataScopesIT.mapperRepresentation("snils"));
        env.realmAdmin().realm().clientScopes().get(PersonalDataScopesIT.scope(env, "profile").getId()).getProtocolMappers()
                .createMapper(PersonalDataScopesIT.mapperRepresentation("birthdate"));
        assertEquals("11223344595", new RelyingSystem(env).login(env.browser(), "sosh-1-ys", "ivanova.maria", PersonalDataScopesIT.PASSWORD)
                .idClaims().get("snils").asText());

        // Defect 6: names without the validator; the admin had put school-birthdate on the birth date already, with a setting of their own.
        ObjectNode profile = (ObjectNode) env.admin().get(REALM + "/users/profile");
        CardValidatorUpgradeIT.withoutNewValidators(profile);
        ((ObjectNode) CardValidatorUpgradeIT.attribute(profile, "birthdate").get("validations")).putObject("school-birthdate")
                .put("ignore.empty.value", false);
        HttpResponse<String> saved = env.admin().sendRaw("PUT", REALM + "/users/profile", profile);
        assertEquals(200, saved.statusCode(), saved.body());
        assertEquals(0, CardValidatorUpgradeIT.validatorsOn(env, "lastName").stream()
                .filter(CardValidatorUpgradeIT.NEW_VALIDATORS::contains).count());

        // R-FAM-1: «esia post login» with the SNILS step only.
        AuthenticationManagementResource flows = env.realmAdmin().realm().flows();
        for (AuthenticationExecutionInfoRepresentation e : flows.getExecutions(POST_LOGIN)) {
            if ("school-family-esia-children".equals(e.getProviderId())) {
                flows.removeExecution(e.getId());
            }
        }
        assertEquals(List.of("school-family-snils-children"), postLoginSteps(env));

        // Issue 11: no client for the person's own page.
        ClientsResource clients = env.realmAdmin().realm().clients();
        clients.get(clients.findByClientId("school-personal").get(0).getId()).remove();
        assertTrue(clients.findByClientId("school-personal").isEmpty());

        // The realm's record of the upgrades done, as the earlier versions left it.
        ObjectNode realm = (ObjectNode) env.admin().get(REALM);
        ObjectNode upgradesDone = (ObjectNode) realm.get("attributes");
        upgradesDone.remove("schoolPersonalDataScopes");
        upgradesDone.put("schoolCardValidatorsAdded", "");
        upgradesDone.put("schoolEsiaChildrenStepAdded", "");
        env.admin().put(REALM, realm);

        logFrom = env.keycloak().logLineCount();
        env.restartKeycloak(() -> {
            try (Connection db = env.keycloak().openH2()) {
                String realmId = single(db, "select ID from REALM where NAME = ?", DemoRealm.NAME);
                String org = single(db, "select ID from ORG where ALIAS = ?", "sosh-1-ys");
                // What the previous version wrote: the index row, a parent's SNILS on a card, a request: digits, no hash.
                update(db, "update SCHOOL_SNILS set SNILS = ?, SNILS_HASH = null where USER_ID = ?", MARIA_SNILS, MARIA);
                update(db, "update SCHOOL_SNILS set SNILS = ?, SNILS_HASH = null where USER_ID = ?", PAVLOV_SNILS, pavlov);
                update(db, "insert into SCHOOL_CARD_PARENT_SNILS (ID, REALM_ID, CHILD_ID, SNILS, ADDED_BY, ADDED_AT, REMOVED_AT, REVOKED_LINKS)"
                        + " values ('legacy-card-snils', ?, ?, ?, ?, 1700000000000, 0, 0)", realmId, PETR, PAVLOV_SNILS, ZAVUCH);
                update(db, "insert into SCHOOL_ACCESS_REQUEST (ID, REALM_ID, NUMBER, ORG_ID, ROLE, STATUS, ESIA_OID, LAST_NAME, FIRST_NAME,"
                        + " SNILS, TRUSTED, CREATED_AT) values ('legacy-request', ?, ?, ?, 'parent', 'pending', '9999999901', 'Иванова',"
                        + " 'Мария', ?, true, 1700000000000)", realmId, LEGACY_REQUEST_NUMBER, org, MARIA_SNILS);
                assertEquals(2, count(db, "select count(*) from SCHOOL_SNILS where SNILS is not null and SNILS_HASH is null"));
            }
        });
    }

    @AfterAll
    static void removeTheNoRightsAdmin(TestEnvironment env) {
        OrganisationDirectoryImportIT.deleteNoRightsUser(env);
    }

    @Test
    @Order(1)
    void issue14_snilsStoredInClearByThePreviousVersionAreHashedAtStart_andEveryLookupStillFindsThem() throws Exception {
        // The index (ESIA's SNILS auto-link, the requests' candidates, the admin API all look up through it).
        assertEquals(List.of("ivanova.maria"), usernames(bySnils(MARIA_SNILS)));
        assertEquals(List.of("pavlov.igor"), usernames(bySnils("165-432-987%2088")));
        // The card: shown masked; the same SNILS asked again is the converted entry, not a second one.
        JsonNode card = StaffApi.json(api.get("zavuch.sosh1", "/people/" + PETR + "/parent-snils"));
        assertTrue(card.toString().contains("legacy-card-snils") && card.toString().contains("***-***-*** 88"), card.toString());
        assertFalse(card.toString().contains(PAVLOV_SNILS), "never in clear: " + card);
        HttpResponse<String> again = api.post("zavuch.sosh1", "/people/" + PETR + "/parent-snils", Map.of("snils", PAVLOV_SNILS));
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("legacy-card-snils", StaffApi.json(again).get("id").asText());
        // R-FAM-3 at the parent's login: the card found by the hash of his Госуслуги SNILS.
        Browser.Page page = new EsiaFlow(env).loginAs(PAVLOV_OID, "parent");
        assertEquals(200, page.status(), page.status() + " " + page.location() + ": " + page.text());
        assertEquals(List.of("Иванов Пётр Сергеевич"), page.document().select(SnilsChildrenPage.CHILD_NAMES).eachText());
        // The person's own page: the request filed with the SNILS on her card.
        JsonNode requests = PersonalApi.section(new PersonalApi(env).me("ivanova.maria"), "requests");
        assertTrue(requests.toString().contains(LEGACY_REQUEST_NUMBER), requests.toString());
    }

    @Test
    @Order(1)
    void issue13_theDiaryAndTheProfileScopeLoseSnilsAndBirthDateAtStart() throws Exception {
        PersonalDataScopesIT.assertUpgraded(env);
        assertTrue(env.keycloak().logLinesFrom(logFrom).stream().anyMatch(l -> l.contains("realm " + DemoRealm.NAME
                + ": SNILS and birth dates only to clients configured to need them")), env.keycloak().tail(40));
        PersonalDataScopesIT.assertNoPersonalData(new RelyingSystem(env)
                .login(env.browser(), "sosh-1-ys", "ivanova.maria", PersonalDataScopesIT.PASSWORD).idClaims());
    }

    @Test
    @Order(1)
    void defect6_theCardGetsItsValidatorsAtStartAndAnAdminsOwnSettingStays() throws Exception {
        CardValidatorUpgradeIT.assertCardHasTheValidators(env);
        JsonNode own = CardValidatorUpgradeIT.attribute(env.admin().get(REALM + "/users/profile"), "birthdate").get("validations")
                .get("school-birthdate");
        assertEquals(false, own.path("ignore.empty.value").asBoolean(true), "the admin's setting of the validator stays: " + own);
        CardValidatorUpgradeIT.assertBornIn2099IsRefused(env);
    }

    @Test
    @Order(1)
    void r_fam_1_thePostLoginFlowGetsTheChildrenProposalsStepAtStart() throws Exception {
        assertEquals(List.of("school-family-snils-children", "school-family-esia-children"), postLoginSteps(env));
        FamilyProposalIT.Pupils p = FamilyProposalIT.pupils(env);
        FamilyProposalIT.belova(env, "sosh-2-korsakov");
        inWithoutAPage(FamilyProposalIT.login(env, FamilyProposalIT.BELOVA_OID));
        assertEquals(1, FamilySnilsIT.ok(api.get("zavuch.sosh1", "/people/" + p.artem() + "/family-links/proposals")).get("items").size());
    }

    @Test
    @Order(1)
    void issue11_thePersonalPageGetsItsClientAtStart() {
        List<ClientRepresentation> after = env.realmAdmin().realm().clients().findByClientId("school-personal");
        assertEquals(1, after.size(), "created again at start");
        PersonalApiIT.assertPersonalClient(after.get(0));
        assertTrue(env.keycloak().logLinesFrom(logFrom).stream().anyMatch(l -> l.contains("client school-personal created for the personal page")));
    }

    @Test
    @Order(2)
    void aSecondStartConvertsNothingAgainAndKeepsWhatAdminsChoseSince() throws Exception {
        // Since the first start: a SNILS written by this version (a card entry through the staff API), and a SNILS
        // mapper an admin puts on the diary (a configured need).
        HttpResponse<String> added = api.post("zavuch.sosh1", "/people/" + PETR + "/parent-snils", Map.of("snils", MARIA_SNILS));
        assertEquals(201, added.statusCode(), added.body());
        env.realmAdmin().client(DemoRealm.CLIENT_ID).getProtocolMappers().createMapper(PersonalDataScopesIT.mapperRepresentation("snils"));

        env.restartKeycloak(() -> {
            try (Connection db = env.keycloak().openH2()) {
                List<String> clear = new ArrayList<>();
                clear.addAll(elevenDigits(db, "select * from SCHOOL_SNILS"));
                clear.addAll(elevenDigits(db, "select * from SCHOOL_CARD_PARENT_SNILS"));
                clear.addAll(elevenDigits(db, "select SNILS_HASH from SCHOOL_ACCESS_REQUEST"));
                assertEquals(List.of(), clear, "no SNILS in clear in our lookup columns");
                assertTrue(count(db, "select count(*) from SCHOOL_SNILS where SNILS_HASH is not null") >= 2, "hashed rows");
                assertEquals(2, count(db, "select count(*) from SCHOOL_CARD_PARENT_SNILS where CHILD_ID = '" + PETR
                        + "' and SNILS_HASH is not null and SNILS_MASKED like '***-***-*** __'"));
                assertEquals(1, count(db, "select count(*) from SCHOOL_ACCESS_REQUEST where ID = 'legacy-request'"
                        + " and length(SNILS_HASH) = 64"), "the request is found by its hash; its digits stay its content");
            }
        });
        assertEquals(List.of("ivanova.maria"), usernames(bySnils(MARIA_SNILS)), "still found after a start with nothing to convert");
        assertEquals("11223344595", new RelyingSystem(env).login(env.browser(), "sosh-1-ys", "ivanova.maria", PersonalDataScopesIT.PASSWORD)
                .idClaims().get("snils").asText(), "the admin's SNILS mapper stays");
        assertEquals(List.of("school-family-snils-children", "school-family-esia-children"), postLoginSteps(env), "the step added once");
    }

    private static List<String> postLoginSteps(TestEnvironment env) {
        return env.realmAdmin().realm().flows().getExecutions(POST_LOGIN).stream()
                .map(AuthenticationExecutionInfoRepresentation::getProviderId).toList();
    }

    private JsonNode bySnils(String snils) throws Exception {
        String token = OrganisationDirectoryImportIT.adminToken(env, KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
        HttpResponse<String> r = OrganisationDirectoryImportIT.send(env, token, "GET", BY_SNILS + snils, null, null);
        assertEquals(200, r.statusCode(), r.body());
        return StaffApi.json(r);
    }

    private static List<String> usernames(JsonNode users) {
        List<String> out = new ArrayList<>();
        users.forEach(u -> out.add(u.get("username").asText()));
        return out;
    }

    /** Every value of the query's rows that is a SNILS however written, or holds one of this test's. */
    private static List<String> elevenDigits(Connection db, String sql) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String value = rs.getString(i);
                    if (value != null && (value.replaceAll("[\\s-]", "").matches("\\d{11}")
                            || value.contains(MARIA_SNILS) || value.contains(PAVLOV_SNILS))) {
                        found.add(meta.getColumnName(i) + "=" + value);
                    }
                }
            }
        }
        return found;
    }

    private static String single(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), sql + " " + parameter);
                return rs.getString(1);
            }
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void update(Connection db, String sql, String... parameters) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            assertEquals(1, s.executeUpdate(), sql);
        }
    }
}
