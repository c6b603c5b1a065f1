// Over 400 lines: R-FAM-2 from both sides (staff issue, parents redeem) and every refusal, on one server state.
package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 12, R-FAM-2 and R-FAM-5 against the real server: the class teacher (staff of the child's
 * home organisation) issues an invitation code, a parent redeems it on «Мои дети» with the child's
 * surname and first name, and the link shows on both sides; a code works once (two parents racing:
 * one wins), every reason a code fails (unknown, used, expired, withdrawn, another school's child,
 * wrong name) is one identical answer, guessing engages the attempt limit (per parent, per address)
 * whose answer is the same for the right code, pupils and staff are refused plainly, and a realm can
 * require a confirmed Госуслуги link.
 */
@ExtendWith(KeycloakExtension.class)
class InvitationCodeIT {

    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String VERA = "00000000-0000-4000-8000-000000000022";
    private static final String ILYA = "00000000-0000-4000-8000-000000000021";
    private static final String MARIA = "00000000-0000-4000-8000-000000000010";
    private static final String ZAVUCH = "00000000-0000-4000-8000-000000000001";
    private static final String SOSH_1 = "sosh-1-ys";
    private static final String CODE_SHAPE = "[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}";

    private final TestEnvironment env;
    private final StaffApi staff;
    private final PersonalApi personal;
    private int parents;

    InvitationCodeIT(TestEnvironment env) {
        this.env = env;
        this.staff = new StaffApi(env);
        this.personal = new PersonalApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        staff.createTestClient();
        personal.createTestClient();
    }

    // --- the seed's path ---------------------------------------------------------------------------

    @Test
    void r_fam_2_teacherIssuesParentRedeemsAndTheChildShowsOnBothSides() {
        Instant before = Instant.now();
        HttpResponse<String> issued = issue("zavuch.sosh1", VERA);
        assertEquals(201, issued.statusCode(), issued.body());
        JsonNode slip = StaffApi.json(issued);
        String code = slip.get("code").asText();
        assertTrue(code.matches(CODE_SHAPE), code);
        Instant expires = Instant.parse(slip.get("expiresAt").asText());
        assertTrue(!expires.isBefore(before.plus(Duration.ofDays(7))) && expires.isBefore(Instant.now().plus(Duration.ofDays(7)).plusSeconds(5)),
                "7 days by default: " + expires);
        assertEquals("Соколова", slip.get("child").get("lastName").asText());
        assertEquals("Вера", slip.get("child").get("firstName").asText());
        assertEquals("МАОУ СОШ № 1 г. Южно-Сахалинска", slip.get("organization").get("name").asText());
        assertEquals(env.keycloak().realmUrl(DemoRealm.NAME) + "/school/personal/", slip.get("personalPageUrl").asText());
        assertEquals(1, slip.get("codes").get("active").size());

        // Staff see that a code is active, until when and by whom — never the code again.
        HttpResponse<String> listed = staff.get("zavuch.sosh1", codes(VERA));
        assertEquals(200, listed.statusCode(), listed.body());
        assertFalse(listed.body().contains(code) || listed.body().contains(code.replace("-", "")), listed.body());
        JsonNode active = StaffApi.json(listed).get("active").get(0);
        assertEquals(ZAVUCH, active.get("issuedBy").get("id").asText());
        assertEquals("Петрова Елена Николаевна", active.get("issuedBy").get("name").asText());
        assertTrue(StaffApi.json(listed).get("mayIssue").asBoolean());
        assertEquals(3, StaffApi.json(listed).get("max").asInt());

        // The parent types it as people do: lower case, no dashes, «ё»/case differences in the name.
        String ivan = newParent("sokolov.ivan", "Соколов", SOSH_1);
        HttpResponse<String> added = redeem("sokolov.ivan", " соколова ", "ВЕРА", code.toLowerCase().replace("-", " "));
        assertEquals(200, added.statusCode(), added.body());
        JsonNode answer = StaffApi.json(added);
        assertTrue(answer.get("created").asBoolean());
        assertEquals(VERA, answer.get("child").get("id").asText());
        assertEquals("code", answer.get("source").asText());

        // Both sides: the child's card and links at school, the parent's «Мои дети».
        assertTrue(ids(StaffApi.json(staff.get("zavuch.sosh1", "/people/" + VERA)).get("parents")).contains(ivan));
        JsonNode link = StaffApi.json(staff.get("zavuch.sosh1", "/people/" + VERA + "/family-links")).get("items").get(0);
        assertEquals(ivan, link.get("parent").get("id").asText());
        assertEquals("code", link.get("source").asText());
        assertEquals("Пригласительный код", link.get("sourceLabel").asText());
        assertTrue(link.get("createdBy").isNull(), "the parent's own code made it");
        JsonNode mine = PersonalApi.section(personal.me("sokolov.ivan"), "children");
        assertEquals(List.of(VERA), ids(mine.get("items")));
        assertEquals("code", mine.get("items").get(0).get("source").asText());
        assertEquals("sosh-1-ys", mine.get("items").get(0).get("organization").get("alias").asText());
        assertTrue(mine.get("mayAdd").asBoolean());
        assertFalse(mine.toString().contains("2016-09-10"), "no birth date on the parent's page");

        // Used once: the code is no longer active, and nobody — not even the same parent — redeems it again.
        assertEquals(0, StaffApi.json(staff.get("zavuch.sosh1", codes(VERA))).get("active").size());
        newParent("drugoy.roditel", "Другой", SOSH_1);
        HttpResponse<String> reused = redeem("drugoy.roditel", "Соколова", "Вера", code);
        HttpResponse<String> unknown = redeem("drugoy.roditel", "Соколова", "Вера", otherCodeThan(code));
        assertSameRefusal(unknown, reused);
        assertEquals("invitation_not_accepted", StaffApi.json(reused).get("error").asText());
        assertEquals(1, StaffApi.json(staff.get("zavuch.sosh1", "/people/" + VERA + "/family-links")).get("total").asInt());

        // Audited: issued and redeemed on the child, refusals with their real reason on the parent; never the code.
        List<String> steps = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        JsonNode events = env.admin().get("/realms/" + DemoRealm.NAME + "/events?max=200");
        for (JsonNode e : events) {
            JsonNode d = e.path("details");
            if (!"school_invitation_code".equals(d.path("custom_required_action").asText())) {
                continue;
            }
            assertFalse(e.toString().contains(code) || e.toString().contains(code.replace("-", "")), "no code in events: " + e);
            if (d.has("reason")) {
                reasons.add(0, d.get("reason").asText());
            } else {
                steps.add(0, d.get("school_invitation_code").asText());
            }
        }
        assertEquals(List.of("issued", "redeemed"), steps);
        assertEquals(List.of("used", "unknown"), reasons);
    }

    @Test
    void r_fam_2_aChildAlreadyTheParentsKeepsTheCodeUnused() {
        String code = code(issue("zavuch.sosh1", PETR));
        HttpResponse<String> again = redeem("ivanova.maria", "Иванов", "Петр", code);
        assertEquals(200, again.statusCode(), again.body());
        assertFalse(StaffApi.json(again).get("created").asBoolean());
        assertEquals(1, StaffApi.json(staff.get("zavuch.sosh1", codes(PETR))).get("active").size(), "still there for the other parent");
        newParent("ivanov.sergey", "Иванов", SOSH_1);
        assertEquals(200, redeem("ivanov.sergey", "Иванов", "Пётр", code).statusCode());
    }

    // --- refusals ----------------------------------------------------------------------------------

    @Test
    void r_fam_2_unknownExpiredWrongNameAndAnotherSchoolsChildGetOneAndTheSameAnswer() throws Exception {
        newParent("roditel.sosh1", "Родителев", SOSH_1);
        String good = code(issue("zavuch.sosh1", VERA));
        HttpResponse<String> unknown = redeem("roditel.sosh1", "Соколова", "Вера", otherCodeThan(good));
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertSameRefusal(unknown, redeem("roditel.sosh1", "Соколов", "Вера", good));
        assertSameRefusal(unknown, redeem("roditel.sosh1", "Соколова", "Вероника", good));
        assertSameRefusal(unknown, redeem("roditel.sosh1", "Иванов", "Пётр", good));
        // A code of the ДДЮТ for its own pupil: no child of this parent's school.
        String ddut = code(issue("metodist.ddut", ILYA));
        assertSameRefusal(unknown, redeem("roditel.sosh1", "Кузнецов", "Илья", ddut));
        // Expired: the realm's validity shortened to two seconds for the next code.
        setRealmAttribute("schoolInvitationCodeValidity", "PT2S");
        String shortLived = code(issue("zavuch.sosh1", PETR));
        Thread.sleep(3000);
        assertSameRefusal(unknown, redeem("roditel.sosh1", "Иванов", "Петр", shortLived));
        // Each of them still works for the right person and name, so nothing above was used up.
        assertEquals(200, redeem("roditel.sosh1", "Соколова", "Вера", good).statusCode());
        assertEquals(200, redeem("kuznetsov.andrey", "Кузнецов", "Илья", ddut).statusCode(), "the ДДЮТ's own parent");
        // The English answer is the same for every reason too.
        HttpResponse<String> en = redeemIn("roditel.sosh1", "Соколова", "Вера", good, "en");
        assertTrue(StaffApi.json(en).get("message").asText().startsWith("The code was not accepted."), en.body());
    }

    @Test
    void r_fam_2_twoParentsRacingWithOneCodeExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String code = code(issue("zavuch.sosh1", PETR));
                List<String> racers = List.of(newParent("racer.a" + round, "Иванов", SOSH_1), newParent("racer.b" + round, "Иванов", SOSH_1));
                List<String> usernames = List.of("racer.a" + round, "racer.b" + round);
                Map<String, String> tokens = new HashMap<>();
                usernames.forEach(u -> tokens.put(u, personal.token(u)));
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (String u : usernames) {
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return post(tokens.get(u), Map.of("lastName", "Иванов", "firstName", "Петр", "code", code), "ru");
                    }, pool));
                }
                start.countDown();
                List<HttpResponse<String>> answers = new ArrayList<>();
                for (CompletableFuture<HttpResponse<String>> c : calls) {
                    answers.add(c.get(60, TimeUnit.SECONDS));
                }
                assertEquals(List.of(200, 400), answers.stream().map(HttpResponse::statusCode).sorted().toList(),
                        "round " + round + ": " + answers.stream().map(HttpResponse::body).toList());
                List<String> linked = new ArrayList<>();
                for (JsonNode l : StaffApi.json(staff.get("zavuch.sosh1", "/people/" + PETR + "/family-links?max=100")).get("items")) {
                    if (racers.contains(l.get("parent").get("id").asText())) {
                        linked.add(l.get("parent").get("id").asText());
                    }
                }
                assertEquals(1, linked.size(), "round " + round + ": exactly one parent got the child: " + linked);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void r_fam_2_guessingEngagesTheParentsLimit_andThenEvenTheRightCodeGetsTheSameAnswer() {
        setRealmAttribute("schoolInvitationAttemptsPerParent", "4");
        String right = code(issue("zavuch.sosh1", VERA));
        newParent("ugadai.kod", "Угадаев", SOSH_1);
        HttpResponse<String> first = redeem("ugadai.kod", "Соколова", "Вера", otherCodeThan(right));
        for (int i = 1; i < 4; i++) {
            assertSameRefusal(first, redeem("ugadai.kod", "Соколова", "Вера", otherCodeThan(right)));
        }
        // Typing mistakes that cannot be a code say so and cost no attempt.
        HttpResponse<String> malformed = redeem("ugadai.kod", "Соколова", "Вера", "0000-1111");
        assertEquals(400, malformed.statusCode());
        assertEquals("code_malformed", StaffApi.json(malformed).get("error").asText());
        HttpResponse<String> limited = redeem("ugadai.kod", "Соколова", "Вера", otherCodeThan(right));
        assertEquals(429, limited.statusCode(), limited.body());
        assertEquals("too_many_attempts", StaffApi.json(limited).get("error").asText());
        assertSameRefusal(limited, redeem("ugadai.kod", "Соколова", "Вера", right));
        // The right code was not looked at, so it still works for the parent it was meant for.
        newParent("sokolov.ivan", "Соколов", SOSH_1);
        assertEquals(200, redeem("sokolov.ivan", "Соколова", "Вера", right).statusCode());
    }

    @Test
    void r_fam_2_guessingFromOneAddressEngagesTheAddressLimitAcrossParents() {
        setRealmAttribute("schoolInvitationAttemptsPerAddress", "3");
        String right = code(issue("zavuch.sosh1", VERA));
        for (int i = 0; i < 3; i++) {
            newParent("adres" + i, "Адресов", SOSH_1);
            assertEquals(400, redeem("adres" + i, "Соколова", "Вера", otherCodeThan(right)).statusCode());
        }
        newParent("sokolov.ivan", "Соколов", SOSH_1);
        HttpResponse<String> limited = redeem("sokolov.ivan", "Соколова", "Вера", right);
        assertEquals(429, limited.statusCode(), limited.body());
        assertEquals(1, StaffApi.json(staff.get("zavuch.sosh1", codes(VERA))).get("active").size(), "the code was not used");
    }

    @Test
    void r_fam_5_pupilsAndStaffAreToldPlainlyThatOnlyParentsAddChildren() {
        String code = code(issue("zavuch.sosh1", VERA));
        for (String notAParent : List.of("ivanov.petr", "zavuch.sosh1")) {
            HttpResponse<String> r = redeem(notAParent, "Соколова", "Вера", code);
            assertEquals(403, r.statusCode(), r.body());
            assertEquals("not_a_parent", StaffApi.json(r).get("error").asText());
            assertTrue(StaffApi.json(r).get("message").asText().startsWith("Добавлять детей могут только родители"), r.body());
        }
        assertEquals("Only parents (legal representatives), in their own parent account, can add children. Pupils and staff cannot.",
                StaffApi.json(redeemIn("ivanov.petr", "Соколова", "Вера", code, "en")).get("message").asText());
        // Their pages have no «Мои дети» at all.
        assertFalse(personal.me("ivanov.petr").toString().contains("\"children\""));
        assertFalse(personal.me("zavuch.sosh1").toString().contains("\"children\""));
        assertEquals(1, StaffApi.json(staff.get("zavuch.sosh1", codes(VERA))).get("active").size());
        // No token meant for the personal page: nothing.
        assertEquals(401, staff.call("POST", "zavuch.sosh1", personal.url() + "/children",
                Map.of("lastName", "Соколова", "firstName", "Вера", "code", code), "ru").statusCode());
    }

    @Test
    void r_fam_2_aRealmMayRequireAConfirmedGosuslugiLink() {
        setRealmAttribute("schoolInvitationRequiresEsia", "true");
        String code = code(issue("zavuch.sosh1", VERA));
        newParent("bez.gosuslug", "Безгосуслугин", SOSH_1);
        HttpResponse<String> refused = redeem("bez.gosuslug", "Соколова", "Вера", code);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("esia_required", StaffApi.json(refused).get("error").asText());
        JsonNode section = PersonalApi.section(personal.me("bez.gosuslug"), "children");
        assertFalse(section.get("mayAdd").asBoolean());
        assertEquals("personal.children.esiaRequired", section.get("addRefusalKey").asText());
        // Linked (the demo's import) but Госуслуги has not said the account is confirmed: still no.
        assertEquals(403, redeem("ivanova.maria", "Соколова", "Вера", code).statusCode());
        UserRepresentation maria = env.realmAdmin().userById(MARIA).toRepresentation();
        maria.getAttributes().put("esiaTrusted", List.of("true"));
        env.realmAdmin().userById(MARIA).update(maria);
        HttpResponse<String> confirmed = redeem("ivanova.maria", "Соколова", "Вера", code);
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertTrue(PersonalApi.section(personal.me("ivanova.maria"), "children").get("items").toString().contains(VERA));
    }

    // --- the staff side ------------------------------------------------------------------------------

    @Test
    void r_fam_2_onlyTheChildsSchoolIssues_atMostThreeActive_andWithdrawnCodesStopWorking() {
        HttpResponse<String> notHome = issue("metodist.ddut", PETR);
        assertEquals(403, notHome.statusCode(), notHome.body());
        assertEquals("not_home_organization", StaffApi.json(notHome).get("error").asText());
        assertEquals("МАОУ СОШ № 1 г. Южно-Сахалинска", StaffApi.json(notHome).get("homeOrganization").get("name").asText());
        assertFalse(StaffApi.json(staff.get("metodist.ddut", codes(PETR))).get("mayIssue").asBoolean(), "the ОДО sees, never issues");
        assertEquals(404, issue("vospitatel.ds15", PETR).statusCode(), "not theirs at all: absent");
        assertEquals(404, issue("zavuch.sosh1", "nope").statusCode());
        HttpResponse<String> parent = issue("zavuch.sosh1", MARIA);
        assertEquals(400, parent.statusCode());
        assertEquals("not_a_child", StaffApi.json(parent).get("error").asText());

        List<String> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(code(issue("zavuch.sosh1", VERA)));
        }
        assertEquals(3, three.stream().distinct().count());
        HttpResponse<String> fourth = issue("zavuch.sosh1", VERA);
        assertEquals(409, fourth.statusCode(), fourth.body());
        assertEquals("too_many_codes", StaffApi.json(fourth).get("error").asText());
        assertTrue(StaffApi.json(fourth).get("message").asText().contains("3"), fourth.body());

        HttpResponse<String> withdrawn = staff.call("DELETE", "zavuch.sosh1", staff.base() + codes(VERA), null, "ru");
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        assertEquals(0, StaffApi.json(withdrawn).get("active").size());
        newParent("sokolov.ivan", "Соколов", SOSH_1);
        HttpResponse<String> unknown = redeem("sokolov.ivan", "Соколова", "Вера", otherCodeThan(three.get(0)));
        assertSameRefusal(unknown, redeem("sokolov.ivan", "Соколова", "Вера", three.get(0)));
        // Slots freed: a new code is issued and works.
        String fresh = code(issue("zavuch.sosh1", VERA));
        assertNotEquals(three.get(0), fresh);
        assertEquals(200, redeem("sokolov.ivan", "Соколова", "Вера", fresh).statusCode());
        assertEquals(0, StaffApi.json(staff.get("zavuch.sosh1", codes(VERA))).get("active").size(), "the used code is not active");
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static String codes(String childId) {
        return "/people/" + childId + "/invitation-codes";
    }

    private HttpResponse<String> issue(String staffMember, String childId) {
        return staff.call("POST", staffMember, staff.base() + codes(childId), null, "ru");
    }

    private static String code(HttpResponse<String> issued) {
        assertEquals(201, issued.statusCode(), issued.body());
        return StaffApi.json(issued).get("code").asText();
    }

    private HttpResponse<String> redeem(String username, String lastName, String firstName, String code) {
        return redeemIn(username, lastName, firstName, code, "ru");
    }

    private HttpResponse<String> redeemIn(String username, String lastName, String firstName, String code, String language) {
        return post(personal.token(username), Map.of("lastName", lastName, "firstName", firstName, "code", code), language);
    }

    private HttpResponse<String> post(String token, Map<String, String> body, String language) {
        return staff.call("POST", "Bearer " + token, personal.url() + "/children", body, language);
    }

    private String newParent(String username, String lastName, String organisation) {
        parents++;
        return EsiaAccountLinkIT.createAccount(env, username, "parent", organisation, "Иван", lastName, "1980-01-" + (10 + parents % 18),
                Map.of("middleName", "Петрович"));
    }

    /** A code of the right shape that is not {@code code}: a guess. */
    private static String otherCodeThan(String code) {
        String guess;
        do {
            StringBuilder b = new StringBuilder();
            java.util.Random random = new java.util.Random();
            String alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
            for (int i = 0; i < 12; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            guess = b.substring(0, 4) + "-" + b.substring(4, 8) + "-" + b.substring(8);
        } while (guess.equals(code));
        return guess;
    }

    private static void assertSameRefusal(HttpResponse<String> expected, HttpResponse<String> actual) {
        assertEquals(expected.statusCode(), actual.statusCode(), actual.body());
        assertEquals(expected.body(), actual.body(), "one answer for every reason");
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    private void setRealmAttribute(String name, String value) {
        RealmResource realm = env.realmAdmin().realm();
        RealmRepresentation settings = realm.toRepresentation();
        Map<String, String> attributes = settings.getAttributes() == null ? new HashMap<>() : new HashMap<>(settings.getAttributes());
        attributes.put(name, value);
        settings.setAttributes(attributes);
        realm.update(settings);
    }
}
