package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.it.pages.SnilsChildrenPage;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.KeycloakServer;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 14, SNILS at rest: an upgrade-style run on the suite's server. Rows are written as the
 * previous version wrote them (SNILS in clear, no hash) while Keycloak is stopped; at its start
 * they become keyed hashes, and every lookup by SNILS still finds them: the admin API's
 * accounts by SNILS (the index behind ESIA's SNILS auto-link and the requests' candidates), a
 * parent's Госуслуги login through the SNILS on a child's card (R-FAM-3), the person's own page
 * finding a request by the SNILS on the card. Stopped once more, the database holds no SNILS in
 * our index tables, neither the converted rows nor those written since.
 */
@ExtendWith(KeycloakExtension.class)
class SnilsAtRestIT {

    private static final String MARIA = "00000000-0000-4000-8000-000000000010";
    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String ZAVUCH = "00000000-0000-4000-8000-000000000001";
    private static final String MARIA_SNILS = "11223344595";
    /** Павлов Игорь Сергеевич at the emulator: a confirmed Госуслуги account. */
    private static final String PAVLOV_OID = "1000000011";
    private static final String PAVLOV_SNILS = "16543298788";
    private static final String BY_SNILS = "/realms/" + DemoRealm.NAME + "/school/users/by-snils/";
    private static final String LEGACY_REQUEST_NUMBER = "999-000-111";

    private final TestEnvironment env;
    private final StaffApi api;

    SnilsAtRestIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @AfterAll
    static void removeTheNoRightsAdmin(TestEnvironment env) {
        OrganisationDirectoryImportIT.deleteNoRightsUser(env);
    }

    @Test
    void issue14_snilsStoredInClearByThePreviousVersionAreHashedAtStart_andEveryLookupStillFindsThem() throws Exception {
        env.resetRealm();
        api.createTestClient();
        PersonalApi personal = new PersonalApi(env);
        personal.createTestClient();
        String pavlov = EsiaAccountLinkIT.createAccount(env, "pavlov.igor", "parent", "sosh-2-korsakov", "Игорь", "Павлов",
                "1982-02-02", Map.of("middleName", "Сергеевич", "snils", PAVLOV_SNILS));

        env.restartKeycloak(() -> {
            try (Connection db = env.keycloak().openH2()) {
                String realm = single(db, "select ID from REALM where NAME = ?", DemoRealm.NAME);
                String org = single(db, "select ID from ORG where ALIAS = ?", "sosh-1-ys");
                // What the previous version wrote: the index row, a parent's SNILS on a card, a request: digits, no hash.
                update(db, "update SCHOOL_SNILS set SNILS = ?, SNILS_HASH = null where USER_ID = ?", MARIA_SNILS, MARIA);
                update(db, "update SCHOOL_SNILS set SNILS = ?, SNILS_HASH = null where USER_ID = ?", PAVLOV_SNILS, pavlov);
                update(db, "insert into SCHOOL_CARD_PARENT_SNILS (ID, REALM_ID, CHILD_ID, SNILS, ADDED_BY, ADDED_AT, REMOVED_AT, REVOKED_LINKS)"
                        + " values ('legacy-card-snils', ?, ?, ?, ?, 1700000000000, 0, 0)", realm, PETR, PAVLOV_SNILS, ZAVUCH);
                update(db, "insert into SCHOOL_ACCESS_REQUEST (ID, REALM_ID, NUMBER, ORG_ID, ROLE, STATUS, ESIA_OID, LAST_NAME, FIRST_NAME,"
                        + " SNILS, TRUSTED, CREATED_AT) values ('legacy-request', ?, ?, ?, 'parent', 'pending', '9999999901', 'Иванова',"
                        + " 'Мария', ?, true, 1700000000000)", realm, LEGACY_REQUEST_NUMBER, org, MARIA_SNILS);
                assertEquals(2, count(db, "select count(*) from SCHOOL_SNILS where SNILS is not null and SNILS_HASH is null"));
            }
        });

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
        JsonNode requests = PersonalApi.section(personal.me("ivanova.maria"), "requests");
        assertTrue(requests.toString().contains(LEGACY_REQUEST_NUMBER), requests.toString());
        // A SNILS written by this version (a card entry through the staff API) joins the check below.
        HttpResponse<String> added = api.post("zavuch.sosh1", "/people/" + PETR + "/parent-snils", Map.of("snils", MARIA_SNILS));
        assertEquals(201, added.statusCode(), added.body());

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
