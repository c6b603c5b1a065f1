package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The ESIA first-login flow as a flow of named steps (issue 10): its shape in the admin API, the
 * upgrade of realms still using the old single step {@code school-esia-account}, and defects 2, 3
 * and 8 of issue 10 (parallel link attempts; the provider switched off mid-login; the same hash work
 * whether the account has a password or not).
 */
@ExtendWith(KeycloakExtension.class)
class EsiaFirstLoginFlowIT {

    private static final String PASSWORD = EsiaAccountLinkIT.PASSWORD;
    private static final String OLD_FLOW = "esia old first login";

    private final TestEnvironment env;

    EsiaFirstLoginFlowIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void demoRealm() throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
        env.realmAdmin().realm().attackDetection().clearAllBruteForce();
    }

    // --- the shape ---------------------------------------------------------------------------------

    @Test
    void theFlowIsAListOfNamedSteps() {
        List<String> steps = new ArrayList<>();
        for (AuthenticationExecutionInfoRepresentation execution : flows().getExecutions("esia first login")) {
            if (!Boolean.TRUE.equals(execution.getAuthenticationFlow())) {
                steps.add(execution.getProviderId());
                assertFalse(execution.getDisplayName() == null || execution.getDisplayName().isBlank(), execution.getProviderId());
            }
        }
        assertEquals(List.of("school-esia-role", "school-esia-linked-account", "school-esia-unconfirmed", "school-esia-auto-link",
                "school-esia-pending-request", "school-esia-not-identified", "school-esia-route-condition", "school-esia-link-password",
                "school-esia-route-condition", "school-esia-contact", "school-esia-route-condition", "school-esia-request-form"), steps);
    }

    // --- defect 3 ------------------------------------------------------------------------------------

    @Test
    void defect3_esiaSwitchedOffWhileOnTheLinkPageGivesAThemedPageAndLinksNothing() throws Exception {
        EsiaAccountLinkIT.stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF));
        Browser.Page form = EsiaAccountLinkIT.showLink(new EsiaFlow(env).loginAs("1000000006", "parent"));
        setEsiaEnabled(false);
        try {
            Browser.Page after = EsiaAccountLinkIT.link(form, "ddut-ys", "kuznetsov.andrey", PASSWORD);
            assertTrue(after.status() < 500, after.status() + " " + after.text());
            assertFalse(EsiaAccountLinkIT.isCode(after), "got in: " + after.location());
            assertTrue(after.text().contains("Вход через Госуслуги сейчас отключен"), after.text());
            assertFalse(after.text().contains("внутренняя ошибка"), after.text());
        } finally {
            setEsiaEnabled(true);
        }
        String id = userId("kuznetsov.andrey");
        assertTrue(env.realmAdmin().links(id).isEmpty(), "nothing linked");
        assertTrue(linkEvents(id).isEmpty(), "nothing linked");
    }

    // --- defect 2 ------------------------------------------------------------------------------------

    @Test
    void defect2_parallelWrongPasswordsOfOneEsiaPersonCheckAtMostTheLimit() throws Exception {
        EsiaAccountLinkIT.stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF, "maxLinkFailuresPerPerson", "5"));
        List<Browser.Page> forms = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            forms.add(EsiaAccountLinkIT.showLink(new EsiaFlow(env).loginAs("1000000006", "parent")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(forms.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Browser.Page>> posts = new ArrayList<>();
        try {
            for (int i = 0; i < forms.size(); i++) {
                Browser.Page form = forms.get(i);
                String guess = "Wrong-pass-" + i;
                posts.add(pool.submit(() -> {
                    start.await();
                    return EsiaAccountLinkIT.link(form, "ddut-ys", "kuznetsov.andrey", guess);
                }));
            }
            start.countDown();
            for (Future<Browser.Page> post : posts) {
                Browser.Page page = post.get(180, TimeUnit.SECONDS);
                assertEquals(200, page.status(), page.text());
                EsiaAccountLinkIT.assertPage("link", page);
            }
        } finally {
            pool.shutdownNow();
        }
        String id = userId("kuznetsov.andrey");
        long checked = refusals(id).stream().filter(r -> "wrong_password".equals(r)).count();
        assertTrue(checked <= 5, "passwords checked: " + checked + " of 20 (limit 5): " + refusals(id));
        int failures = ((Number) env.realmAdmin().realm().attackDetection().bruteForceUserStatus(id).get("numFailures")).intValue();
        assertTrue(failures <= 5, "failures counted on the account: " + failures);
        assertTrue(linkEvents(id).isEmpty());
    }

    // --- defect 8 ------------------------------------------------------------------------------------

    /** pbkdf2-sha512 rounds that cost one hash a few hundred ms here, far above a link page's own work. */
    private static final int EXPENSIVE_ROUNDS = 500_000;
    private static final int TRIES = 5;

    @Test
    void defect8_anAccountWithoutPasswordCostsTheLinkPageTheSameHashWorkAsAWrongPassword() throws Exception {
        RealmRepresentation realm = env.realmAdmin().realm().toRepresentation();
        realm.setPasswordPolicy("length(8) and hashAlgorithm(pbkdf2-sha512) and hashIterations(" + EXPENSIVE_ROUNDS + ")");
        env.realmAdmin().realm().update(realm);
        EsiaAccountLinkIT.stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF, "maxLinkFailuresPerPerson", "100"));
        // Both parents of the ДДЮТ, one with a password stored under that policy, one without (made from a request or by staff).
        EsiaAccountLinkIT.createAccount(env, "hash.password", "parent", "ddut-ys", "Ирина", "Парольная", "1985-03-04", Map.of());
        EsiaAccountLinkIT.createAccount(env, "hash.nopassword", "parent", "ddut-ys", "Инна", "Беспарольная", "1986-05-06", Map.of(), null);

        Browser.Page form = EsiaAccountLinkIT.showLink(new EsiaFlow(env).loginAs("1000000006", "parent"));
        List<Long> noPassword = new ArrayList<>();
        List<Long> wrongPassword = new ArrayList<>();
        for (int i = -1; i < TRIES; i++) { // the first round warms up both paths and is not counted
            // Alternating which goes first spreads the machine's drift over both.
            boolean noPasswordFirst = i % 2 == 0;
            Refusal a = refusal(form, noPasswordFirst ? "hash.nopassword" : "hash.password", "Wrong-pass-" + i);
            Refusal b = refusal(a.page(), noPasswordFirst ? "hash.password" : "hash.nopassword", "Wrong-pass-" + i);
            form = b.page();
            if (i >= 0) {
                noPassword.add(noPasswordFirst ? a.ms() : b.ms());
                wrongPassword.add(noPasswordFirst ? b.ms() : a.ms());
            }
        }
        long noPasswordMs = median(noPassword);
        long wrongPasswordMs = median(wrongPassword);
        System.out.printf("defect 8: link page answer, median of %d: no password yet %d ms %s, wrong password %d ms %s%n",
                TRIES, noPasswordMs, noPassword, wrongPasswordMs, wrongPassword);
        assertTrue(wrongPasswordMs >= 100, "the policy's hash did not make a wrong password expensive: " + wrongPassword);
        assertTrue(noPasswordMs * 2 >= wrongPasswordMs, "an account without a password answers faster: " + noPassword
                + " ms against " + wrongPassword + " ms for a wrong password");
        assertEquals(List.of("wrong_password"), refusals(userId("hash.nopassword")).stream().distinct().toList());
        assertEquals(List.of("wrong_password"), refusals(userId("hash.password")).stream().distinct().toList());
    }

    private record Refusal(Browser.Page page, long ms) {
    }

    /** One refused link attempt and its answer time; the account's failure count forgotten after, so it never locks. */
    private Refusal refusal(Browser.Page form, String username, String password) {
        long start = System.nanoTime();
        Browser.Page refused = EsiaAccountLinkIT.link(form, "ddut-ys", username, password);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, refused.status(), refused.text());
        EsiaAccountLinkIT.assertPage("link", refused);
        assertTrue(refused.text().contains("Неправильное имя пользователя или пароль"), refused.text());
        env.realmAdmin().realm().attackDetection().clearAllBruteForce();
        return new Refusal(refused, ms);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    // --- the upgrade of realms with the old single step ------------------------------------------------

    @Test
    void anOldSingleStepFlowIsRebuiltAtStartWithItsSettingsAndPeopleLogInThroughIt() throws Exception {
        oldSingleStepFlow(Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF, "snilsAutoLink", "false", "maxRequestsPerPerson", "3"), true);

        env.restartKeycloak();

        List<String> steps = new ArrayList<>();
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (AuthenticationExecutionInfoRepresentation execution : flows().getExecutions(OLD_FLOW)) {
            String provider = execution.getProviderId();
            steps.add(provider);
            String config = execution.getAuthenticationConfig();
            if (config != null && !"school-esia-route-condition".equals(provider)) {
                settings.put(provider, flows().getAuthenticatorConfig(config).getConfig());
            }
        }
        assertFalse(steps.contains("school-esia-account"), steps.toString());
        assertTrue(steps.containsAll(List.of("school-esia-role", "school-esia-linked-account", "school-esia-not-identified",
                "school-esia-link-password", "school-esia-request-form")), steps.toString());
        assertEquals(EsiaAccountLinkIT.OPEN_CUTOFF, settings.get("school-esia-link-password").get("selfLinkUntil"));
        assertEquals("false", settings.get("school-esia-auto-link").get("snilsAutoLink"));
        assertEquals("3", settings.get("school-esia-request-form").get("maxRequestsPerPerson"));
        // The provider forwards the role buttons' parameter again, and reads children for parents only.
        Map<String, String> esia = esia().toRepresentation().getConfig();
        assertEquals("school_role=parent|student|staff", esia.get("esiaForwardedParameters"));
        assertEquals("school_role=parent", esia.get("esiaReadChildrenWhen"));

        // A returning parent goes straight in; another links by password, the cut-off carried over.
        EsiaFlow returning = new EsiaFlow(env);
        EsiaFlow.codeFrom(returning.loginAs("1000000001", "parent"));
        Browser.Page linked = EsiaAccountLinkIT.link(EsiaAccountLinkIT.showLink(new EsiaFlow(env).loginAs("1000000006", "parent")),
                "ddut-ys", "kuznetsov.andrey", PASSWORD);
        EsiaFlow.codeFrom(linked);
    }

    @Test
    void anOldSingleStepAddedAfterStartIsRebuiltWhenFirstUsed() {
        oldSingleStepFlow(Map.of(), false);
        // A person the flow must place (a linked one goes in by Keycloak's own returning path, without the flow).
        EsiaAccountLinkIT.assertPage("unidentified", new EsiaFlow(env).loginAs("1000000006", "parent"));
        List<String> steps = flows().getExecutions(OLD_FLOW).stream().map(AuthenticationExecutionInfoRepresentation::getProviderId).toList();
        assertFalse(steps.contains("school-esia-account"), steps.toString());
        assertTrue(steps.contains("school-esia-linked-account"), steps.toString());
    }

    // --- helpers -------------------------------------------------------------------------------------

    /**
     * What a realm from before the flow of steps holds: one top-level flow with the single step, the ESIA provider's first
     * login; with {@code oldProviderSettings}, also the provider without the settings that now carry the role.
     */
    private void oldSingleStepFlow(Map<String, String> settings, boolean oldProviderSettings) {
        AuthenticationFlowRepresentation old = new AuthenticationFlowRepresentation();
        old.setAlias(OLD_FLOW);
        old.setProviderId("basic-flow");
        old.setTopLevel(true);
        old.setBuiltIn(false);
        old.setDescription("as before issue 10");
        try (Response created = flows().createFlow(old)) {
            assertEquals(201, created.getStatus(), created.readEntity(String.class));
        }
        flows().addExecution(OLD_FLOW, Map.of("provider", "school-esia-account"));
        AuthenticationExecutionInfoRepresentation execution = flows().getExecutions(OLD_FLOW).get(0);
        execution.setRequirement("REQUIRED");
        flows().updateExecutions(OLD_FLOW, execution);
        if (!settings.isEmpty()) {
            AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
            config.setAlias("old school esia account");
            config.setConfig(settings);
            try (Response created = flows().newExecutionConfig(execution.getId(), config)) {
                assertEquals(201, created.getStatus(), created.readEntity(String.class));
            }
        }
        IdentityProviderRepresentation esia = esia().toRepresentation();
        esia.setFirstBrokerLoginFlowAlias(OLD_FLOW);
        if (oldProviderSettings) {
            // Before issue 10 the provider itself knew the role parameter: no such settings existed.
            esia.getConfig().remove("esiaForwardedParameters");
            esia.getConfig().remove("esiaReadChildrenWhen");
        }
        esia().update(esia);
    }

    private void setEsiaEnabled(boolean enabled) {
        IdentityProviderRepresentation esia = esia().toRepresentation();
        esia.setEnabled(enabled);
        esia().update(esia);
    }

    private AuthenticationManagementResource flows() {
        return env.realmAdmin().realm().flows();
    }

    private IdentityProviderResource esia() {
        return env.realmAdmin().realm().identityProviders().get("esia");
    }

    private String userId(String username) {
        String id = env.realmAdmin().userId(username);
        assertNotNull(id, username);
        return id;
    }

    private List<EventRepresentation> events(String type) {
        return env.realmAdmin().events(type, 1000);
    }

    /** Reasons of the refused link attempts on an account. */
    private List<String> refusals(String userId) {
        return events("FEDERATED_IDENTITY_LINK_ERROR").stream().filter(e -> userId.equals(e.getUserId()))
                .map(e -> detail(e, "reason")).toList();
    }

    private List<EventRepresentation> linkEvents(String userId) {
        return events("FEDERATED_IDENTITY_LINK").stream().filter(e -> userId.equals(e.getUserId()))
                .filter(e -> "linked".equals(detail(e, "school_link"))).toList();
    }

    private static String detail(EventRepresentation event, String key) {
        return event.getDetails() == null ? null : event.getDetails().get(key);
    }
}
