package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schoolesia.it.FamilySnilsIT.inWithoutAPage;
import static org.schoolesia.it.FamilySnilsIT.ok;
import static org.schoolesia.it.FamilySnilsIT.refused;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.it.pages.SnilsChildrenPage;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 12, «Children from Госуслуги» against the real server through the ESIA emulator: Белова
 * Татьяна's Госуслуги lists three children; the school has a pupil with the first one's SNILS (under
 * another spelling of the name), one with the second one's name and birth date and no SNILS, and one
 * with the third one's name and birth date but another SNILS. Her login proposes the first two
 * (R-FAM-1, nothing linked yet), shows them to her as «Найдены дети» and to the home school's staff;
 * staff confirm one (a link, source «Дети из Госуслуг») and dismiss the other; other schools see
 * nothing (404); repeated and concurrent logins make no duplicates; the card's SNILS (R-FAM-3) wins
 * over a proposal; and a SNILS staff put on a card links a parent with a confirmed Госуслуги link at once.
 */
@ExtendWith(KeycloakExtension.class)
class FamilyProposalIT {

    /** Белова Татьяна Игоревна at the emulator (realm-config/esia-persons.json): confirmed, three children. */
    static final String BELOVA_OID = "1000000020";
    private static final String ZAVUCH = "00000000-0000-4000-8000-000000000001";
    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String PAVLOV_OID = "1000000011";

    private final TestEnvironment env;
    private final StaffApi api;
    private final PersonalApi personal;

    FamilyProposalIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
        this.personal = new PersonalApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
        personal.createTestClient();
    }

    /** The school's pupils: Артём under a double surname with his SNILS, Дарья without SNILS, Ксения with another SNILS. */
    record Pupils(String artem, String darya, String ksenia) {
    }

    static Pupils pupils(TestEnvironment env) {
        return new Pupils(
                EsiaAccountLinkIT.createAccount(env, "belov.artem", "student", "sosh-1-ys", "Артём", "Белов-Сафронов", "2013-02-14",
                        Map.of("snils", "21738495691")),
                EsiaAccountLinkIT.createAccount(env, "belova.darya", "student", "sosh-1-ys", "Дарья", "Белова", "2015-07-03",
                        Map.of("middleName", "Олеговна")),
                EsiaAccountLinkIT.createAccount(env, "belova.ksenia", "student", "sosh-1-ys", "Ксения", "Белова", "2017-10-19",
                        Map.of("middleName", "Олеговна", "snils", "22536471863")));
    }

    /** Her parent account, at a school in Korsakov; Госуслуги links it by her SNILS at her first login. */
    static String belova(TestEnvironment env, String organisation) {
        return EsiaAccountLinkIT.createAccount(env, "belova.tatiana", "parent", organisation, "Татьяна", "Белова", "1987-04-22",
                Map.of("middleName", "Игоревна", "snils", "17382946507"));
    }

    static Browser.Page login(TestEnvironment env, String oid) {
        return new EsiaFlow(env).loginAs(oid, "parent");
    }

    private String proposalsOf(String childId) {
        return "/people/" + childId + "/family-links/proposals";
    }

    private JsonNode proposals(String staff, String childId) {
        return ok(api.get(staff, proposalsOf(childId))).get("items");
    }

    private JsonNode activeLink(String childId, String parentId) {
        for (JsonNode l : ok(api.get("zavuch.sosh1", "/people/" + childId + "/family-links")).get("items")) {
            if (l.get("active").asBoolean() && parentId.equals(l.get("parent").get("id").asText())) {
                return l;
            }
        }
        return null;
    }

    private JsonNode childrenSection(String username) {
        return ok(personal.get(personal.token(username), "/sections/children", "ru")).get("data");
    }

    private static List<String> names(JsonNode found) {
        List<String> out = new ArrayList<>();
        found.forEach(k -> out.add(k.get("lastName").asText() + " " + k.get("firstName").asText() + " " + k.get("middleName").asText()));
        return out;
    }

    @Test
    void r_fam_1_gosuslugiChildrenMatchedBySnilsAndByNameAndBirthDate_areProposed_confirmedAndDismissedByTheHomeSchool() throws Exception {
        Pupils p = pupils(env);
        String belova = belova(env, "sosh-2-korsakov");

        inWithoutAPage(login(env, BELOVA_OID)); // no page at login: she finds them on «Мои дети»

        JsonNode artem = proposals("zavuch.sosh1", p.artem());
        assertEquals(1, artem.size(), artem.toString());
        assertEquals("proposed", artem.get(0).get("status").asText());
        assertEquals("snils", artem.get(0).get("basis").asText(), "the SNILS matched though the card spells the surname otherwise");
        assertEquals("Совпал СНИЛС ребенка", artem.get(0).get("basisLabel").asText());
        assertEquals(belova, artem.get(0).get("parent").get("id").asText());
        assertEquals("Белов", artem.get(0).get("kid").get("lastName").asText(), "the name Госуслуги gave");
        JsonNode darya = proposals("zavuch.sosh1", p.darya());
        assertEquals(1, darya.size(), darya.toString());
        assertEquals("name-birthdate", darya.get(0).get("basis").asText());
        // Ксения: same name and birth date, but both SNILS known and different: another child.
        assertEquals(0, proposals("zavuch.sosh1", p.ksenia()).size());
        assertNull(activeLink(p.artem(), belova), "a proposal links nothing by itself");

        // The organisation's list of open proposals.
        List<String> open = new ArrayList<>(ok(api.get("zavuch.sosh1", "/family-proposals")).get("items").findValues("child").stream()
                .map(c -> c.get("id").asText()).toList());
        open.sort(null);
        assertEquals(List.of(p.artem(), p.darya()).stream().sorted().toList(), open);

        // Her page: «Найдены дети», with the names she gave Госуслуги and nothing else.
        JsonNode section = childrenSection("belova.tatiana");
        assertEquals(0, section.get("items").size(), section.toString());
        assertEquals(List.of("Белов Артём Олегович", "Белова Дарья Олеговна"), names(section.get("found")));
        for (JsonNode kid : section.get("found")) {
            List<String> fields = new ArrayList<>();
            kid.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("id", "lastName", "firstName", "middleName"), fields, "names only: " + kid);
        }

        // Other organisations: nothing, as for an unknown pupil.
        refused(404, "not_found", api.get("smirnov.oleg", proposalsOf(p.artem())));
        refused(404, "not_found", api.post("smirnov.oleg", proposalsOf(p.artem()) + "/" + artem.get(0).get("id").asText() + "/confirm", Map.of()));
        refused(404, "not_found", api.get("metodist.ddut", proposalsOf(p.artem())));
        assertEquals(0, ok(api.get("smirnov.oleg", "/family-proposals")).get("items").size());
        refused(404, "not_found", api.post("zavuch.sosh1", proposalsOf(p.darya()) + "/" + artem.get(0).get("id").asText() + "/confirm", Map.of()));

        // Logging in again proposes nothing twice.
        inWithoutAPage(login(env, BELOVA_OID));
        assertEquals(artem.get(0).get("id").asText(), proposals("zavuch.sosh1", p.artem()).get(0).get("id").asText());
        assertEquals(1, proposals("zavuch.sosh1", p.artem()).size());
        assertEquals(1, proposals("zavuch.sosh1", p.darya()).size());

        // Confirmed: the link, made by the завуч, source «Дети из Госуслуг».
        JsonNode confirmed = ok(api.post("zavuch.sosh1", proposalsOf(p.artem()) + "/" + artem.get(0).get("id").asText() + "/confirm", Map.of()));
        assertEquals("confirmed", confirmed.get("status").asText());
        assertEquals(ZAVUCH, confirmed.get("decidedBy").get("id").asText());
        JsonNode link = activeLink(p.artem(), belova);
        assertNotNull(link, "linked at once");
        assertEquals("esia-children", link.get("source").asText());
        assertEquals("Дети из Госуслуг", link.get("sourceLabel").asText());
        assertEquals(ZAVUCH, link.get("createdBy").get("id").asText());
        assertEquals(link.get("id").asText(), confirmed.get("linkId").asText());
        // Confirming again changes nothing; dismissing a confirmed one is refused.
        assertEquals("confirmed", ok(api.post("zavuch.sosh1", proposalsOf(p.artem()) + "/" + artem.get(0).get("id").asText() + "/confirm",
                Map.of())).get("status").asText());
        refused(409, "proposal_decided", api.post("zavuch.sosh1", proposalsOf(p.artem()) + "/" + artem.get(0).get("id").asText() + "/dismiss",
                Map.of("reason", "ошибка")));

        // Dismissed, with a reason (required, in the caller's language).
        String daryaPath = proposalsOf(p.darya()) + "/" + darya.get(0).get("id").asText();
        refused(400, "reason_required", api.post("zavuch.sosh1", daryaPath + "/dismiss", Map.of("reason", "  ")));
        HttpResponse<String> english = api.post("zavuch.sosh1", daryaPath + "/dismiss", Map.of(), "en");
        assertTrue(StaffApi.json(english).get("message").asText().startsWith("Give a reason"), english.body());
        JsonNode dismissed = ok(api.post("zavuch.sosh1", daryaPath + "/dismiss", Map.of("reason", "Другая семья: у Дарьи другие родители")));
        assertEquals("dismissed", dismissed.get("status").asText());
        assertEquals("Другая семья: у Дарьи другие родители", dismissed.get("reason").asText());
        refused(409, "proposal_decided", api.post("zavuch.sosh1", daryaPath + "/confirm", Map.of()));
        assertNull(activeLink(p.darya(), belova));
        assertEquals(0, ok(api.get("zavuch.sosh1", "/family-proposals")).get("items").size());

        // Her page: Артём is her child, nothing is waiting any more.
        section = childrenSection("belova.tatiana");
        assertEquals(List.of(p.artem()), section.get("items").findValuesAsText("id"));
        assertEquals("esia-children", section.get("items").get(0).get("source").asText());
        assertEquals(0, section.get("found").size(), section.toString());

        // The relying system's claim at her next Госуслуги login: Артём, not Дарья; a dismissed proposal stays dismissed.
        Browser.Page in = login(env, BELOVA_OID);
        inWithoutAPage(in);
        JsonNode children = EsiaFlow.claims(new EsiaFlow(env).redeem(EsiaFlow.codeFrom(in)).get("id_token").asText()).get("school_children");
        assertNotNull(children, "the demo client carries school_children");
        assertEquals(List.of(p.artem()), children.findValuesAsText("id"));
        assertEquals("dismissed", proposals("zavuch.sosh1", p.darya()).get(0).get("status").asText());
        assertEquals(1, proposals("zavuch.sosh1", p.darya()).size());
    }

    @Test
    void r_fam_1_loginsAtOnceMakeOneProposal() throws Exception {
        belova(env, "sosh-2-korsakov");
        inWithoutAPage(login(env, BELOVA_OID)); // her Госуслуги link first (and no pupil to find yet)
        Pupils p = pupils(env);
        List<CompletableFuture<Browser.Page>> logins = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            logins.add(CompletableFuture.supplyAsync(() -> login(env, BELOVA_OID)));
        }
        for (CompletableFuture<Browser.Page> l : logins) {
            inWithoutAPage(l.get());
        }
        assertEquals(1, proposals("zavuch.sosh1", p.artem()).size());
        assertEquals(1, proposals("zavuch.sosh1", p.darya()).size());
        assertEquals(2, childrenSection("belova.tatiana").get("found").size());
    }

    @Test
    void r_fam_3_theSnilsOnTheCardWins_theChildIsLinkedNotProposed() throws Exception {
        Pupils p = pupils(env);
        String belova = belova(env, "sosh-2-korsakov");
        assertEquals(201, api.post("zavuch.sosh1", "/people/" + p.darya() + "/parent-snils", Map.of("snils", "173-829-465 07")).statusCode());

        Browser.Page page = login(env, BELOVA_OID);
        assertFalse(page.document().select(SnilsChildrenPage.PAGE).isEmpty(), "the SNILS page first: " + page.text());
        inWithoutAPage(page.submit(SnilsChildrenPage.CONTINUE));

        assertEquals("snils", activeLink(p.darya(), belova).get("source").asText());
        assertEquals(0, proposals("zavuch.sosh1", p.darya()).size(), "linked by R-FAM-3: nothing to propose");
        assertEquals(1, proposals("zavuch.sosh1", p.artem()).size());
        assertEquals(List.of("Белов Артём Олегович"), names(childrenSection("belova.tatiana").get("found")));
    }

    @Test
    void r_fam_3_aSnilsPutOnTheCardLinksAParentWithAConfirmedGosuslugiLinkAtOnce_andTheAnswerSaysSo() throws Exception {
        String pavlov = EsiaAccountLinkIT.createAccount(env, "pavlov.igor", "parent", "sosh-2-korsakov", "Игорь", "Павлов", "1982-02-02",
                Map.of("middleName", "Сергеевич", "snils", "16543298788"));
        inWithoutAPage(login(env, PAVLOV_OID)); // his Госуслуги link, confirmed; no card holds his SNILS yet
        // A parent with the same kind of account but no Госуслуги link gets nothing until a login proves the SNILS.
        String unproven = EsiaAccountLinkIT.createAccount(env, "orlova.olga", "parent", "sosh-1-ys", "Ольга", "Орлова", "1990-07-23",
                Map.of("snils", "18765432919"));

        HttpResponse<String> r = api.post("zavuch.sosh1", "/people/" + PETR + "/parent-snils", Map.of("snils", "165-432-987 88"));
        assertEquals(201, r.statusCode(), r.body());
        JsonNode linked = StaffApi.json(r).get("linkedParents");
        assertEquals(1, linked.size(), r.body());
        assertEquals(pavlov, linked.get(0).get("id").asText());
        assertEquals("Павлов И.", linked.get(0).get("shortName").asText());
        JsonNode link = activeLink(PETR, pavlov);
        assertNotNull(link, "at once, not at his next login");
        assertEquals("snils", link.get("source").asText());
        assertEquals(ZAVUCH, link.get("createdBy").get("id").asText());
        // His next login has nothing to tell him.
        inWithoutAPage(login(env, PAVLOV_OID));

        HttpResponse<String> other = api.post("zavuch.sosh1", "/people/" + PETR + "/parent-snils", Map.of("snils", "187-654-329 19"));
        assertEquals(201, other.statusCode(), other.body());
        assertEquals(0, StaffApi.json(other).get("linkedParents").size(), other.body());
        assertNull(activeLink(PETR, unproven));
    }
}
