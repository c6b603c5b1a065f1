package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Makes the upgrade test's database (issue 14) with the PREVIOUS released version: run by
 * {@code production/upgrade-dump.sh}, never by the suite (the name is no test's). It starts that
 * version's optimised build on PostgreSQL through that version's {@code production/run.sh}
 * ({@code upgrade.fromRoot}: a checkout of the tag, built), imports the demo realm, and does what
 * people do: a parent files a request that stays pending, another's request is rejected while the mail
 * server is down (its e-mail stays owed in the outbox), a parent gets her son's certificate; the demo's
 * family links and ESIA links come with the realm. Then {@code pg_dump} and a manifest of what was made
 * ({@code upgrade.output}/{@code <version>.sql.gz} and {@code .json}) for {@link UpgradeIT}.
 */
class UpgradeDumpMaker {

    static final String PENDING_PARENT_OID = "1000000008";
    static final String REJECTED_PARENT_OID = "1000000011";
    static final String STAFF = "zavuch.sosh1";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void makeTheDumpWithThePreviousVersion() throws Exception {
        Path from = Path.of(required("upgrade.fromRoot")).toAbsolutePath().normalize();
        Path distribution = Path.of(System.getProperty("upgrade.fromDistribution", from.resolve("server/target/keycloak-26.7.4").toString()));
        String version = required("upgrade.fromVersion");
        Path output = Path.of(required("upgrade.output")).toAbsolutePath();
        Path work = Path.of(System.getProperty("test.work.dir", "target/it-work")).resolve("upgrade-dump").toAbsolutePath();
        UpgradeIT.deleteTree(work);
        if (System.getProperty("keycloak.startTimeoutSeconds") == null) {
            System.setProperty("keycloak.startTimeoutSeconds", "900");
        }
        UpgradeDatabase db = new UpgradeDatabase(work.resolve("keycloak/postgres"), UpgradeDatabase.freePort());
        try (TestEnvironment env = TestEnvironment.startProduction(from, distribution, from.resolve("realm-config"), work,
                Map.of("PG_PORT", String.valueOf(db.port())), List.of(), true)) {
            StaffApi staff = new StaffApi(env);
            staff.createTestClient();
            PersonalApi personal = new PersonalApi(env);
            personal.createTestClient();
            env.realmAdmin().createClient(StaffApi.directGrantClient(CertificateFixtures.CLIENT_ID, CertificateFixtures.CLIENT_SECRET,
                    StaffApi.audienceMapper("certificates api audience", CertificateFixtures.AUDIENCE)));

            String pending = AccessRequestFlow.fileRequest(env, env.browser(), PENDING_PARENT_OID, "parent", "sosh-1-ys", "1А", "1000000009",
                    "Обращение, поданное до обновления");
            String rejected = AccessRequestFlow.fileRequest(env, env.browser(), REJECTED_PARENT_OID, "parent", "sosh-1-ys", "5Б", "1000000012",
                    null);
            String rejectedId = pendingId(staff, env, rejected);
            env.mail().stop();
            HttpResponse<String> decided = staff.call("POST", STAFF, requestsUrl(env) + "/" + rejectedId + "/reject",
                    Map.of("comment", "Ребенок не найден в контингенте"), "ru");
            assertEquals(200, decided.statusCode(), decided.body());
            awaitLog(env, "access request " + rejected + " not sent");

            String petr = env.realmAdmin().userId("ivanov.petr");
            HttpResponse<String> issued = CertificateFixtures.issue(env, personal.token("ivanova.maria"), petr);
            assertTrue(issued.statusCode() == 200 || issued.statusCode() == 201, issued.body());
            String certificate = StaffApi.json(issued).get("certificate").get("number").asText();

            Files.createDirectories(output);
            db.dump(output.resolve(version + ".sql.gz"), env.emulator().baseUrl());
            ObjectNode made = JSON.createObjectNode();
            made.put("version", version);
            made.put("madeAt", Instant.now().toString());
            made.put("pendingRequest", pending);
            made.put("pendingParentOid", PENDING_PARENT_OID);
            made.put("rejectedRequest", rejected);
            made.put("owedMailTo", "igor.pavlov@example.ru");
            made.put("certificate", certificate);
            made.put("certificateChild", petr);
            made.put("parent", env.realmAdmin().userId("ivanova.maria"));
            ObjectNode rows = made.putObject("rows");
            for (String table : List.of("school_esia_link", "school_family_link", "school_access_request", "school_mail_outbox",
                    "school_certificate", "school_snils", "school_member")) {
                rows.put(table, db.count("SELECT count(*) FROM " + table));
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(output.resolve(version + ".json").toFile(), made);
        }
    }

    static String requestsUrl(TestEnvironment env) {
        return env.keycloak().realmUrl(DemoRealm.NAME) + "/school/access-requests";
    }

    /** The id of the request numbered {@code number} in the staff member's pending list. */
    static String pendingId(StaffApi staff, TestEnvironment env, String number) {
        HttpResponse<String> list = staff.call("GET", STAFF, requestsUrl(env) + "?status=pending", null, "ru");
        assertEquals(200, list.statusCode(), list.body());
        for (JsonNode item : StaffApi.json(list).get("items")) {
            if (number.equals(item.get("number").asText())) {
                return item.get("id").asText();
            }
        }
        throw new AssertionError("request " + number + " not in " + STAFF + "'s pending list: " + list.body());
    }

    private static void awaitLog(TestEnvironment env, String text) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (env.keycloak().logLinesFrom(0).stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not in the log: " + text + "\n" + env.keycloak().tail(30));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("-D" + property + " is required (production/upgrade-dump.sh sets it)");
        }
        return value;
    }
}
