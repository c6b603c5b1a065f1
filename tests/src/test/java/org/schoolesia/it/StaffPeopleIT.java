package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.Cleanup;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.RealmAdmin;
import org.schoolesia.testkit.TestEnvironment;

/** The staff list and card, enrolment from other organisations' lists (R-ODO-1) and quick entry. */
@ExtendWith(KeycloakExtension.class)
class StaffPeopleIT {

    private final TestEnvironment env;
    private final StaffApi api;

    StaffPeopleIT(TestEnvironment env) {
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

    @AfterEach
    void undoChanges() {
        cleanup.close();
    }

    private static List<String> usernames(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(i -> names.add(i.get("username").asText()));
        return names;
    }

    @Test
    void meShowsTheStaffMemberAndTheirOrganisation() {
        JsonNode me = StaffApi.json(api.get("metodist.ddut", "/me"));
        assertEquals("Соколова", me.get("lastName").asText());
        assertEquals("Павловна", me.get("middleName").asText());
        assertEquals("методист", me.get("positions").get(0).asText());
        assertEquals("ddut-ys", me.get("organization").get("alias").asText());
        assertEquals("МАУДО ДДЮТ г.Южно-Сахалинск", me.get("organization").get("name").asText());
        assertEquals("supplementary", me.get("organization").get("type").asText());
        assertEquals("Дополнительное образование детей", me.get("organization").get("typeLabel").asText());
    }

    @Test
    void listShowsOnlyMembersOfTheStaffsOrganisation() {
        JsonNode odo = StaffApi.json(api.get("metodist.ddut", "/people?role=student&status=all"));
        assertEquals(List.of("ivanov.petr", "kuznetsov.ilya"), usernames(odo.get("items")));
        assertEquals(2, odo.get("total").asInt());
        assertEquals(50, odo.get("max").asInt());
        JsonNode petr = odo.get("items").get(0);
        assertEquals("sosh-1-ys", petr.get("homeOrganization").get("alias").asText());
        assertEquals("МАОУ СОШ № 1 г. Южно-Сахалинска", petr.get("homeOrganization").get("name").asText());
        assertFalse(petr.get("canIssueCredentials").asBoolean());
        assertTrue(odo.get("items").get(1).get("canIssueCredentials").asBoolean());

        JsonNode school = StaffApi.json(api.get("zavuch.sosh1", "/people?role=student"));
        assertEquals(List.of("ivanov.petr", "sokolova.vera"), usernames(school.get("items")));
        assertTrue(school.get("items").get(0).get("canIssueCredentials").asBoolean());
        JsonNode parents = StaffApi.json(api.get("metodist.ddut", "/people?role=parent"));
        assertEquals(List.of("ivanova.maria", "kuznetsov.andrey"), usernames(parents.get("items")));
        JsonNode kindergarten = StaffApi.json(api.get("vospitatel.ds15", "/people?role=student"));
        assertEquals(List.of("ivanova.anna"), usernames(kindergarten.get("items")));

        assertEquals(400, api.get("metodist.ddut", "/people?role=staff").statusCode());
    }

    @Test
    void cardOfAMemberAndNotFoundForEveryoneElse() {
        String ilya = api.userId("kuznetsov.ilya");
        JsonNode card = StaffApi.json(api.get("metodist.ddut", "/people/" + ilya));
        assertEquals("kuznetsov.ilya", card.get("login").asText());
        assertEquals("M", card.get("gender").asText());
        assertEquals("2015-04-02", card.get("birthdate").asText());
        assertEquals("import", card.get("enrolmentSource").asText());
        assertEquals("Кузнецов", card.get("parents").get(0).get("lastName").asText());
        assertEquals("Андрей", card.get("parents").get(0).get("firstName").asText());
        assertEquals("ddut-ys", card.get("organizations").get(0).get("alias").asText());

        JsonNode mother = StaffApi.json(api.get("metodist.ddut", "/people/" + api.userId("ivanova.maria")));
        List<String> children = new ArrayList<>();
        mother.get("children").forEach(c -> children.add(c.get("firstName").asText()));
        // Anna goes to the kindergarten, not to the ОДО: the ОДО does not learn about her from the card.
        assertEquals(List.of("Пётр"), children);
        assertEquals("***-***-*** 95", mother.get("snilsMasked").asText());
        // Defect 11 of issue 10: the card lists the caller's organisation only (she is in three).
        assertEquals(1, mother.get("organizations").size(), mother.toString());
        assertEquals("ddut-ys", mother.get("organizations").get(0).get("alias").asText());

        for (String other : List.of(api.userId("ivanova.anna"), api.userId("zavuch.sosh1"), "nope")) {
            HttpResponse<String> r = api.get("metodist.ddut", "/people/" + other);
            assertEquals(404, r.statusCode(), other);
            assertEquals("not_found", StaffApi.json(r).get("error").asText());
        }
    }

    @Test
    void r_odo_1_candidatesFromOtherOrganisationsOfTheRegionAndEnrolment() {
        JsonNode list = StaffApi.json(api.get("metodist.ddut", "/candidates?surname=" + enc("иван")));
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        list.get("items").forEach(i -> byName.put(i.get("firstName").asText(), i));
        assertEquals(List.of("Пётр", "Анна"), new ArrayList<>(byName.keySet()), list.toString());
        assertTrue(byName.get("Пётр").get("alreadyEnrolled").asBoolean());
        assertFalse(byName.get("Анна").get("alreadyEnrolled").asBoolean());
        assertEquals("ds-15-ys", byName.get("Анна").get("homeOrganization").get("alias").asText());
        // Only the kindergarten's list, and refusals.
        assertEquals(1, StaffApi.json(api.get("metodist.ddut", "/candidates?surname=" + enc("Иван") + "&organization=ds-15-ys")).get("items").size());
        assertEquals("surname_too_short", StaffApi.json(api.get("metodist.ddut", "/candidates?surname=" + enc("и"))).get("error").asText());
        HttpResponse<String> unknown = api.get("metodist.ddut", "/candidates?surname=" + enc("иван") + "&organization=no-such-org");
        assertEquals(400, unknown.statusCode());
        assertEquals("unknown_organization", StaffApi.json(unknown).get("error").asText());
        assertEquals(400, api.get("metodist.ddut", "/candidates?surname=" + enc("иван") + "&organization=ddut-ys").statusCode());
        assertEquals(0, StaffApi.json(api.get("metodist.ddut", "/candidates?surname=" + enc("иван") + "&organization=sosh-2-korsakov")).get("items").size());
        // A school is not an ОДО: its staff get no other organisations' lists (R-ODO-1).
        assertEquals(403, api.get("smirnov.oleg", "/candidates?surname=" + enc("иван")).statusCode());

        String anna = api.userId("ivanova.anna");
        cleanup.add(() -> env.realmAdmin().ensureNotMember("ddut-ys", anna));
        HttpResponse<String> enrolled = api.post("metodist.ddut", "/enrolments", Map.of("studentId", anna));
        assertEquals(201, enrolled.statusCode(), enrolled.body());
        // Her mother is already a member of the ОДО (through her brother): only Anna joins.
        assertEquals(List.of(anna), List.of(StaffApi.json(enrolled).get("enrolled").get(0).asText()));
        assertEquals(1, StaffApi.json(enrolled).get("enrolled").size());
        JsonNode students = StaffApi.json(api.get("metodist.ddut", "/people?role=student"));
        assertTrue(usernames(students.get("items")).contains("ivanova.anna"));
        assertFalse(students.get("items").get(0).get("canIssueCredentials").asBoolean());

        HttpResponse<String> again = api.post("metodist.ddut", "/enrolments", Map.of("studentId", anna));
        assertEquals(409, again.statusCode());
        assertEquals("already_enrolled", StaffApi.json(again).get("error").asText());
        // The ОДО's own child cannot be "enrolled" from a list; parents are not students.
        assertEquals(409, api.post("metodist.ddut", "/enrolments", Map.of("studentId", api.userId("kuznetsov.ilya"))).statusCode());
        assertEquals(404, api.post("metodist.ddut", "/enrolments", Map.of("studentId", api.userId("ivanova.maria"))).statusCode());
    }

    @Test
    void enrolmentBringsTheParentsAlong() {
        // Anna's mother is taken out of the ОДО first: enrolling Anna brings her back, no new accounts.
        String anna = api.userId("ivanova.anna");
        String maria = api.userId("ivanova.maria");
        RealmAdmin admin = env.realmAdmin();
        admin.removeMember("ddut-ys", maria);
        cleanup.add(() -> admin.ensureMember("ddut-ys", maria));
        cleanup.add(() -> admin.ensureNotMember("ddut-ys", anna));
        HttpResponse<String> r = api.post("metodist.ddut", "/enrolments", Map.of("studentId", anna));
        assertEquals(201, r.statusCode(), r.body());
        JsonNode ids = StaffApi.json(r).get("enrolled");
        assertEquals(anna, ids.get(0).asText());
        assertEquals(maria, ids.get(1).asText());
        assertTrue(usernames(StaffApi.json(api.get("metodist.ddut", "/people?role=parent")).get("items")).contains("ivanova.maria"));
    }

    private static Map<String, Object> person(String last, String first, String middle, String birthdate, String gender, String snils) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lastName", last);
        p.put("firstName", first);
        p.put("middleName", middle);
        p.put("noMiddleName", middle == null);
        p.put("birthdate", birthdate);
        p.put("gender", gender);
        if (snils != null) {
            p.put("snils", snils);
        }
        return p;
    }

    @Test
    void r_odo_1_quickEntryCreatesChildAndParentOfTheOdo() {
        cleanup.add(env.realmAdmin().deleteUsersCreatedFromNow());
        int before = api.userCount();
        Map<String, Object> body = Map.of(
                "student", person("Королёва", "Вера", "Олеговна", "2017-03-01", "F", "101-001-001 21"),
                "parents", List.of(person("Королёв", "Олег", null, "1988-11-30", "M", null)));
        HttpResponse<String> r = api.post("metodist.ddut", "/accounts", body);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode created = StaffApi.json(r);
        assertEquals("korolevav", created.get("student").get("login").asText());
        assertEquals("korolevo", created.get("parents").get(0).get("login").asText());
        assertEquals(before + 2, api.userCount());

        UserRepresentation vera = env.realmAdmin().user("korolevav");
        assertEquals(List.of("ddut-ys"), vera.getAttributes().get("homeOrganization"));
        assertEquals(List.of("quick-entry"), vera.getAttributes().get("enrolmentSource"));
        assertEquals(List.of("student"), vera.getAttributes().get("schoolRole"));
        // Issue 12: quick entry links the parent as a row of its own (source staff), never as an attribute.
        JsonNode veraLinks = StaffApi.json(api.get("metodist.ddut", "/people/" + vera.getId() + "/family-links"));
        assertEquals(1, veraLinks.get("total").asInt(), veraLinks.toString());
        assertEquals(created.get("parents").get(0).get("id").asText(), veraLinks.get("items").get(0).get("parent").get("id").asText());
        assertEquals("staff", veraLinks.get("items").get(0).get("source").asText());
        assertNull(vera.getAttributes().get("parentIds"));
        assertEquals(List.of(), env.realmAdmin().userById(vera.getId()).credentials());

        // ё/е- and case-insensitive surname filter; the ОДО may issue their credentials.
        JsonNode found = StaffApi.json(api.get("metodist.ddut", "/people?surname=" + enc("королев")));
        assertEquals(List.of("korolevav", "korolevo"), usernames(found.get("items")).stream().sorted().toList());
        found.get("items").forEach(i -> assertTrue(i.get("canIssueCredentials").asBoolean()));

        // The same SNILS again: an account of that role exists.
        HttpResponse<String> dup = api.post("metodist.ddut", "/accounts", Map.of(
                "student", person("Королёва", "Вера", "Олеговна", "2017-03-01", "F", "10100100121"), "parents", List.of()));
        assertEquals(409, dup.statusCode(), dup.body());
        assertEquals("duplicate_snils", StaffApi.json(dup).get("error").asText());
        assertEquals("Учетная запись с таким СНИЛС уже есть. Если ребёнок учится в другой организации, зачислите его из списка обучающихся в других ОО.",
                StaffApi.json(dup).get("message").asText());
        assertEquals(before + 2, api.userCount());
    }

    @Test
    void quickEntryRefusalsSaveNothing() {
        int before = api.userCount();
        // Petr's SNILS (a school student): enrol him from the list instead.
        HttpResponse<String> petr = api.post("metodist.ddut", "/accounts", Map.of(
                "student", person("Иванов", "Пётр", "Сергеевич", "2012-09-05", "M", "12345678964"),
                "parents", List.of(person("Иванова", "Мария", "Петровна", "1986-03-14", "F", null))));
        assertEquals(409, petr.statusCode());
        assertEquals("duplicate_snils", StaffApi.json(petr).get("error").asText());

        HttpResponse<String> checksum = api.post("metodist.ddut", "/accounts", Map.of(
                "student", person("Зайцева", "Ольга", "Ивановна", "2016-01-01", "F", "12345678965"), "parents", List.of()));
        assertEquals(400, checksum.statusCode());
        assertEquals("invalid_snils", StaffApi.json(checksum).get("error").asText());
        assertEquals("student.snils", StaffApi.json(checksum).get("field").asText());

        HttpResponse<String> sameTwice = api.post("metodist.ddut", "/accounts", Map.of(
                "student", person("Зайцева", "Ольга", "Ивановна", "2016-01-01", "F", "10100100121"),
                "parents", List.of(person("Зайцев", "Иван", "Ильич", "1980-01-01", "M", "101-001-001 21"))));
        assertEquals(409, sameTwice.statusCode());

        HttpResponse<String> parentBad = api.post("metodist.ddut", "/accounts", Map.of(
                "student", person("Зайцева", "Ольга", "Ивановна", "2016-01-01", "F", null),
                "parents", List.of(person("Зайцев", "Иван", null, "2999-01-01", "M", null))));
        assertEquals(400, parentBad.statusCode());
        assertEquals("invalid_birthdate", StaffApi.json(parentBad).get("error").asText());

        Map<String, Object> noMiddle = person("Зайцева", "Ольга", null, "2016-01-01", "F", null);
        noMiddle.put("noMiddleName", false);
        assertEquals("middle_name_required", StaffApi.json(api.post("metodist.ddut", "/accounts", Map.of("student", noMiddle))).get("error").asText());
        assertEquals("invalid_gender", StaffApi.json(api.post("metodist.ddut", "/accounts",
                Map.of("student", person("Зайцева", "Ольга", "Ивановна", "2016-01-01", "X", null)))).get("error").asText());
        assertEquals(400, api.post("metodist.ddut", "/accounts", "{not json").statusCode());
        assertEquals(403, api.post("kuznetsov.andrey", "/accounts", Map.of("student", person("Зайцева", "Ольга", "Ивановна", "2016-01-01", "F", null))).statusCode());

        assertEquals(before, api.userCount());
    }

    @Test
    void pagesOfFiftySortedBySurname() {
        cleanup.add(env.realmAdmin().deleteUsersCreatedFromNow());
        StringBuilder csv = new StringBuilder("Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС\n");
        String letters = "абвгдежзий";
        for (int i = 0; i < 60; i++) {
            csv.append("Тестов").append(letters.charAt(i / 10)).append(letters.charAt(i % 10)).append(";Ученик;Тестович;01.09.2015;М;\n");
        }
        HttpResponse<String> imported = api.postCsv("metodist.ddut", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, imported.statusCode(), imported.body());

        JsonNode first = StaffApi.json(api.get("metodist.ddut", "/people?role=student&status=all"));
        assertEquals(62, first.get("total").asInt());
        assertEquals(50, first.get("items").size());
        assertEquals("Иванов", first.get("items").get(0).get("lastName").asText());
        assertEquals("Кузнецов", first.get("items").get(1).get("lastName").asText());
        assertEquals("Тестоваа", first.get("items").get(2).get("lastName").asText());
        JsonNode second = StaffApi.json(api.get("metodist.ddut", "/people?role=student&first=50&max=50"));
        assertEquals(12, second.get("items").size());
        assertEquals("Тестовди", second.get("items").get(0).get("lastName").asText());
        assertEquals(100, StaffApi.json(api.get("metodist.ddut", "/people?max=100")).get("max").asInt());
        // One paging convention for the whole API: out of bounds is refused, never silently corrected.
        assertEquals("invalid_paging", StaffApi.json(api.get("metodist.ddut", "/people?max=500")).get("error").asText());

        JsonNode filtered = StaffApi.json(api.get("metodist.ddut", "/people?role=student&surname=" + enc("ТЕСТОВЕ")));
        assertEquals(10, filtered.get("total").asInt());

        // Keyset paging (issue 14): following "next" shows every pupil exactly once, in the list's order, while another
        // is imported meanwhile (sorting among the pages still to come: it shows once too, at its place).
        List<String> everyone = new ArrayList<>();
        StaffApi.json(api.get("metodist.ddut", "/people?role=student&max=100")).get("items").forEach(p -> everyone.add(p.get("id").asText()));
        List<String> walked = new ArrayList<>();
        List<String> names = new ArrayList<>();
        JsonNode page = StaffApi.json(api.get("metodist.ddut", "/people?role=student&max=7"));
        boolean importedMeanwhile = false;
        while (true) {
            page.get("items").forEach(p -> {
                walked.add(p.get("id").asText());
                names.add(p.get("lastName").asText());
            });
            if (page.get("next").isNull()) {
                break;
            }
            if (!importedMeanwhile) {
                HttpResponse<String> more = api.postCsv("metodist.ddut",
                        "Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС\nТестовжя;Ученик;Тестович;01.09.2015;М;\n".getBytes(StandardCharsets.UTF_8));
                assertEquals(200, more.statusCode(), more.body());
                importedMeanwhile = true;
            }
            page = StaffApi.json(api.get("metodist.ddut", "/people?role=student&max=7&after=" + enc(page.get("next").asText())));
        }
        assertEquals(63, walked.size(), names.toString());
        assertEquals(63, new java.util.HashSet<>(walked).size(), "each once: " + names);
        assertTrue(walked.containsAll(everyone), "every pupil there before the walk");
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names, "in the list's order");
        assertTrue(names.indexOf("Тестовжя") > names.indexOf("Тестовжи"), "the new pupil at its place: " + names);
        assertEquals("invalid_paging", StaffApi.json(api.get("metodist.ddut", "/people?role=student&after=" + enc("not a cursor")))
                .get("error").asText());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void r_odo_1_onlySupplementaryEducationEnrolsFromOtherOrganisationsLists() {
        // R-ODO-1: a school's staff may not pull another school's pupils (and their cards) into their own.
        HttpResponse<String> candidates = api.get("zavuch.sosh1", "/candidates?surname=Ку");
        assertEquals(403, candidates.statusCode(), candidates.body());
        assertEquals("not_supplementary", StaffApi.json(candidates).get("error").asText());
        HttpResponse<String> enrol = api.post("zavuch.sosh1", "/enrolments", java.util.Map.of("studentId", "00000000-0000-4000-8000-000000000021"));
        assertEquals(403, enrol.statusCode(), enrol.body());
        assertEquals(1, StaffApi.json(api.get("metodist.ddut", "/people?role=student&surname=Кузн")).get("total").asInt(),
                "nothing changed for the ОДО's own pupil");
    }

    // --- defect 11 of issue 10: staff see what their task needs ------------------------------------

    @Test
    void defect11_candidatesNeedALongerSurnameOrABirthDate() {
        HttpResponse<String> broad = api.get("metodist.ddut", "/candidates?surname=" + enc("ив"));
        assertEquals(400, broad.statusCode(), broad.body());
        assertEquals("search_too_broad", StaffApi.json(broad).get("error").asText());
        assertEquals("Введите не менее 4 букв фамилии или укажите дату рождения.", StaffApi.json(broad).get("message").asText());
        JsonNode anna = StaffApi.json(api.get("metodist.ddut", "/candidates?surname=" + enc("ив") + "&birthdate=2016-06-21"));
        assertEquals(1, anna.get("items").size(), anna.toString());
        assertEquals("Анна", anna.get("items").get(0).get("firstName").asText());
        assertEquals("invalid_birthdate", StaffApi.json(api.get("metodist.ddut", "/candidates?surname=" + enc("ив") + "&birthdate=21.06.2016"))
                .get("error").asText());
    }

    @Test
    void defect11_quickEntryDoesNotSayThatASnilsExistsElsewhere() {
        int before = api.userCount();
        // Anna's SNILS: a kindergarten child the ОДО has not enrolled.
        HttpResponse<String> elsewhere = api.post("metodist.ddut", "/accounts", Map.of(
                "student", person("Петрова", "Анна", "Ивановна", "2016-06-21", "F", "156-273-849 90"), "parents", List.of()));
        assertEquals(409, elsewhere.statusCode(), elsewhere.body());
        JsonNode body = StaffApi.json(elsewhere);
        assertEquals("snils_unavailable", body.get("error").asText());
        assertEquals("student.snils", body.get("field").asText());
        assertFalse(body.get("message").asText().contains("уже есть"), body.toString());
        assertEquals(before, api.userCount());
    }

    @Test
    void defect11_firstIsBoundedOnEveryList() {
        for (String path : List.of("/people?first=10001", "/people?first=-1", "/people?first=x")) {
            HttpResponse<String> r = api.get("metodist.ddut", path);
            assertEquals(400, r.statusCode(), path + " → " + r.body());
            assertEquals("invalid_paging", StaffApi.json(r).get("error").asText());
        }
        assertEquals(0, StaffApi.json(api.get("metodist.ddut", "/people?first=10000")).get("items").size());
        HttpResponse<String> requests = api.call("GET", "metodist.ddut",
                env.keycloak().realmUrl(DemoRealm.NAME) + "/school/access-requests?first=10001", null, "en");
        assertEquals(400, requests.statusCode(), requests.body());
        assertEquals("Invalid page: first must be from 0 to 10000, max from 1 to 100.", StaffApi.json(requests).get("message").asText());
    }
}
