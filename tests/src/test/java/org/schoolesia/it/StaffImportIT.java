package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.Cleanup;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/** «Импорт учеников» (R-ODO-1): all or nothing, never twice. */
@ExtendWith(KeycloakExtension.class)
class StaffImportIT {

    private static final String HEADER = "Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Фамилия родителя;Имя родителя;Отчество родителя;СНИЛС родителя\n";
    private static final String GOOD = HEADER
            + "Смирнова;Алиса;Игоревна;12.05.2016;Ж;101-001-001 21;Смирнов;Игорь;Петрович;20030040048\n"
            + "Смирнов;Глеб;Игоревич;2018-02-20;М;;Смирнов;Игорь;Петрович;20030040048\n"
            + "Ли;Виктор;;03.03.2017;М;;;;;\n";

    private final TestEnvironment env;
    private final StaffApi api;

    StaffImportIT(TestEnvironment env) {
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

    /** Every test may create accounts (or fail to refuse them): they go after it. */
    @BeforeEach
    void deleteNewAccountsAfterwards() {
        cleanup.add(env.realmAdmin().deleteUsersCreatedFromNow());
    }

    @AfterEach
    void undoChanges() {
        cleanup.close();
    }

    private HttpResponse<String> importCsv(String text) {
        return api.postCsv("metodist.ddut", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void r_odo_1_goodFileCreatesAccountsAndReRunSkipsEveryRow() {
        int before = api.userCount();
        HttpResponse<String> r = importCsv(GOOD);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = StaffApi.json(r);
        assertEquals(3, report.get("created").size(), r.body());
        assertEquals(0, report.get("skipped").size());
        JsonNode alice = report.get("created").get(0);
        assertEquals(2, alice.get("row").asInt());
        assertEquals("smirnovaa", alice.get("studentLogin").asText());
        assertEquals("smirnovi", alice.get("parentLogins").get(0).asText());
        // Siblings share the parent of the file: one parent account.
        assertEquals("smirnovi", report.get("created").get(1).get("parentLogins").get(0).asText());
        assertEquals(0, report.get("created").get(2).get("parentLogins").size());
        assertEquals(before + 4, api.userCount());

        UserRepresentation gleb = env.realmAdmin().user(report.get("created").get(1).get("studentLogin").asText());
        assertEquals(List.of("import"), gleb.getAttributes().get("enrolmentSource"));
        assertEquals(List.of("ddut-ys"), gleb.getAttributes().get("homeOrganization"));
        // Issue 12: the import links the parent as a row of its own (source staff), never as an attribute.
        JsonNode glebLinks = StaffApi.json(api.get("metodist.ddut", "/people/" + gleb.getId() + "/family-links"));
        assertEquals(1, glebLinks.get("total").asInt(), glebLinks.toString());
        assertEquals(api.userId("smirnovi"), glebLinks.get("items").get(0).get("parent").get("id").asText());
        assertEquals("staff", glebLinks.get("items").get(0).get("source").asText());
        assertNull(gleb.getAttributes().get("parentIds"));
        UserRepresentation viktor = env.realmAdmin().user("liv");
        assertEquals(List.of("true"), viktor.getAttributes().get("noMiddleName"));
        assertNull(viktor.getAttributes().get("middleName"));

        // The ОДО lists them and may issue their credentials (R-ODO-3).
        JsonNode list = StaffApi.json(api.get("metodist.ddut", "/people?role=student&surname=" + java.net.URLEncoder.encode("смирн", StandardCharsets.UTF_8)));
        assertEquals(2, list.get("total").asInt());
        list.get("items").forEach(i -> assertTrue(i.get("canIssueCredentials").asBoolean()));

        HttpResponse<String> again = importCsv(GOOD);
        assertEquals(200, again.statusCode(), again.body());
        JsonNode second = StaffApi.json(again);
        assertEquals(0, second.get("created").size(), again.body());
        assertEquals(3, second.get("skipped").size());
        assertEquals("уже импортирован", second.get("skipped").get(0).get("reason").asText());
        assertEquals(before + 4, api.userCount());
    }

    private void assertRefusedAndNothingSaved(HttpResponse<String> r, int status, String error, int before) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(error, StaffApi.json(r).get("error").asText(), r.body());
        assertTrue(StaffApi.json(r).get("message").asText().length() > 5, r.body());
        assertEquals(before, api.userCount(), "nothing may be saved: " + r.body());
    }

    @Test
    void badRowsAreReportedAndNothingIsSaved() {
        int before = api.userCount();
        HttpResponse<String> r = importCsv(HEADER
                + "Смирнова;Алиса;Игоревна;12.05.2016;Ж;;;;;\n"
                + "Зайцев;Олег;Олегович;01.01.2016;М;123-456-789 65;;;;\n"
                + "Петров;Иван;Иванович;01.01.2016;М;101-001-001 21;;;;\n"
                + "Петрова;Ирина;Ивановна;01.01.2016;Ж;10100100121;;;;\n"
                + "Иванов;Пётр;Сергеевич;05.09.2012;М;12345678964;;;;\n"
                + "Орлов;Иван;Иванович;31.02.2016;М;;;;;\n");
        assertRefusedAndNothingSaved(r, 422, "invalid_rows", before);
        JsonNode rows = StaffApi.json(r).get("rows");
        assertEquals(4, rows.size(), r.body());
        assertEquals(3, rows.get(0).get("row").asInt());
        assertEquals("invalid_snils", rows.get(0).get("error").asText());
        assertTrue(rows.get(0).get("message").asText().startsWith("СНИЛС: "), rows.toString());
        assertEquals(5, rows.get(1).get("row").asInt());
        assertEquals("duplicate_snils", rows.get(1).get("error").asText());
        assertEquals("СНИЛС: Этот СНИЛС уже указан в строке 4.", rows.get(1).get("message").asText());
        assertEquals(6, rows.get(2).get("row").asInt());
        assertEquals("duplicate_snils", rows.get(2).get("error").asText());
        assertEquals(7, rows.get(3).get("row").asInt());
        assertEquals("invalid_birthdate", rows.get(3).get("error").asText());
    }

    @Test
    void defect11_aSnilsUsedOutsideTheOrganisationIsRefusedWithoutSayingSo() {
        int before = api.userCount();
        // Anna's SNILS: a kindergarten child the ОДО has not enrolled; Petr's: enrolled, so on the ОДО's own list.
        HttpResponse<String> r = importCsv(HEADER
                + "Петрова;Анна;Ивановна;21.06.2016;Ж;156-273-849 90;;;;\n"
                + "Иванов;Пётр;Сергеевич;05.09.2012;М;12345678964;;;;\n");
        assertRefusedAndNothingSaved(r, 422, "invalid_rows", before);
        JsonNode rows = StaffApi.json(r).get("rows");
        assertEquals("snils_unavailable", rows.get(0).get("error").asText(), rows.toString());
        assertFalse(rows.get(0).get("message").asText().contains("уже есть"), rows.toString());
        assertEquals("duplicate_snils", rows.get(1).get("error").asText(), rows.toString());
    }

    @Test
    void malformedFilesAreRefusedWithTheLine() {
        int before = api.userCount();
        HttpResponse<String> quotes = importCsv(HEADER + "Смирнова;Алиса;Игоревна;12.05.2016;Ж;;;;;\n\"Ли;Виктор;;03.03.2017;М;;;;;\n");
        assertRefusedAndNothingSaved(quotes, 400, "malformed_csv", before);
        assertEquals(3, StaffApi.json(quotes).get("line").asInt());

        HttpResponse<String> column = importCsv("Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Класс\nЛи;Виктор;;03.03.2017;М;;5Б\n");
        assertRefusedAndNothingSaved(column, 400, "malformed_csv", before);
        assertEquals(1, StaffApi.json(column).get("line").asInt());
        assertEquals("Неизвестный столбец «Класс» в строке заголовка.", StaffApi.json(column).get("message").asText());

        assertRefusedAndNothingSaved(importCsv("Фамилия;Имя\nЛи;Виктор\n"), 400, "malformed_csv", before);
        byte[] cp1251 = (HEADER + "Ли;Виктор;;03.03.2017;М;;;;;\n").getBytes(Charset.forName("windows-1251"));
        assertRefusedAndNothingSaved(api.postCsv("metodist.ddut", cp1251), 400, "malformed_csv", before);

        byte[] huge = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertRefusedAndNothingSaved(api.postCsv("metodist.ddut", huge), 413, "payload_too_large", before);
        assertEquals(401, api.postCsv(null, GOOD.getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(before, api.userCount());
    }
}
