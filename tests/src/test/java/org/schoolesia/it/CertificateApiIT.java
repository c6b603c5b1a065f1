package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 13 on the real server: the eligibility answer relying systems get (R-CERT-6, R-CERT-1/2), the
 * same reasons on the personal page's section, «Получить сертификат» (R-CERT-3) and activation by
 * an authorised organisation (R-CERT-4); tokens that are not the relying client's access token with
 * the certificates audience are refused, another's child looks like no child, the limit engages.
 */
@ExtendWith(KeycloakExtension.class)
class CertificateApiIT {

    private final TestEnvironment env;
    private PersonalApi personal;
    private StaffApi staff;

    CertificateApiIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        CertificateFixtures.prepare(env);
        personal = new PersonalApi(env);
        personal.createTestClient();
        staff = new StaffApi(env);
        staff.createTestClient();
    }

    @Test
    void r_cert_6_2_aPupilOf13Years364DaysIsRefusedAndOf14Years0DaysMayApply_R_AGE_1() {
        JsonNode almost = CertificateFixtures.entries(env, CertificateFixtures.PUPIL_13Y364D);
        assertEquals(1, almost.size());
        assertTrue(almost.get(0).get("self").asBoolean());
        assertFalse(almost.get(0).get("eligible").asBoolean());
        assertEquals(List.of("pupil_under_14"), CertificateFixtures.reasons(almost.get(0)));
        assertEquals("Учащийся младше 14 лет не может получить сертификат в своем личном кабинете.",
                almost.get(0).get("reasons").get(0).get("message").asText());
        assertTrue(almost.get(0).get("reasons").get(0).get("help").asText().contains("родитель"));

        JsonNode birthday = CertificateFixtures.entries(env, CertificateFixtures.PUPIL_14Y0D);
        assertTrue(birthday.get(0).get("eligible").asBoolean(), birthday.toString());
        assertEquals(List.of(), CertificateFixtures.reasons(birthday.get(0)));

        // The page's section says the same (one rule for both).
        assertSameOnThePage(CertificateFixtures.PUPIL_13Y364D);
        assertSameOnThePage(CertificateFixtures.PUPIL_14Y0D);
        // And the pupil of 14 gets it himself; of 13, refused with the reason.
        HttpResponse<String> refused = CertificateFixtures.issue(env, personal.token(CertificateFixtures.PUPIL_13Y364D), null);
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("not_eligible", StaffApi.json(refused).get("error").asText());
        assertEquals("[\"pupil_under_14\"]", StaffApi.json(refused).get("reasons").toString());
        HttpResponse<String> issued = CertificateFixtures.issue(env, personal.token(CertificateFixtures.PUPIL_14Y0D), null);
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals(List.of("already_has_certificate"),
                CertificateFixtures.reasons(CertificateFixtures.entries(env, CertificateFixtures.PUPIL_14Y0D).get(0)));
    }

    @Test
    void r_cert_2_aParentWithTwoChildrenGetsOneEntryEachWithoutSnilsOrBirthDate() {
        HttpResponse<String> r = CertificateFixtures.eligibility(env, CertificateFixtures.token(env, "ivanova.maria"), null, "en");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        JsonNode entries = StaffApi.json(r).get("entries");
        assertEquals(2, entries.size(), entries.toString());
        JsonNode petr = CertificateFixtures.entryOf(entries, env.realmAdmin().userId("ivanov.petr"));
        JsonNode anna = CertificateFixtures.entryOf(entries, env.realmAdmin().userId("ivanova.anna"));
        assertEquals("Иванов", petr.get("child").get("lastName").asText());
        assertTrue(petr.get("eligible").asBoolean() && anna.get("eligible").asBoolean(), "a parent applies for a child under 14 too");
        assertFalse(petr.get("self").asBoolean());
        for (String secret : List.of("12345678964", "15627384990", "2012-09-05", "2016-06-21", "11223344595", "snils", "birth")) {
            assertFalse(r.body().contains(secret), "no SNILS, no birth date: " + r.body());
        }
        // ?child= one of them.
        HttpResponse<String> one = CertificateFixtures.eligibility(env, CertificateFixtures.token(env, "ivanova.maria"),
                env.realmAdmin().userId("ivanova.anna"), "ru");
        assertEquals(200, one.statusCode(), one.body());
        assertEquals(1, StaffApi.json(one).get("entries").size());
        assertEquals("Анна", StaffApi.json(one).get("entries").get(0).get("child").get("firstName").asText());
        assertSameOnThePage("ivanova.maria");
    }

    @Test
    void r_cert_6_3_and_4_aParentWithoutChildAndAChildsAccountAskingAsAParent() {
        JsonNode lonely = CertificateFixtures.entries(env, CertificateFixtures.LONELY_PARENT);
        assertEquals(1, lonely.size());
        assertTrue(lonely.get(0).get("child").isNull());
        assertEquals(List.of("no_linked_child"), CertificateFixtures.reasons(lonely.get(0)));
        assertSameOnThePage(CertificateFixtures.LONELY_PARENT);

        // Анна is 10: her account asking about a child is a parent at a child's keyboard (R-FAM-5).
        HttpResponse<String> r = CertificateFixtures.eligibility(env, CertificateFixtures.token(env, "ivanova.anna"),
                env.realmAdmin().userId("ivanov.petr"), "ru");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode entry = StaffApi.json(r).get("entries").get(0);
        assertEquals(List.of("pupil_under_14", "child_account_under_14"), CertificateFixtures.reasons(entry));
        assertEquals(env.realmAdmin().userId("ivanova.anna"), entry.get("child").get("id").asText(), "about the account itself");
        assertEquals("Вы вошли под учетной записью ребенка младше 14 лет.", entry.get("reasons").get(1).get("message").asText());
    }

    @Test
    void r_cert_1_moduleOffForTheRealmOrTheOrganisation() {
        CertificateFixtures.organisationAttribute(env, "ds-15-ys", "certificates", "off");
        JsonNode entries = CertificateFixtures.entries(env, "ivanova.maria");
        assertEquals(List.of("module_off_organisation"),
                CertificateFixtures.reasons(CertificateFixtures.entryOf(entries, env.realmAdmin().userId("ivanova.anna"))),
                "Анна's kindergarten is off");
        assertTrue(CertificateFixtures.entryOf(entries, env.realmAdmin().userId("ivanov.petr")).get("eligible").asBoolean());

        CertificateFixtures.realmAttribute(env, "schoolCertificates", "off");
        JsonNode off = CertificateFixtures.entries(env, "ivanova.maria");
        assertEquals(List.of("module_off_realm"), CertificateFixtures.reasons(CertificateFixtures.entryOf(off, env.realmAdmin().userId("ivanov.petr"))));
        assertEquals(List.of("module_off_realm", "module_off_organisation"),
                CertificateFixtures.reasons(CertificateFixtures.entryOf(off, env.realmAdmin().userId("ivanova.anna"))), "every reason, not the first");
        assertSameOnThePage("ivanova.maria");
        HttpResponse<String> refused = CertificateFixtures.issue(env, personal.token("ivanova.maria"), env.realmAdmin().userId("ivanov.petr"));
        assertEquals(409, refused.statusCode(), refused.body());
    }

    @Test
    void r_cert_3_twoQuickClicksMakeOneCertificateWithACheckedTwelveDigitNumber() throws Exception {
        String petr = env.realmAdmin().userId("ivanov.petr");
        String token = personal.token("ivanova.maria");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> clicks = java.util.stream.IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return CertificateFixtures.issue(env, token, petr);
                })).toList();
        go.countDown();
        JsonNode first = StaffApi.json(clicks.get(0).get());
        JsonNode second = StaffApi.json(clicks.get(1).get());
        assertEquals(200, clicks.get(0).get().statusCode(), first.toString());
        assertEquals(200, clicks.get(1).get().statusCode(), second.toString());
        String number = first.get("certificate").get("number").asText();
        assertEquals(number, second.get("certificate").get("number").asText(), "one certificate");
        assertEquals(1, (first.get("created").asBoolean() ? 1 : 0) + (second.get("created").asBoolean() ? 1 : 0), first + " / " + second);
        assertTrue(number.matches("[1-9]\\d{11}"), number);
        assertTrue(luhn(number), "check digit of " + number);
        assertEquals("inactive", first.get("certificate").get("status").asText());
        assertEquals("Неактивирован", first.get("certificate").get("statusLabel").asText());
        assertEquals(java.time.LocalDate.now(CertificateFixtures.SAKHALIN).toString(), first.get("certificate").get("validFrom").asText());
        assertEquals(java.time.LocalDate.now(CertificateFixtures.SAKHALIN).plusYears(1).minusDays(1).toString(),
                first.get("certificate").get("validTo").asText());

        // A third click later: the same one, and the answers now say «already has».
        JsonNode again = StaffApi.json(CertificateFixtures.issue(env, token, petr));
        assertFalse(again.get("created").asBoolean());
        assertEquals(number, again.get("certificate").get("number").asText());
        JsonNode entry = CertificateFixtures.entryOf(CertificateFixtures.entries(env, "ivanova.maria"), petr);
        assertEquals(List.of("already_has_certificate"), CertificateFixtures.reasons(entry));
        assertEquals(number, entry.get("certificate").get("number").asText());
        assertSameOnThePage("ivanova.maria");
        // Anna gets another number (not the next one).
        JsonNode anna = StaffApi.json(CertificateFixtures.issue(env, token, env.realmAdmin().userId("ivanova.anna")));
        assertNotEquals(Long.parseLong(number) + 1, Long.parseLong(anna.get("certificate").get("number").asText()));
        List<EventRepresentation> events = env.realmAdmin().events("CUSTOM_REQUIRED_ACTION", 50).stream()
                .filter(e -> e.getDetails() != null && "school_certificate".equals(e.getDetails().get("custom_required_action"))).toList();
        assertEquals(2, events.stream().filter(e -> "issued".equals(e.getDetails().get("school_certificate"))).count(), events.toString());

        // A removed realm takes its certificates along: imported again (same account ids), the children have none.
        env.resetRealm();
        CertificateFixtures.prepare(env);
        JsonNode fresh = CertificateFixtures.entryOf(CertificateFixtures.entries(env, "ivanova.maria"), petr);
        assertTrue(fresh.get("eligible").asBoolean() && fresh.get("certificate").isNull(), fresh.toString());
    }

    @Test
    void r_cert_4_anAuthorisedOrganisationActivatesAndSuspendsWithAReasonAnotherIsRefused() {
        String petr = env.realmAdmin().userId("ivanov.petr");
        assertEquals(200, CertificateFixtures.issue(env, personal.token("ivanova.maria"), petr).statusCode());
        String url = staff.base() + "/people/" + petr + "/certificate";

        // School № 1 is no authorised organisation.
        HttpResponse<String> school = staff.call("POST", "zavuch.sosh1", url, Map.of("change", "activate"), "ru");
        assertEquals(403, school.statusCode(), school.body());
        assertEquals("not_authorised_organization", StaffApi.json(school).get("error").asText());
        assertTrue(StaffApi.json(staff.call("GET", "zavuch.sosh1", staff.base() + "/people/" + petr, null, "ru")).path("certificate").isMissingNode()
                || StaffApi.json(staff.call("GET", "zavuch.sosh1", staff.base() + "/people/" + petr, null, "ru")).get("certificate").isNull(),
                "no certificate section on a non-authorised organisation's card");

        // The ДДЮТ is (demo realm): its методист activates after the documents.
        JsonNode card = StaffApi.json(staff.call("GET", "metodist.ddut", staff.base() + "/people/" + petr, null, "ru"));
        assertEquals("inactive", card.get("certificate").get("certificate").get("status").asText());
        HttpResponse<String> activated = staff.call("POST", "metodist.ddut", url, Map.of("change", "activate"), "ru");
        assertEquals(200, activated.statusCode(), activated.body());
        assertEquals("Активный", StaffApi.json(activated).get("certificate").get("statusLabel").asText());
        HttpResponse<String> twice = staff.call("POST", "metodist.ddut", url, Map.of("change", "activate"), "ru");
        assertEquals(409, twice.statusCode(), twice.body());
        assertEquals("Статус сертификата уже изменен: сейчас «Активный».", StaffApi.json(twice).get("message").asText());

        HttpResponse<String> noReason = staff.call("POST", "metodist.ddut", url, Map.of("change", "suspend"), "en");
        assertEquals(400, noReason.statusCode());
        assertEquals("reason_required", StaffApi.json(noReason).get("error").asText());
        HttpResponse<String> suspended = staff.call("POST", "metodist.ddut", url, Map.of("change", "suspend", "reason", "Документы на проверке"), "ru");
        assertEquals(200, suspended.statusCode(), suspended.body());
        assertEquals("suspended", StaffApi.json(suspended).get("certificate").get("status").asText());

        // The holder's parent sees the status and the reason on the personal page.
        JsonNode section = PersonalApi.section(personal.me("ivanova.maria"), "certificate");
        JsonNode entry = CertificateFixtures.entryOf(section.get("entries"), petr);
        assertEquals("suspended", entry.get("certificate").get("status").asText());
        assertEquals("Документы на проверке", entry.get("certificate").get("changeReason").asText());

        List<EventRepresentation> events = env.realmAdmin().events("CUSTOM_REQUIRED_ACTION", 50).stream()
                .filter(e -> e.getDetails() != null && "school_certificate".equals(e.getDetails().get("custom_required_action"))).toList();
        assertTrue(events.stream().anyMatch(e -> "activate".equals(e.getDetails().get("school_certificate"))
                && env.realmAdmin().userId("metodist.ddut").equals(e.getDetails().get("acted_by"))), events.toString());
        assertTrue(events.stream().anyMatch(e -> "suspend".equals(e.getDetails().get("school_certificate"))
                && "Документы на проверке".equals(e.getDetails().get("reason"))), events.toString());

        // Revoked: final, and the child may get a new one.
        assertEquals(200, staff.call("POST", "metodist.ddut", url, Map.of("change", "revoke", "reason", "Выдан по ошибке"), "ru").statusCode());
        JsonNode after = CertificateFixtures.entryOf(CertificateFixtures.entries(env, "ivanova.maria"), petr);
        assertTrue(after.get("eligible").asBoolean(), after.toString());
    }

    @Test
    void restRefusesMissingWrongOrForeignTokensAndAnothersChildLooksLikeNoChild() {
        HttpResponse<String> none = CertificateFixtures.eligibility(env, null, null, "en");
        assertEquals(401, none.statusCode());
        assertEquals("unauthorized", StaffApi.json(none).get("error").asText());
        assertEquals("no-store", none.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));

        JsonNode tokens = CertificateFixtures.tokens(env, CertificateFixtures.CLIENT_ID, CertificateFixtures.CLIENT_SECRET, "ivanova.maria");
        assertEquals(401, CertificateFixtures.eligibility(env, tokens.get("id_token").asText(), null, "ru").statusCode(), "an ID token");
        assertEquals(401, CertificateFixtures.eligibility(env, tokens.get("refresh_token").asText(), null, "ru").statusCode(), "a refresh token");
        assertEquals(401, CertificateFixtures.eligibility(env, personal.token("ivanova.maria"), null, "ru").statusCode(),
                "the personal page's token is not meant for relying systems' API");
        env.realmAdmin().createClient(StaffApi.directGrantClient("vendor-system", "vendor-secret"));
        assertEquals(401, CertificateFixtures.eligibility(env,
                CertificateFixtures.tokens(env, "vendor-system", "vendor-secret", "ivanova.maria").get("access_token").asText(), null, "ru").statusCode(),
                "a client without the audience");
        assertEquals(401, CertificateFixtures.eligibility(env, "not-a-token", null, "ru").statusCode());

        // Кузнецов asks about Иванов Пётр (not his child) and about an id that is nobody: the same 404.
        String andrey = CertificateFixtures.token(env, "kuznetsov.andrey");
        HttpResponse<String> notMine = CertificateFixtures.eligibility(env, andrey, env.realmAdmin().userId("ivanov.petr"), "ru");
        HttpResponse<String> nobody = CertificateFixtures.eligibility(env, andrey, "00000000-0000-4000-8000-999999999999", "ru");
        assertEquals(404, notMine.statusCode());
        assertEquals(404, nobody.statusCode());
        assertEquals(notMine.body(), nobody.body());
        assertEquals(200, CertificateFixtures.eligibility(env, andrey, env.realmAdmin().userId("kuznetsov.ilya"), "ru").statusCode());
        // Nor may he issue one for Пётр.
        assertEquals(404, CertificateFixtures.issue(env, personal.token("kuznetsov.andrey"), env.realmAdmin().userId("ivanov.petr")).statusCode());
    }

    /** Security rule 4: the relying client's own token, accepted while valid, is refused once expired. */
    @Test
    void restRefusesAnExpiredAccessToken() throws Exception {
        ClientRepresentation client = StaffApi.directGrantClient("short-lived-system", "short-secret",
                StaffApi.audienceMapper("certificates api audience", CertificateFixtures.AUDIENCE));
        client.setAttributes(Map.of("access.token.lifespan", "4")); // seconds: a short wait, not a long sleep
        env.realmAdmin().createClient(client);
        String token = CertificateFixtures.tokens(env, "short-lived-system", "short-secret", "ivanova.maria").get("access_token").asText();
        assertEquals(200, CertificateFixtures.eligibility(env, token, null, "ru").statusCode(), "accepted while valid");
        long expiresMillis = StaffApi.json(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8)).get("exp").asLong() * 1000;
        Thread.sleep(Math.max(0, expiresMillis + 1_500 - System.currentTimeMillis()));
        HttpResponse<String> expired = CertificateFixtures.eligibility(env, token, null, "en");
        assertEquals(401, expired.statusCode(), expired.body());
        assertEquals("unauthorized", StaffApi.json(expired).get("error").asText());
        assertEquals("Please sign in.", StaffApi.json(expired).get("message").asText());
    }

    /** Security rule 4: a token of another realm — same audience, same user name, same client id — is not this realm's. */
    @Test
    void restRefusesAnotherRealmsToken() {
        RealmRepresentation other = new RealmRepresentation();
        other.setRealm("certificates-other");
        other.setEnabled(true);
        env.keycloakAdmin().realms().create(other);
        try {
            RealmResource realm = env.keycloakAdmin().realm("certificates-other");
            realm.clients().create(StaffApi.directGrantClient(CertificateFixtures.CLIENT_ID, CertificateFixtures.CLIENT_SECRET,
                    StaffApi.audienceMapper("certificates api audience", CertificateFixtures.AUDIENCE))).close();
            UserRepresentation namesake = new UserRepresentation();
            namesake.setUsername("ivanova.maria");
            namesake.setEnabled(true);
            namesake.setFirstName("Мария");
            namesake.setLastName("Иванова");
            namesake.setEmail("ivanova.maria@example.org");
            namesake.setEmailVerified(true);
            namesake.setCredentials(List.of(CertificateFixtures.password()));
            realm.users().create(namesake).close();
            String form = "grant_type=password&scope=openid&client_id=" + CertificateFixtures.CLIENT_ID + "&client_secret="
                    + CertificateFixtures.CLIENT_SECRET + "&username=ivanova.maria&password=" + StaffApi.PASSWORD;
            HttpResponse<String> granted = CertificateFixtures.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            env.keycloak().realmUrl("certificates-other") + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)));
            assertEquals(200, granted.statusCode(), granted.body());
            String foreign = StaffApi.json(granted).get("access_token").asText();
            HttpResponse<String> refused = CertificateFixtures.eligibility(env, foreign, null, "ru");
            assertEquals(401, refused.statusCode(), refused.body());
            assertEquals("Требуется вход в систему.", StaffApi.json(refused).get("message").asText());
        } finally {
            env.keycloakAdmin().realm("certificates-other").remove();
        }
    }

    @Test
    void enumerationIsLimitedPerCaller() throws InterruptedException {
        CertificateFixtures.realmAttribute(env, "schoolCertificateRateLimit", "5");
        // The limit counts per minute of the clock: start early in one, so the calls below share it.
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 45_000) {
            Thread.sleep(60_000 - intoMinute + 200);
        }
        String token = CertificateFixtures.token(env, CertificateFixtures.LONELY_PARENT);
        int refused = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = CertificateFixtures.eligibility(env, token, "00000000-0000-4000-8000-00000000" + (1000 + i), "ru");
            if (last.statusCode() == 429) {
                refused++;
            } else {
                assertEquals(404, last.statusCode(), last.body());
            }
        }
        assertEquals(3, refused, "the limit engages after exactly 5 calls a minute (the first 5 are not found, the rest refused)");
        assertEquals("too_many_requests", StaffApi.json(last).get("error").asText());
        assertEquals("Слишком много запросов. Повторите через минуту.", StaffApi.json(last).get("message").asText());
        int retryAfter = Integer.parseInt(last.headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals("no-store", last.headers().firstValue("Cache-Control").orElse(null));
        // Refused even for the caller's real question (the budget is the caller's, not the id's), in English for an English caller.
        HttpResponse<String> english = CertificateFixtures.eligibility(env, token, null, "en");
        assertEquals(429, english.statusCode());
        assertEquals("Too many requests. Try again in a minute.", StaffApi.json(english).get("message").asText());
        // Another caller is not held back.
        assertEquals(200, CertificateFixtures.eligibility(env, CertificateFixtures.token(env, "ivanova.maria"), null, "ru").statusCode());
    }

    /**
     * R-CERT-5: after issuing, the ПФДО credentials PDF — number, login, password — the password in the
     * first download only (the second says how to reset it); the parent gets the child's, a pupil of 14
     * his own, a pupil under 14 none, another parent the same 404 as for no child.
     */
    @Test
    void r_cert_5_theCredentialsPdfShowsThePasswordOnceToTheHolderOrTheParent() throws Exception {
        String petr = env.realmAdmin().userId("ivanov.petr");
        assertEquals(404, credentials("ivanova.maria", petr).statusCode(), "no certificate yet");
        assertEquals(200, CertificateFixtures.issue(env, personal.token("ivanova.maria"), petr).statusCode());
        String number = CertificateFixtures.entryOf(CertificateFixtures.entries(env, "ivanova.maria"), petr).get("certificate").get("number").asText();

        HttpResponse<byte[]> first = credentials("ivanova.maria", petr);
        assertEquals(200, first.statusCode());
        assertEquals("application/pdf", first.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(null));
        String text = pdfText(first.body());
        assertTrue(text.contains("Учетные данные для входа в АИС ПФДО") && text.contains("№ " + number), text);
        assertTrue(text.contains("Владелец сертификата: Иванов Пётр"), text);
        java.util.regex.Matcher login = java.util.regex.Pattern.compile("Логин: (\\S+)").matcher(text);
        java.util.regex.Matcher password = java.util.regex.Pattern.compile("Пароль: (\\S{12})").matcher(text);
        assertTrue(login.find() && login.group(1).startsWith("ivanovp"), text);
        assertTrue(password.find(), text);

        String again = pdfText(credentials("ivanova.maria", petr).body());
        assertTrue(again.contains("Логин: " + login.group(1)), again);
        assertFalse(again.contains(password.group(1)) || again.contains("Пароль:"), "the password is shown once: " + again);
        assertTrue(again.contains("повторно не выдается") && again.contains("Восстановить пароль"), again);

        HttpResponse<byte[]> stranger = credentials("kuznetsov.andrey", petr);
        assertEquals(404, stranger.statusCode());
        assertEquals(new String(credentials("kuznetsov.andrey", "00000000-0000-4000-8000-999999999999").body(), java.nio.charset.StandardCharsets.UTF_8),
                new String(stranger.body(), java.nio.charset.StandardCharsets.UTF_8), "another's child looks like no child");

        // A pupil of 14 years 0 days: his own certificate and credentials; of 13 years 364 days: refused, the parent's to get.
        assertEquals(200, CertificateFixtures.issue(env, personal.token(CertificateFixtures.PUPIL_14Y0D), null).statusCode());
        assertTrue(pdfText(credentials(CertificateFixtures.PUPIL_14Y0D, null).body()).contains("Пароль: "));
        HttpResponse<byte[]> young = credentials(CertificateFixtures.PUPIL_13Y364D, null);
        assertEquals(403, young.statusCode());
        assertTrue(new String(young.body(), java.nio.charset.StandardCharsets.UTF_8).contains("parent_only"));
    }

    private HttpResponse<byte[]> credentials(String username, String child) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        env.keycloak().realmUrl(org.schoolesia.testkit.DemoRealm.NAME) + "/school/me/certificate/credentials"))
                .header("Authorization", "Bearer " + personal.token(username)).header("Accept-Language", "ru")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(child == null ? "{}" : "{\"child\":\"" + child + "\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    @Test
    void r_cert_5_theBlankApplicationIsAPublicPdf() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<byte[]> pdf = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                env.keycloak().realmUrl(org.schoolesia.testkit.DemoRealm.NAME) + "/school/certificates/application-template.pdf")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertEquals("%PDF-", new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(pdf.body().length > 10_000, "the font is embedded: " + pdf.body().length + " bytes");
    }

    /** The personal page's section has the same entries and reason codes as the REST answer. */
    private void assertSameOnThePage(String username) {
        JsonNode rest = CertificateFixtures.entries(env, username);
        JsonNode page = PersonalApi.section(personal.me(username), "certificate").get("entries");
        assertEquals(rest.size(), page.size(), username);
        for (int i = 0; i < rest.size(); i++) {
            assertEquals(CertificateFixtures.reasons(rest.get(i)), CertificateFixtures.reasons(page.get(i)), username + " entry " + i);
            assertEquals(rest.get(i).get("eligible"), page.get(i).get("eligible"));
            assertEquals(rest.get(i).get("certificate"), page.get(i).get("certificate"));
        }
    }

    private static boolean luhn(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
