package org.schoolesia.school.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.schoolesia.esia.broker.EsiaNotes;

/** The pure parts of the request form (R-REQ-1): ESIA's children, what is read from the form, the class order. */
class RequestFormInputTest {

    private static final String KIDS = "[{\"oid\":\"1000000007\",\"lastName\":\"Кузнецов\",\"firstName\":\"Илья\",\"middleName\":\"Андреевич\","
            + "\"birthDate\":\"2015-04-02\",\"gender\":\"M\",\"snils\":\"20304050680\",\"birthCertificate\":\"I-ФС 123456\"},"
            + "{\"lastName\":\"Без\",\"firstName\":\"Оида\"},"
            + "{\"oid\":\"1000000009\",\"lastName\":\"Соколова\",\"firstName\":\"Вера\",\"middleName\":null,\"birthDate\":\"bad\"}]";

    @Test
    void r_req_1_childrenComeFromEsiasListWhenThisLoginReadThem() {
        EsiaChildren kids = EsiaChildren.from(Map.of(EsiaNotes.KIDS, KIDS, EsiaNotes.KIDS_READ, "true"));
        assertTrue(kids.read());
        assertEquals(2, kids.all().size(), "a child without an oid cannot be named");
        AccessRequest.Child ilya = kids.byOid(" 1000000007 ").orElseThrow();
        assertEquals("Кузнецов Илья Андреевич", ilya.fullName());
        assertEquals(LocalDate.of(2015, 4, 2), ilya.birthDate());
        assertEquals("20304050680", ilya.snils());
        assertEquals("I-ФС 123456", ilya.birthCertificate());
        AccessRequest.Child vera = kids.byOid("1000000009").orElseThrow();
        assertNull(vera.middleName());
        assertNull(vera.birthDate(), "an unreadable date is no date");
        assertTrue(kids.byOid("1000000002").isEmpty(), "another person's child is not among them");
        assertTrue(kids.byOid(null).isEmpty());
    }

    @Test
    void childrenAreNoneWhenTheLoginDidNotReadThemOrTheListIsUnreadable() {
        assertTrue(EsiaChildren.from(Map.of(EsiaNotes.KIDS, KIDS)).all().isEmpty(), "not read: not complete, so none");
        assertFalse(EsiaChildren.from(Map.of(EsiaNotes.KIDS, KIDS)).read());
        assertTrue(EsiaChildren.from(Map.of(EsiaNotes.KIDS_READ, "true")).all().isEmpty());
        assertTrue(EsiaChildren.from(Map.of(EsiaNotes.KIDS, "{oops", EsiaNotes.KIDS_READ, "true")).all().isEmpty());
        assertTrue(EsiaChildren.from(Map.of(EsiaNotes.KIDS, "{\"oid\":1}", EsiaNotes.KIDS_READ, "true")).all().isEmpty());
    }

    @Test
    void onlyTheChoicesAreReadBoundedAndTheCommentKeptAsTyped() {
        Map<String, String> form = Map.of("schoolType", " school ", "organization", "sosh-1-ys", "schoolClass", "x".repeat(300),
                "child", "1000000007", "comment", "  <script>alert(1)</script>\n", "firstName", "forged");
        RequestChoices c = RequestChoices.from(form::get);
        assertEquals("school", c.type());
        assertEquals("sosh-1-ys", c.organisation());
        assertEquals(RequestChoices.MAX_CHOICE, c.schoolClass().length());
        assertEquals("1000000007", c.child());
        assertEquals("  <script>alert(1)</script>\n", c.comment(), "kept as typed, to be shown back escaped");
        assertEquals(RequestChoices.MAX_KEPT_COMMENT, RequestChoices.from(Map.of("comment", "я".repeat(50_000))::get).comment().length());
        assertEquals(RequestChoices.NONE, RequestChoices.from(Map.<String, String>of()::get));
    }

    @Test
    void classesInSchoolOrder() {
        List<String> names = new ArrayList<>(List.of("Старшая группа", "11А", "1Б", "10А", "1А", "5Б", "Объединение 36 Художник", "2 В"));
        names.sort(SchoolClasses.SCHOOL_ORDER);
        assertEquals(List.of("1А", "1Б", "2 В", "5Б", "10А", "11А", "Объединение 36 Художник", "Старшая группа"), names);
    }

    @Test
    void limitsHaveSafeDefaults() {
        var settings = RequestFormStep.Settings.of(Map.of()).limits();
        assertEquals(5, settings.perPerson());
        assertEquals(java.time.Duration.ofHours(24), settings.personWindow());
        assertEquals(20, settings.perAddress());
        assertEquals(java.time.Duration.ofHours(1), settings.addressWindow());
        var set = RequestFormStep.Settings.of(Map.of("maxRequestsPerPerson", "2", "requestPersonWindowHours", "0",
                "maxRequestsPerAddress", "x", "requestAddressWindowMinutes", "5")).limits();
        assertEquals(2, set.perPerson());
        assertEquals(java.time.Duration.ofHours(24), set.personWindow(), "nonsense falls back to the default");
        assertEquals(20, set.perAddress());
        assertEquals(java.time.Duration.ofMinutes(5), set.addressWindow());
    }
}
