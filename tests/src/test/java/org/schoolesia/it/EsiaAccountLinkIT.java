package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.RealmAdmin;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The ESIA account step (issue #4; seeds 002, 003; R-LINK-1..4, R-ESIA-2, R-ESIA-4, R-FAM-5) over
 * HTTP against the real server: returning persons go straight in, «Привязать учетную запись» by
 * login and password until the cut-off, SNILS auto-link, the chooser, and every refusal looking
 * like a wrong password. Each test starts from the demo realm.
 */
@ExtendWith(KeycloakExtension.class)
class EsiaAccountLinkIT {

    static final String PASSWORD = "Demo-pass-1";
    static final String OPEN_CUTOFF = "2030-01-01T00:00";
    static final String DEMO_CUTOFF = "2025-04-01T00:00";
    private static final String INVALID_USER = "Неправильное имя пользователя или пароль";

    private final TestEnvironment env;

    EsiaAccountLinkIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void demoRealm() throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
        forgetFailures();
    }

    // --- going straight in ---------------------------------------------------------------------

    @Test
    void r_link_2_linkedParentGoesStraightIn() throws Exception {
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page page = flow.loginAs("1000000001", "parent");
        assertEquals("ivanova.maria", username(flow, page));
        assertNoStepPage(flow);
    }

    @Test
    void r_link_2_unlinkedParentLinksByPasswordBeforeTheCutoffAndThenGoesStraightIn() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page unidentified = flow.loginAs("1000000006", "parent");
        assertPage("unidentified", unidentified);
        // R-LINK-1: the two buttons of seed 002.
        assertEquals("Привязать учетную запись", unidentified.document().selectFirst("#school-esia-show-link").text());
        assertEquals("Обратиться в организацию", unidentified.document().selectFirst("#school-esia-contact").text());
        assertNull(unidentified.document().selectFirst("#school-esia-self-link-closed"));
        assertTrue(unidentified.document().selectFirst("#school-esia-contact-hint").text().contains("Если вы не знаете свои логин и пароль"),
                unidentified.text());

        Browser.Page form = showLink(unidentified);
        // R-LINK-2: organisation, login, password, «Войти».
        Document doc = form.document();
        // Issue 10: the form says whose Госуслуги account is being linked, and that entering the password links it.
        Element person = doc.selectFirst("#school-esia-link-person");
        assertNotNull(person, form.text());
        assertTrue(person.text().startsWith("Привязка учетной записи к Госуслугам: Кузнецов Андрей Викторович"), person.text());
        String intro = doc.selectFirst("#school-esia-link-intro").text();
        assertTrue(intro.contains("будет привязана к этой учетной записи Госуслуг"), intro);
        assertNotNull(doc.selectFirst("select#organization"), form.text());
        assertNotNull(doc.selectFirst("input#username"), form.text());
        assertNotNull(doc.selectFirst("input#password"), form.text());
        assertEquals("Войти", doc.selectFirst("#school-esia-link").text());

        Browser.Page linked = link(form, "ddut-ys", "kuznetsov.andrey", PASSWORD);
        JsonNode id = idToken(flow, linked);
        assertEquals("kuznetsov.andrey", id.get("preferred_username").asText(), id.toString());
        assertEquals("ddut-ys", id.path("school_org").asText(), id.toString());

        // Audit: who, which account, how.
        EventRepresentation event = onlyLinkEvent("kuznetsov.andrey");
        assertEquals("linked", detail(event, "school_link"), describe(event));
        assertEquals("password", detail(event, "link_method"), describe(event));
        assertEquals("1000000006", detail(event, "esia_oid"), describe(event));

        // The next ESIA login goes straight in, no page of ours.
        EsiaFlow again = new EsiaFlow(env);
        assertEquals("kuznetsov.andrey", username(again, again.loginAs("1000000006", "parent")));
        assertNoStepPage(again);
        // Still one link: entering does not link again.
        assertEquals(1, linkEvents("kuznetsov.andrey").size());
    }

    // --- R-LINK-4: the cut-off -------------------------------------------------------------------

    @Test
    void r_link_4_afterTheCutoffNoSelfLinkingAndForgedPostsAreRefused() throws Exception {
        // The demo setting: 2025-04-01 in Asia/Sakhalin, passed.
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page unidentified = flow.loginAs("1000000006", "parent");
        assertPage("unidentified", unidentified);
        assertNull(unidentified.document().selectFirst("#school-esia-show-link"), "no «Привязать учетную запись» after the cut-off");
        assertFalse(unidentified.text().contains("Привязать учетную запись"), unidentified.text());
        Element closed = unidentified.document().selectFirst("#school-esia-self-link-closed");
        assertNotNull(closed, unidentified.text());
        assertTrue(closed.text().contains("ответственный сотрудник"), closed.text());
        assertNotNull(unidentified.document().selectFirst("#school-esia-contact"), "«Обратиться в организацию» stays");
        // Issue 10: no «если вы не знаете свои логин и пароль» once nobody links by login and password.
        assertFalse(unidentified.text().contains("Если вы не знаете свои логин и пароль"), unidentified.text());
        String contactHint = unidentified.document().selectFirst("#school-esia-contact-hint").text();
        assertTrue(contactHint.contains("ответственный сотрудник") && contactHint.contains("«Обратиться в организацию»"), contactHint);

        // A forged «Привязать учетную запись»: refused on the server.
        Browser.Page forgedShow = post(unidentified, Map.of("showLink", "1"));
        assertEquals(200, forgedShow.status());
        assertPage("unidentified", forgedShow);
        assertTrue(forgedShow.text().contains("Самостоятельная привязка больше недоступна"), forgedShow.text());
        assertNull(forgedShow.document().selectFirst("#username"));

        // A forged link form with the right password: nothing linked.
        Browser.Page forgedLink = post(forgedShow, linkFields("ddut-ys", "kuznetsov.andrey", PASSWORD));
        assertEquals(200, forgedLink.status(), forgedLink.text());
        assertPage("unidentified", forgedLink);
        assertTrue(linkEvents("kuznetsov.andrey").isEmpty());

        // Both at once, as a hand-made request would send them.
        Map<String, String> both = new LinkedHashMap<>(linkFields("ddut-ys", "kuznetsov.andrey", PASSWORD));
        both.put("showLink", "1");
        Browser.Page forgedBoth = post(forgedLink, both);
        assertPage("unidentified", forgedBoth);
        assertTrue(linkEvents("kuznetsov.andrey").isEmpty());
        assertTrue(refusalEvents().stream().anyMatch(e -> "self_link_closed".equals(detail(e, "reason"))),
                describeEvents(refusalEvents()));

        // The next login still finds nobody.
        assertPage("unidentified", new EsiaFlow(env).loginAs("1000000006", "parent"));
    }

    @Test
    void r_link_4_aLinkFormOpenedBeforeTheCutoffIsRefusedWhenPostedAfterIt() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page form = showLink(flow.loginAs("1000000006", "parent"));
        stepConfig(Map.of("selfLinkUntil", DEMO_CUTOFF));

        Browser.Page refused = link(form, "ddut-ys", "kuznetsov.andrey", PASSWORD);
        assertEquals(200, refused.status(), refused.text());
        assertPage("unidentified", refused);
        assertTrue(refused.text().contains("Самостоятельная привязка больше недоступна"), refused.text());
        assertTrue(linkEvents("kuznetsov.andrey").isEmpty());
        assertPage("unidentified", new EsiaFlow(env).loginAs("1000000006", "parent"));
    }

    // --- password guessing does not lock the owner out of Госуслуги ------------------------------

    @Test
    void r_esia_1_anAccountLockedByPasswordGuessingStillEntersThroughEsia() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        allowOnePasswordFailure();
        // Someone else's ESIA, Maria's login, a wrong password: her account is locked for passwords.
        linkAttempt("ivanova.maria", "Wrong-pass-2");
        Map<String, Object> attack = env.realmAdmin().realm().attackDetection().bruteForceUserStatus(userId("ivanova.maria"));
        assertEquals(Boolean.TRUE, attack.get("disabled"), "the account is locked: " + attack);

        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page in = flow.loginAs("1000000001", "parent");
        assertTrue(isCode(in), in.status() + " " + in.location() + ": " + in.text());
        assertEquals("ivanova.maria", username(flow, in));
    }

    // --- the relying system chooses the role ----------------------------------------------------

    @Test
    void r_esia_2_relyingSystemPreselectsTheRole() throws Exception {
        // school_role=student: the login page offers only «Вход для учащихся».
        Browser.Page login = env.browser().open(env.clientLoginUrl() + "&school_role=student");
        assertNotNull(login.document().selectFirst("#school-esia-role-student"), login.text());
        assertNull(login.document().selectFirst("#school-esia-role-parent"), login.text());
        assertNull(login.document().selectFirst("#school-esia-role-staff"), login.text());

        // With kc_idp_hint the person goes straight to Госуслуги and, linked with that role, straight in.
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page picker = flow.browser().open(env.clientLoginUrl() + "&kc_idp_hint=esia&school_role=staff");
        Browser.Page in = flow.pickPerson(picker, "1000000003");
        assertTrue(isCode(in), in.status() + " " + in.location() + ": " + in.text());
        assertEquals("smirnov.oleg", username(flow, in));
        assertNoStepPage(flow);
    }

    // --- SNILS -------------------------------------------------------------------------------------

    @Test
    void snilsAutoLinkTakesTheStudentStraightIn() throws Exception {
        EsiaFlow flow = new EsiaFlow(env);
        assertEquals("ivanov.petr", username(flow, flow.loginAs("1000000002", "student")));
        assertEquals("snils", detail(onlyLinkEvent("ivanov.petr"), "link_method"));
        EsiaFlow again = new EsiaFlow(env);
        assertEquals("ivanov.petr", username(again, again.loginAs("1000000002", "student")));
        assertEquals(1, linkEvents("ivanov.petr").size());
    }

    @Test
    void withoutSnilsAutoLinkTheStudentIsNotIdentified() throws Exception {
        stepConfig(Map.of("snilsAutoLink", "false"));
        assertPage("unidentified", new EsiaFlow(env).loginAs("1000000002", "student"));
        assertTrue(linkEvents("ivanov.petr").isEmpty());
    }

    // --- role filter and chooser ---------------------------------------------------------------

    @Test
    void r_esia_2_twoStaffAccountsGiveAChooserAndOtherRolesSeeNone() throws Exception {
        String second = createAccount("smirnov.ddut", "staff", "ddut-ys", "Олег", "Смирнов", "1979-02-17");
        // He links the second account himself; while smirnov.oleg is disabled, nothing of his is enterable.
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        setEnabled("smirnov.oleg", false);
        EsiaFlow linking = new EsiaFlow(env);
        Browser.Page linked = link(showLink(expectPage("unidentified", linking.loginAs("1000000003", "staff"))),
                "ddut-ys", "smirnov.ddut", PASSWORD);
        assertEquals("smirnov.ddut", username(linking, linked));
        setEnabled("smirnov.oleg", true);

        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page chooser = flow.loginAs("1000000003", "staff");
        assertPage("chooser", chooser);
        List<String> offered = chooser.document().select("button[id^=school-esia-account-]").eachAttr("value");
        assertEquals(2, offered.size(), chooser.text());
        assertTrue(offered.contains(second), offered.toString());
        assertTrue(offered.contains(userId("smirnov.oleg")), offered.toString());
        assertTrue(chooser.text().contains("smirnov.ddut") && chooser.text().contains("smirnov.oleg"), chooser.text());
        String button = "#school-esia-account-" + offered.indexOf(second);
        assertEquals("smirnov.ddut", username(flow, chooser.submit(button)));

        // An account that was not offered cannot be chosen by a forged post.
        EsiaFlow forging = new EsiaFlow(env);
        Browser.Page chooserAgain = forging.loginAs("1000000003", "staff");
        assertPage("chooser", chooserAgain);
        Browser.Page forged = post(chooserAgain, Map.of("account", userId("zavuch.sosh1")));
        assertEquals(200, forged.status());
        assertPage("chooser", forged);
        assertEquals("smirnov.oleg", username(forging, forged.submit("#school-esia-account-" + offeredIndex(forged, userId("smirnov.oleg")))));

        // The role filters: he has no parent account.
        assertPage("unidentified", new EsiaFlow(env).loginAs("1000000003", "parent"));
    }

    // --- refusals (all before the cut-off) ------------------------------------------------------

    @Test
    void r_link_3_parentsEsiaNeverEntersTheChildsAccount() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF, "maxLinkFailuresPerPerson", "100"));
        // Мария as a "student" with her son's correct password: SNILS and birth date contradict ESIA.
        Browser.Page refused = link(showLink(expectPage("unidentified", new EsiaFlow(env).loginAs("1000000001", "student"))),
                "sosh-1-ys", "ivanov.petr", PASSWORD);
        assertRefused(refused);
        assertEquals("identity_mismatch", lastRefusalReason("ivanov.petr"));
        forgetFailures();

        // Андрей as a parent with his son's correct password: a student account is no parent's.
        Browser.Page child = link(showLink(expectPage("unidentified", new EsiaFlow(env).loginAs("1000000006", "parent"))),
                "ddut-ys", "kuznetsov.ilya", PASSWORD);
        assertRefused(child);
        assertEquals("wrong_role", lastRefusalReason("kuznetsov.ilya"));
        assertTrue(linkEvents("ivanov.petr").isEmpty());
        assertTrue(linkEvents("kuznetsov.ilya").isEmpty());
    }

    @Test
    void r_esia_2_accountOfAnotherRoleIsRefused() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        Browser.Page refused = link(showLink(expectPage("unidentified", new EsiaFlow(env).loginAs("1000000006", "student"))),
                "ddut-ys", "kuznetsov.andrey", PASSWORD);
        assertRefused(refused);
        assertEquals("wrong_role", lastRefusalReason("kuznetsov.andrey"));
        assertTrue(linkEvents("kuznetsov.andrey").isEmpty());
    }

    @Test
    void accountLinkedToAnotherEsiaPersonIsRefused() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        Browser.Page refused = link(showLink(expectPage("unidentified", new EsiaFlow(env).loginAs("1000000006", "parent"))),
                "sosh-1-ys", "ivanova.maria", PASSWORD);
        assertRefused(refused);
        // The birth dates differ as well; either way ivanova.maria stays Мария's.
        String reason = lastRefusalReason("ivanova.maria");
        assertTrue(List.of("linked_to_other_esia_person", "identity_mismatch").contains(reason), reason);
        EsiaFlow maria = new EsiaFlow(env);
        assertEquals("ivanova.maria", username(maria, maria.loginAs("1000000001", "parent")));
    }

    @Test
    void accountLinkedToAnotherEsiaPersonIsRefusedEvenWhenNothingElseContradicts() throws Exception {
        // A parent account with no birth date or SNILS on its card, linked to Андрей first.
        createAccount("family.parent", "parent", "ddut-ys", "Андрей", "Кузнецов", null);
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        EsiaFlow andrey = new EsiaFlow(env);
        assertEquals("family.parent", username(andrey,
                link(showLink(expectPage("unidentified", andrey.loginAs("1000000006", "parent"))), "ddut-ys", "family.parent", PASSWORD)));
        forgetFailures();

        // Олег (an adult too) with the correct password of that account.
        Browser.Page refused = link(showLink(expectPage("unidentified", new EsiaFlow(env).loginAs("1000000003", "parent"))),
                "ddut-ys", "family.parent", PASSWORD);
        assertRefused(refused);
        assertEquals("linked_to_other_esia_person", lastRefusalReason("family.parent"));
        assertEquals(1, linkEvents("family.parent").size());
    }

    @Test
    void r_esia_4_unconfirmedPersonGetsTheUnconfirmedPageAndNoLinkForm() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page unconfirmed = flow.loginAs("1000000004", "parent");
        assertPage("unconfirmed", unconfirmed);
        assertTrue(unconfirmed.text().contains("подтвержденной учетной записью"), unconfirmed.text());
        Document doc = unconfirmed.document();
        assertNull(doc.selectFirst("#school-esia-show-link"));
        assertNull(doc.selectFirst("#school-esia-link"));
        assertNull(doc.selectFirst("#username"));
        assertNull(doc.selectFirst("#password"));

        // Posts to the step, as a hand-made request would send them, change nothing.
        Map<String, String> everything = new LinkedHashMap<>(linkFields("ddut-ys", "kuznetsov.andrey", PASSWORD));
        everything.put("showLink", "1");
        for (Map<String, String> forged : List.of(Map.of("showLink", "1"), linkFields("ddut-ys", "kuznetsov.andrey", PASSWORD), everything)) {
            Browser.Page page = flow.browser().post(unconfirmed.url(), forged);
            assertTrue(page.status() < 500, page.status() + " " + page.text());
            assertFalse(isCode(page), "an unconfirmed person got in: " + page.location());
            assertNull(page.document().selectFirst("#school-esia-link"), page.text());
            assertFalse(page.body().contains("Exception"), page.body());
        }

        // Without a role chosen before ESIA, the role page has a real form: choosing any role still ends on «unconfirmed».
        EsiaFlow withoutRole = new EsiaFlow(env);
        Browser.Page rolePage = withoutRole.pickPerson(withoutRole.browser().open(env.clientLoginUrl() + "&kc_idp_hint=esia"), "1000000004");
        if ("role".equals(pageOf(rolePage))) {
            Map<String, String> roleAndLink = new LinkedHashMap<>(everything);
            roleAndLink.put("role", "parent");
            Browser.Page afterRole = post(rolePage, roleAndLink);
            assertPage("unconfirmed", afterRole);
            // The role page's form again (now stale): Keycloak re-shows where the login is.
            Browser.Page stale = post(rolePage, everything);
            assertTrue(stale.status() < 500, stale.status() + " " + stale.text());
            assertNull(stale.document().selectFirst("#school-esia-link"), stale.text());
        } else {
            assertPage("unconfirmed", rolePage);
        }
        assertTrue(linkEvents("kuznetsov.andrey").isEmpty());
        assertTrue(federatedIdentities("kuznetsov.andrey").isEmpty());
    }

    @Test
    void replayedLinkFormLinksOnceAndShowsNoErrorPage() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page form = showLink(flow.loginAs("1000000006", "parent"));
        Map<String, String> fields = linkFields("ddut-ys", "kuznetsov.andrey", PASSWORD);
        EsiaFlow.codeFrom(form.submit("#school-esia-link", fields));

        Browser.Page replay = form.submit("#school-esia-link", fields);
        assertNoErrorPage(replay);
        assertEquals(1, linkEvents("kuznetsov.andrey").size());
        EsiaFlow again = new EsiaFlow(env);
        assertEquals("kuznetsov.andrey", username(again, again.loginAs("1000000006", "parent")));
    }

    @Test
    void staleLinkFormAfterBackLinksNothing() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page form = showLink(flow.loginAs("1000000006", "parent"));
        Browser.Page back = form.submit("#school-esia-back");
        assertPage("unidentified", back);

        // The link form from before «Назад», posted again (another tab, the browser's back button).
        Browser.Page stale = form.submit("#school-esia-link", linkFields("ddut-ys", "kuznetsov.andrey", PASSWORD));
        assertNoErrorPage(stale);
        assertFalse(isCode(stale), "a stale form got in: " + stale.location());
        // Keycloak's own execution check answers: «Страница устарела», whose «продолжить» leads to where the login is.
        assertNotNull(stale.document().selectFirst("#loginContinueLink"), stale.text());
        Browser.Page current = stale.follow("#loginContinueLink");
        assertPage("unidentified", current);
        assertTrue(linkEvents("kuznetsov.andrey").isEmpty());

        // The current page still works.
        EsiaFlow.codeFrom(link(showLink(current), "ddut-ys", "kuznetsov.andrey", PASSWORD));
        assertEquals(1, linkEvents("kuznetsov.andrey").size());
    }

    @Test
    void doubleClickOnTheLinkFormLinksOnceAndShowsNoErrorPage() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page form = showLink(flow.loginAs("1000000006", "parent"));
        Map<String, String> fields = linkFields("ddut-ys", "kuznetsov.andrey", PASSWORD);
        List<Browser.Page> pages = concurrently(() -> form.submit("#school-esia-link", fields), () -> form.submit("#school-esia-link", fields));
        for (Browser.Page page : pages) {
            assertNoErrorPage(page);
        }
        assertTrue(pages.stream().anyMatch(EsiaAccountLinkIT::isCode), "one of the clicks gets in: " + describe(pages));
        assertEquals(1, linkEvents("kuznetsov.andrey").size());
        EsiaFlow again = new EsiaFlow(env);
        assertEquals("kuznetsov.andrey", username(again, again.loginAs("1000000006", "parent")));
    }

    @Test
    void twoEsiaPersonsRacingForOneAccountOneGetsIn() throws Exception {
        createAccount("race.parent", "parent", "ddut-ys", "Ива", "Гонка", null);
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        EsiaFlow andrey = new EsiaFlow(env);
        EsiaFlow oleg = new EsiaFlow(env);
        Browser.Page formA = showLink(andrey.loginAs("1000000006", "parent"));
        Browser.Page formB = showLink(oleg.loginAs("1000000003", "parent"));
        Map<String, String> fields = linkFields("ddut-ys", "race.parent", PASSWORD);

        List<Browser.Page> pages = concurrently(() -> formA.submit("#school-esia-link", fields), () -> formB.submit("#school-esia-link", fields));
        long in = pages.stream().filter(EsiaAccountLinkIT::isCode).count();
        assertEquals(1, in, "exactly one gets in: " + describe(pages));
        Browser.Page loser = pages.stream().filter(p -> !isCode(p)).findFirst().orElseThrow();
        assertRefused(loser);
        assertEquals(1, linkEvents("race.parent").size());
        String winnerOid = detail(linkEvents("race.parent").get(0), "esia_oid");
        assertEquals(isCode(pages.get(0)) ? "1000000006" : "1000000003", winnerOid);
        forgetFailures();

        // The loser's next login still finds nothing; the winner's goes straight in.
        String loserOid = winnerOid.equals("1000000006") ? "1000000003" : "1000000006";
        assertPage("unidentified", new EsiaFlow(env).loginAs(loserOid, "parent"));
        EsiaFlow winner = new EsiaFlow(env);
        assertEquals("race.parent", username(winner, winner.loginAs(winnerOid, "parent")));
    }

    // --- refusals look alike ----------------------------------------------------------------------

    @Test
    void wrongPasswordUnknownLoginLockedAccountAndWrongRoleLookTheSame() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF, "maxLinkFailuresPerPerson", "100"));

        Browser.Page wrongPassword = linkAttempt("kuznetsov.andrey", "Wrong-pass-1");
        forgetFailures();
        Browser.Page unknown = linkAttempt("nobody.here", PASSWORD);
        forgetFailures();
        Browser.Page wrongRole = linkAttempt("kuznetsov.ilya", PASSWORD);
        forgetFailures();

        // Locked by brute-force protection: one failure locks while the realm allows one.
        allowOnePasswordFailure();
        linkAttempt("kuznetsov.andrey", "Wrong-pass-2");
        Map<String, Object> attack = env.realmAdmin().realm().attackDetection().bruteForceUserStatus(userId("kuznetsov.andrey"));
        assertEquals(Boolean.TRUE, attack.get("disabled"), "the account is locked: " + attack);
        Browser.Page locked = linkAttempt("kuznetsov.andrey", PASSWORD);

        assertEquals(List.of("account_locked", "unknown_account", "wrong_password", "wrong_password", "wrong_role"),
                reasons().stream().sorted().toList());
        for (Browser.Page page : List.of(wrongPassword, unknown, wrongRole, locked)) {
            assertRefused(page);
        }
        String expected = normalised(wrongPassword, "kuznetsov.andrey");
        assertEquals(wrongPassword.status(), unknown.status());
        assertEquals(wrongPassword.status(), wrongRole.status());
        assertEquals(wrongPassword.status(), locked.status());
        assertEquals(expected, normalised(unknown, "nobody.here"), "unknown login");
        assertEquals(expected, normalised(wrongRole, "kuznetsov.ilya"), "wrong role");
        assertEquals(expected, normalised(locked, "kuznetsov.andrey"), "locked account");
        assertTrue(linkEvents("kuznetsov.andrey").isEmpty());
    }

    @Test
    void tooManyFailuresOfOneEsiaPersonRefuseEvenTheRightPassword() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF, "maxLinkFailuresPerPerson", "3"));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page page = showLink(flow.loginAs("1000000006", "parent"));
        for (int i = 0; i < 3; i++) {
            page = link(page, "ddut-ys", "kuznetsov.andrey", "Wrong-pass-" + i);
            assertRefused(page);
            forgetFailures();
        }
        Browser.Page blocked = link(page, "ddut-ys", "kuznetsov.andrey", PASSWORD);
        assertEquals(200, blocked.status());
        assertPage("link", blocked);
        assertTrue(blocked.text().contains("Слишком много неудачных попыток"), blocked.text());
        assertTrue(linkEvents("kuznetsov.andrey").isEmpty());

        // Counted for the person, not the browser: a new login does no better.
        Browser.Page fresh = link(showLink(new EsiaFlow(env).loginAs("1000000006", "parent")), "ddut-ys", "kuznetsov.andrey", PASSWORD);
        assertTrue(fresh.text().contains("Слишком много неудачных попыток"), fresh.text());
        assertTrue(linkEvents("kuznetsov.andrey").isEmpty());
    }

    @Test
    void tooManyFailuresRefusalIsAuditedLikeEveryOtherRefusal() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF, "maxLinkFailuresPerPerson", "1"));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page refused = link(showLink(flow.loginAs("1000000006", "parent")), "ddut-ys", "kuznetsov.andrey", "Wrong-pass-1");
        assertRefused(refused);
        forgetFailures();
        Browser.Page blocked = link(refused, "ddut-ys", "kuznetsov.andrey", PASSWORD);
        assertTrue(blocked.text().contains("Слишком много неудачных попыток"), blocked.text());
        // A refused link attempt, whatever the reason: FEDERATED_IDENTITY_LINK_ERROR with the reason and the ESIA person.
        EventRepresentation event = refusalEvents().stream().filter(e -> "too_many_link_failures".equals(detail(e, "reason")))
                .findFirst().orElseThrow(() -> new AssertionError("no FEDERATED_IDENTITY_LINK_ERROR with reason too_many_link_failures: "
                        + describeEvents(refusalEvents()) + "; other first-login errors: " + describeEvents(events("IDENTITY_PROVIDER_FIRST_LOGIN_ERROR"))));
        assertEquals("1000000006", detail(event, "esia_oid"), describe(event));
    }

    @Test
    void refusalIsAudited() throws Exception {
        stepConfig(Map.of("selfLinkUntil", OPEN_CUTOFF));
        assertRefused(linkAttempt("kuznetsov.andrey", "Wrong-pass-1"));
        EventRepresentation event = refusalEvents().get(0);
        assertEquals("FEDERATED_IDENTITY_LINK_ERROR", event.getType());
        assertEquals("wrong_password", detail(event, "reason"), describe(event));
        assertEquals("1000000006", detail(event, "esia_oid"), describe(event));
        assertEquals("refused", detail(event, "school_link"), describe(event));
        assertEquals(userId("kuznetsov.andrey"), event.getUserId(), describe(event));
    }

    // --- English ----------------------------------------------------------------------------------

    @Test
    void unidentifiedPageInEnglish() {
        EsiaFlow flow = new EsiaFlow(env);
        flow.browser().language("en");
        Browser.Page page = flow.loginAs("1000000006", "parent");
        assertPage("unidentified", page);
        assertTrue(page.text().contains("Account not found"), page.text());
        assertTrue(page.text().contains("Contact my organisation"), page.text());
        assertFalse(page.text().contains("Учетная запись не найдена"), page.text());
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String username(EsiaFlow flow, Browser.Page redirect) throws Exception {
        return idToken(flow, redirect).get("preferred_username").asText();
    }

    private static JsonNode idToken(EsiaFlow flow, Browser.Page redirect) throws Exception {
        return EsiaFlow.claims(flow.redeem(EsiaFlow.codeFrom(redirect)).get("id_token").asText());
    }

    /** The browser never saw a page of the step: straight from ESIA to the application. */
    private static void assertNoStepPage(EsiaFlow flow) {
        for (String url : flow.browser().history()) {
            assertFalse(url.contains("/login-actions/first-broker-login"), "a page of the step was shown: " + flow.browser().history());
        }
    }

    /** A redirect to the application with a code: the person got in. */
    static boolean isCode(Browser.Page page) {
        return page.isRedirect() && page.location().startsWith(DemoRealm.CLIENT_REDIRECT) && page.location().contains("code=");
    }

    static String pageOf(Browser.Page page) {
        Element step = page.document().selectFirst("#school-esia-account");
        return step == null ? null : step.attr("data-page");
    }

    static void assertPage(String expected, Browser.Page page) {
        assertEquals(expected, pageOf(page), "page " + page.status() + " " + page.url() + " → " + page.location() + ": " + page.text());
    }

    static Browser.Page expectPage(String expected, Browser.Page page) {
        assertPage(expected, page);
        return page;
    }

    static Browser.Page showLink(Browser.Page unidentified) {
        assertPage("unidentified", unidentified);
        Browser.Page form = unidentified.submit("#school-esia-show-link");
        assertPage("link", form);
        return form;
    }

    static Map<String, String> linkFields(String organisation, String username, String password) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("organization", organisation);
        fields.put("username", username);
        fields.put("password", password);
        fields.put("link", "1");
        return fields;
    }

    static Browser.Page link(Browser.Page form, String organisation, String username, String password) {
        assertPage("link", form);
        return form.submit("#school-esia-link", linkFields(organisation, username, password));
    }

    /** A hand-made post to the action of the page's step form. */
    private static Browser.Page post(Browser.Page page, Map<String, String> fields) {
        Element form = page.document().selectFirst("#school-esia-form");
        assertNotNull(form, "no step form on " + page.url() + ": " + page.text());
        return page.browser().post(form.absUrl("action"), fields);
    }

    /** A fresh ESIA login of Андрей as a parent, the link form, and an attempt. */
    private Browser.Page linkAttempt(String username, String password) {
        Browser.Page form = showLink(new EsiaFlow(env).loginAs("1000000006", "parent"));
        return link(form, "ddut-ys", username, password);
    }

    private static void assertRefused(Browser.Page page) {
        assertEquals(200, page.status(), page.status() + " " + page.location() + ": " + page.text());
        assertPage("link", page);
        assertTrue(page.text().contains(INVALID_USER), page.text());
        // Issue 10: the refusal is said once, not under the login, under the password and as an alert.
        assertEquals(1, page.text().split(INVALID_USER, -1).length - 1, page.text());
        assertEquals("", page.document().selectFirst("#password").val());
    }

    private static void assertNoErrorPage(Browser.Page page) {
        assertTrue(page.status() < 500, page.status() + ": " + page.text());
        assertFalse(page.body().contains("Exception") || page.body().matches("(?s).*\\bat (org|java|jakarta)\\.[a-z].*"),
                "a stack trace: " + page.body());
        assertFalse(page.text().contains("Unexpected error") || page.text().contains("Непредвиденная ошибка"), page.text());
    }

    /** The page without what differs per request anyway: codes, tab ids, executions in URLs, and the login typed. */
    private static String normalised(Browser.Page page, String typedLogin) {
        Document doc = page.document();
        return doc.html().replaceAll("(session_code|tab_id|execution|client_data|kc_idp_hint|code|state)=[^\"&\\s]*", "$1=_")
                .replace("value=\"" + typedLogin + "\"", "value=\"LOGIN\"")
                .replaceAll("\\s+", " ");
    }

    private static List<Browser.Page> concurrently(Callable<Browser.Page> a, Callable<Browser.Page> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Browser.Page>> futures = new ArrayList<>();
            for (Callable<Browser.Page> task : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Browser.Page> pages = new ArrayList<>();
            for (Future<Browser.Page> f : futures) {
                pages.add(f.get(120, TimeUnit.SECONDS));
            }
            return pages;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String describe(List<Browser.Page> pages) {
        StringBuilder s = new StringBuilder();
        for (Browser.Page p : pages) {
            s.append("\n[").append(p.status()).append(' ').append(p.location()).append(' ').append(pageOf(p)).append("] ")
                    .append(p.text(), 0, Math.min(400, p.text().length()));
        }
        return s.toString();
    }

    private static int offeredIndex(Browser.Page chooser, String userId) {
        List<String> offered = chooser.document().select("button[id^=school-esia-account-]").eachAttr("value");
        int i = offered.indexOf(userId);
        assertTrue(i >= 0, offered + " lacks " + userId);
        return i;
    }

    private void stepConfig(Map<String, String> changes) {
        stepConfig(env, changes);
    }

    /** The step of the ESIA first-login flow each setting belongs to. */
    static String stepOf(String setting) {
        return switch (setting) {
            case "selfLinkUntil", "selfLinkZone", "maxLinkFailuresPerPerson", "linkFailureWindowMinutes" -> "school-esia-link-password";
            case "snilsAutoLink" -> "school-esia-auto-link";
            case "unconfirmedMayEnterLinked" -> "school-esia-linked-account";
            default -> "school-esia-request-form";
        };
    }

    /** Changes settings of the steps of the flow "esia first login", as an admin does in the console. */
    static void stepConfig(TestEnvironment env, Map<String, String> changes) {
        AuthenticationManagementResource flows = env.realmAdmin().realm().flows();
        Map<String, Map<String, String>> byStep = new LinkedHashMap<>();
        changes.forEach((k, v) -> byStep.computeIfAbsent(stepOf(k), s -> new LinkedHashMap<>()).put(k, v));
        byStep.forEach((step, values) -> {
            String configId = null;
            for (AuthenticationExecutionInfoRepresentation execution : flows.getExecutions("esia first login")) {
                if (step.equals(execution.getProviderId())) {
                    configId = execution.getAuthenticationConfig();
                }
            }
            assertNotNull(configId, "the step " + step + " has no settings");
            AuthenticatorConfigRepresentation config = flows.getAuthenticatorConfig(configId);
            config.getConfig().putAll(values);
            flows.updateAuthenticatorConfig(configId, config);
        });
    }

    private void forgetFailures() {
        env.realmAdmin().realm().attackDetection().clearAllBruteForce();
    }

    /** Brute-force protection locks an account after its first wrong password. */
    private void allowOnePasswordFailure() {
        RealmResource realm = env.realmAdmin().realm();
        RealmRepresentation settings = realm.toRepresentation();
        settings.setFailureFactor(1);
        realm.update(settings);
    }

    private String userId(String username) {
        String id = env.realmAdmin().userId(username);
        assertNotNull(id, "no user " + username);
        return id;
    }

    private void setEnabled(String username, boolean enabled) {
        UserResource user = env.realmAdmin().userById(userId(username));
        UserRepresentation representation = user.toRepresentation();
        representation.setEnabled(enabled);
        user.update(representation);
    }

    private List<FederatedIdentityRepresentation> federatedIdentities(String username) {
        return env.realmAdmin().links(userId(username));
    }

    /** A school account with password {@link #PASSWORD}, member of its organisation. */
    private String createAccount(String username, String role, String organisation, String firstName, String lastName, String birthdate) {
        return createAccount(env, username, role, organisation, firstName, lastName, birthdate, Map.of());
    }

    /** A school account created by a realm admin, member of its home organisation; password {@link #PASSWORD}. */
    static String createAccount(TestEnvironment env, String username, String role, String organisation, String firstName,
                                String lastName, String birthdate, Map<String, String> more) {
        return createAccount(env, username, role, organisation, firstName, lastName, birthdate, more, PASSWORD);
    }

    /** As above with the given password; {@code null}: no password yet, as accounts made from requests or by staff. */
    static String createAccount(TestEnvironment env, String username, String role, String organisation, String firstName,
                                String lastName, String birthdate, Map<String, String> more, String password) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put("schoolRole", List.of(role));
        attributes.put("homeOrganization", List.of(organisation));
        if (birthdate != null) {
            attributes.put("birthdate", List.of(birthdate));
        }
        more.forEach((k, v) -> attributes.put(k, List.of(v)));
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setAttributes(attributes);
        if (password != null) {
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
        }
        RealmAdmin realm = env.realmAdmin();
        String id = realm.createUser(user);
        realm.addMember(organisation, id);
        return id;
    }

    static String organisationId(TestEnvironment env, String alias) {
        return env.realmAdmin().organisationId(alias);
    }

    private List<EventRepresentation> events(String type) {
        return env.realmAdmin().events(type, 1000);
    }

    private static String detail(EventRepresentation event, String key) {
        return event.getDetails() == null ? null : event.getDetails().get(key);
    }

    private static String describe(EventRepresentation event) {
        return event.getType() + " user " + event.getUserId() + " " + event.getDetails();
    }

    private static String describeEvents(List<EventRepresentation> events) {
        return events.stream().map(EsiaAccountLinkIT::describe).toList().toString();
    }

    /** Our link events (not Keycloak's own broker-link ones) for an account. */
    private List<EventRepresentation> linkEvents(String username) {
        String id = userId(username);
        return events("FEDERATED_IDENTITY_LINK").stream()
                .filter(e -> id.equals(e.getUserId()))
                .filter(e -> "linked".equals(detail(e, "school_link")))
                .toList();
    }

    private EventRepresentation onlyLinkEvent(String username) {
        List<EventRepresentation> events = linkEvents(username);
        assertEquals(1, events.size(), describeEvents(events));
        return events.get(0);
    }

    /** Newest first, as the admin API lists them. */
    private List<EventRepresentation> refusalEvents() {
        return events("FEDERATED_IDENTITY_LINK_ERROR");
    }

    /** Reasons of the refusals, oldest first. */
    private List<String> reasons() {
        List<String> reasons = new ArrayList<>(refusalEvents().stream().map(e -> detail(e, "reason")).toList());
        Collections.reverse(reasons);
        return reasons;
    }

    private String lastRefusalReason(String username) {
        String id = userId(username);
        return refusalEvents().stream().filter(e -> id.equals(e.getUserId())).findFirst()
                .map(e -> detail(e, "reason")).orElseThrow(() -> new AssertionError("no refusal for " + username
                        + ": " + describeEvents(refusalEvents())));
    }
}
