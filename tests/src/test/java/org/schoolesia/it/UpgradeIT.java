package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.MailServer;
import org.schoolesia.testkit.TestEnvironment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 14: a database made by the previous released version ({@link #FROM}; made by
 * {@link UpgradeDumpMaker} through {@code production/upgrade-dump.sh}) is upgraded by this version:
 * restored into a fresh PostgreSQL, this version's optimised build started on it through
 * {@code production/run.sh}, then every change set of this version is applied (the old ones not run
 * again), the indexes our change sets name exist, the rows are all there and everything works: the
 * links (a returning ESIA login, a first login that finds its account by SNILS, a parent's children),
 * the requests (staff list, the filer's next login), the outbox (the owed e-mail goes out, once),
 * the certificate. Checks are about behaviour, not column contents, so later change sets may
 * reshape tables. Its own Keycloak and database, in the production-path fork.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeIT {

    static final String FROM = "v0.1.0";
    private static final String CHANGELOG = "providers/school/src/main/resources/META-INF/school-changelog/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path root;
    private static UpgradeDatabase db;
    private static TestEnvironment env;
    private static JsonNode made;
    /** Change sets in the database as the previous version left it: {@code id|author|file}. */
    private static List<String> before;

    @BeforeAll
    static void upgrade() throws Exception {
        Path realmConfig = Path.of(System.getProperty("realm.config")).toAbsolutePath().normalize();
        root = realmConfig.getParent();
        Path work = Path.of(System.getProperty("test.work.dir", "target/it-work")).resolve("upgrade").toAbsolutePath();
        if (System.getProperty("keycloak.startTimeoutSeconds") == null) {
            System.setProperty("keycloak.startTimeoutSeconds", "900");
        }
        deleteTree(work);
        try (InputStream manifest = resource(".json")) {
            made = JSON.readTree(manifest);
        }
        db = new UpgradeDatabase(work.resolve("keycloak/postgres"), UpgradeDatabase.freePort());
        db.start(root);
        try (InputStream dump = resource(".sql.gz")) {
            db.restore(dump);
        }
        before = changeSetIds();
        // run.sh finds the cluster already running on PG_PORT and starts Keycloak on it.
        env = TestEnvironment.startProduction(root, Path.of(System.getProperty("keycloak.home")), realmConfig, work,
                Map.of("PG_PORT", String.valueOf(db.port())),
                List.of("--spi-school-mail-outbox--default--poll-seconds=2", "--spi-school-mail-outbox--default--retry-first-seconds=1",
                        "--spi-school-mail-outbox--default--retry-max-seconds=2"), false);
        // What an operator moving the database to another stand changes: where ESIA and the mail server are.
        env.updateEsiaConfig(Map.of("esiaBaseUrl", env.emulator().baseUrl()));
        env.admin().put("/realms/" + DemoRealm.NAME, Map.of("smtpServer", Map.of("host", env.mail().host(),
                "port", String.valueOf(env.mail().port()), "from", "noreply@school.example", "auth", "false", "ssl", "false",
                "starttls", "false")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (env != null) {
            env.close();
        }
        if (db != null) {
            db.stop(root);
        }
    }

    @Test
    @Order(1)
    void issue14_everyChangeSetOfThisVersionIsAppliedAndThePreviousOnesAreNotRunAgain() throws Exception {
        assertTrue(hasId(before, "school-001-snils-index") && hasId(before, "school-011-certificates"), "the dump is " + FROM + "'s: " + before);
        List<String> after = changeSetIds();
        for (String id : changeSetsOfThisVersion()) {
            assertTrue(hasId(after, id), "change set " + id + " applied by the upgrade: " + after);
        }
        for (String changeSet : before) {
            assertEquals(1, after.stream().filter(changeSet::equals).count(), "change set " + changeSet + " ran once, before the upgrade");
        }
    }

    @Test
    @Order(2)
    void issue14_theIndexesOurChangeSetsNameExist() throws Exception {
        Set<String> present = db.query("SELECT lower(indexname) FROM pg_indexes WHERE schemaname = current_schema()").stream()
                .collect(Collectors.toSet());
        Set<String> expected = indexesOfThisVersion();
        assertTrue(expected.contains("idx_school_family_link_child") && expected.contains("uk_school_certificate_number"), expected.toString());
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(present);
        assertEquals(Set.of(), missing, "indexes named by the change sets, missing after the upgrade");
    }

    @Test
    @Order(3)
    void issue14_theRowsThePreviousVersionWroteAreAllThere() throws Exception {
        // Tables a later change set may reshape (the SNILS index) are checked by what they do, below.
        for (String table : List.of("school_esia_link", "school_family_link", "school_access_request", "school_certificate")) {
            assertEquals(made.get("rows").get(table).asLong(), db.count("SELECT count(*) FROM " + table), table);
        }
        assertTrue(made.get("rows").get("school_mail_outbox").asLong() >= 1, "the dump owes an e-mail");
    }

    @Test
    @Order(4)
    void issue14_theEmailThePreviousVersionOwedGoesOutOnce() throws Exception {
        String to = made.get("owedMailTo").asText();
        MailServer.Mail mail = env.mail().awaitMessage(to, Duration.ofSeconds(120));
        assertTrue(mail.subject().contains(made.get("rejectedRequest").asText()), mail.subject());
        Thread.sleep(3000);
        assertEquals(1, env.mail().messagesTo(to).size(), "sent once");
    }

    @Test
    @Order(5)
    void issue14_staffStillSeeThePendingRequestAndTheFilerIsToldItIsPending() {
        StaffApi staff = new StaffApi(env);
        String number = made.get("pendingRequest").asText();
        assertNotNull(UpgradeDumpMaker.pendingId(staff, env, number));
        Browser.Page page = new EsiaFlow(env).loginAs(made.get("pendingParentOid").asText(), "parent");
        assertEquals("pending", EsiaAccountLinkIT.pageOf(page), page.text());
        assertNotNull(page.document().selectFirst("li[data-number=" + number + "]"), page.text());
    }

    @Test
    @Order(6)
    void issue14_esiaLinksWork_aReturningParentGoesStraightIn_aPupilIsFoundBySnils() throws Exception {
        EsiaFlow flow = new EsiaFlow(env);
        JsonNode parent = flow.redeem(EsiaFlow.codeFrom(flow.loginAs("1000000001", "parent")));
        assertEquals(made.get("parent").asText(), EsiaFlow.claims(parent.get("id_token").asText()).get("sub").asText());
        // R-LINK-2: the SNILS index the previous version filled finds ivanov.petr at his first ESIA login.
        EsiaFlow pupil = new EsiaFlow(env);
        JsonNode petr = pupil.redeem(EsiaFlow.codeFrom(pupil.loginAs("1000000002", "student")));
        assertEquals(made.get("certificateChild").asText(), EsiaFlow.claims(petr.get("id_token").asText()).get("sub").asText());
    }

    @Test
    @Order(7)
    void issue14_familyLinksAndTheCertificateWork() {
        JsonNode entries = CertificateFixtures.entries(env, "ivanova.maria");
        assertEquals(2, entries.size(), "her two children, by the family links: " + entries);
        JsonNode petr = CertificateFixtures.entryOf(entries, made.get("certificateChild").asText());
        assertEquals(made.get("certificate").asText(), petr.get("certificate").get("number").asText(), petr.toString());
        assertFalse(petr.get("eligible").asBoolean(), "he already has one: " + petr);
    }

    private static InputStream resource(String suffix) {
        InputStream in = UpgradeIT.class.getResourceAsStream("/upgrade/" + FROM + suffix);
        assertNotNull(in, "tests/src/test/resources/upgrade/" + FROM + suffix + " (production/upgrade-dump.sh makes it)");
        return in;
    }

    private static boolean hasId(List<String> changeSets, String id) {
        return changeSets.stream().anyMatch(c -> c.startsWith(id + "|"));
    }

    /** Every change set ({@code id|author|file}) in Liquibase's logs: Keycloak's own table and the one per entity provider. */
    private static List<String> changeSetIds() throws IOException, InterruptedException {
        List<String> tables = db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND lower(table_name) LIKE 'databasechangelog%' AND lower(table_name) NOT LIKE 'databasechangeloglock%'");
        List<String> ids = new ArrayList<>();
        for (String table : tables) {
            ids.addAll(db.query("SELECT id, author, filename FROM " + table));
        }
        return ids;
    }

    private static List<Document> changeLogsOfThisVersion() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document master = factory.newDocumentBuilder().parse(root.resolve(CHANGELOG + "master.xml").toFile());
        List<Document> logs = new ArrayList<>();
        NodeList includes = master.getElementsByTagName("include");
        for (int i = 0; i < includes.getLength(); i++) {
            String file = ((Element) includes.item(i)).getAttribute("file");
            logs.add(factory.newDocumentBuilder().parse(root.resolve(CHANGELOG + file.substring(file.lastIndexOf('/') + 1)).toFile()));
        }
        return logs;
    }

    private static List<String> changeSetsOfThisVersion() throws Exception {
        List<String> ids = new ArrayList<>();
        for (Document log : changeLogsOfThisVersion()) {
            NodeList sets = log.getElementsByTagName("changeSet");
            for (int i = 0; i < sets.getLength(); i++) {
                ids.add(((Element) sets.item(i)).getAttribute("id"));
            }
        }
        return ids;
    }

    /** Index and unique-constraint names the change sets create, less those a later one drops (or its table), in lower case. */
    private static Set<String> indexesOfThisVersion() throws Exception {
        Map<String, String> tableOf = new java.util.LinkedHashMap<>();
        for (Document log : changeLogsOfThisVersion()) {
            NodeList all = log.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                String table = e.getAttribute("tableName").toLowerCase();
                switch (e.getTagName()) {
                    case "createIndex" -> tableOf.put(e.getAttribute("indexName").toLowerCase(), table);
                    case "addUniqueConstraint" -> tableOf.put(e.getAttribute("constraintName").toLowerCase(), table);
                    case "dropIndex" -> tableOf.remove(e.getAttribute("indexName").toLowerCase());
                    case "dropUniqueConstraint" -> tableOf.remove(e.getAttribute("constraintName").toLowerCase());
                    case "dropTable" -> tableOf.values().removeIf(table::equals);
                    default -> { }
                }
            }
        }
        return new LinkedHashSet<>(tableOf.keySet());
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
