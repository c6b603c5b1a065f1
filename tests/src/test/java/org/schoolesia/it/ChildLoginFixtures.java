package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The family of the children's-login tests (issue 12, R-FAM-4): a mother at school № 1 and three
 * pupils linked to her by the school — Миша, ten years old, with no password yet; Оля, fourteen
 * and a month; Коля, whose card has no birth date. Ages are counted from today, far from any
 * birthday, so the tests hold on any date.
 */
final class ChildLoginFixtures {

    static final String SOSH_1 = "sosh-1-ys";
    static final String MOTHER = "petrova.olga";
    static final String MISHA = "petrov.misha";
    static final String OLYA = "petrova.olya";
    static final String KOLYA = "petrov.kolya";

    record Family(String mother, String misha, String olya, String kolya) {
    }

    private ChildLoginFixtures() {
    }

    static Family family(TestEnvironment env, StaffApi staff) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Sakhalin"));
        String mother = EsiaAccountLinkIT.createAccount(env, MOTHER, "parent", SOSH_1, "Ольга", "Петрова", "1985-04-02",
                Map.of("middleName", "Ивановна"));
        String misha = EsiaAccountLinkIT.createAccount(env, MISHA, "student", SOSH_1, "Михаил", "Петров", today.minusYears(10).toString(),
                Map.of("middleName", "Сергеевич"), null);
        String olya = EsiaAccountLinkIT.createAccount(env, OLYA, "student", SOSH_1, "Ольга", "Петрова", today.minusYears(14).minusDays(30).toString(),
                Map.of("middleName", "Сергеевна"), null);
        String kolya = EsiaAccountLinkIT.createAccount(env, KOLYA, "student", SOSH_1, "Николай", "Петров", null,
                Map.of("middleName", "Сергеевич"), null);
        for (String child : List.of(misha, olya, kolya)) {
            HttpResponse<String> linked = staff.post("zavuch.sosh1", "/people/" + child + "/family-links", Map.of("parentId", mother));
            assertEquals(201, linked.statusCode(), linked.body());
        }
        return new Family(mother, misha, olya, kolya);
    }

    /** The realm's password policy (Realm settings → Authentication → Policies). */
    static void passwordPolicy(TestEnvironment env, String policy) {
        RealmRepresentation realm = env.realmAdmin().realm().toRepresentation();
        realm.setPasswordPolicy(policy);
        env.realmAdmin().realm().update(realm);
    }

    /** The children's-login events of an account (UPDATE_CREDENTIAL with school_child_login), newest first. */
    static List<EventRepresentation> loginEvents(TestEnvironment env, String userId) {
        return env.realmAdmin().events("UPDATE_CREDENTIAL", 1000).stream()
                .filter(e -> userId.equals(e.getUserId()) && e.getDetails() != null && e.getDetails().containsKey("school_child_login"))
                .toList();
    }

    static String realmUrl(TestEnvironment env) {
        return env.keycloak().realmUrl(DemoRealm.NAME);
    }
}
