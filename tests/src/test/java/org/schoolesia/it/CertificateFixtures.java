package org.schoolesia.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 13's persons and settings, made through the admin API as a region would: two pupils of
 * school № 1 one day apart around their 14th birthday (in the organisations' zone, Asia/Sakhalin,
 * R-AGE-1), a parent with no child linked, the module switched off for the realm or an organisation;
 * and the relying system's view: {@code GET /school/certificates/eligibility} with tokens of a
 * confidential client that carries the audience {@code school-certificates-api}, as the demo diary does.
 */
final class CertificateFixtures {

    static final String AUDIENCE = "school-certificates-api";
    static final String CLIENT_ID = "certificates-it";
    static final String CLIENT_SECRET = "certificates-it-secret";
    static final ZoneId SAKHALIN = ZoneId.of("Asia/Sakhalin");
    /** 13 years 364 days old today on Sakhalin. */
    static final String PUPIL_13Y364D = "pupil.almost14";
    /** 14 years 0 days: the 14th birthday is today. */
    static final String PUPIL_14Y0D = "pupil.birthday14";
    static final String LONELY_PARENT = "parent.nochild";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private CertificateFixtures() {
    }

    /** After {@code env.resetRealm()}: the relying client, the pupils and the lonely parent. */
    static void prepare(TestEnvironment env) {
        env.realmAdmin().createClient(StaffApi.directGrantClient(CLIENT_ID, CLIENT_SECRET,
                StaffApi.audienceMapper("certificates api audience", AUDIENCE)));
        LocalDate today = LocalDate.now(SAKHALIN);
        person(env, PUPIL_13Y364D, "Орлов", "Максим", today.minusYears(14).plusDays(1), "student");
        person(env, PUPIL_14Y0D, "Белова", "Дарья", today.minusYears(14), "student");
        person(env, LONELY_PARENT, "Зайцева", "Ольга", LocalDate.of(1985, 4, 4), "parent");
    }

    static String person(TestEnvironment env, String username, String last, String first, LocalDate born, String role) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setLastName(last);
        user.setFirstName(first);
        Map<String, List<String>> attributes = new HashMap<>(Map.of("schoolRole", List.of(role), "homeOrganization", List.of("sosh-1-ys"),
                "enrolmentSource", List.of("contingent")));
        if (born != null) {
            attributes.put("birthdate", List.of(born.toString()));
        }
        user.setAttributes(attributes);
        user.setCredentials(List.of(password()));
        String id = env.realmAdmin().createUser(user);
        env.realmAdmin().addMember("sosh-1-ys", id);
        env.realmAdmin().addMember("ddut-ys", id);
        return id;
    }

    /** The test password, not temporary. */
    static CredentialRepresentation password() {
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(StaffApi.PASSWORD);
        password.setTemporary(false);
        return password;
    }

    static void realmAttribute(TestEnvironment env, String name, String value) {
        RealmRepresentation realm = env.realmAdmin().realm().toRepresentation();
        Map<String, String> attributes = new HashMap<>(realm.getAttributes() == null ? Map.of() : realm.getAttributes());
        attributes.put(name, value);
        realm.setAttributes(attributes);
        env.realmAdmin().realm().update(realm);
    }

    static void organisationAttribute(TestEnvironment env, String alias, String name, String value) {
        OrganizationRepresentation org = env.realmAdmin().organisation(alias).toRepresentation();
        Map<String, List<String>> attributes = new HashMap<>(org.getAttributes() == null ? Map.of() : org.getAttributes());
        attributes.put(name, List.of(value));
        org.setAttributes(attributes);
        try (var r = env.realmAdmin().organisation(alias).update(org)) {
            if (r.getStatus() >= 300) {
                throw new AssertionError("organisation " + alias + ": " + r.getStatus());
            }
        }
    }

    /** A password grant of the relying client with scope openid: access, ID and refresh tokens. */
    static JsonNode tokens(TestEnvironment env, String clientId, String secret, String username) {
        String form = "grant_type=password&scope=openid&client_id=" + clientId + "&client_secret=" + secret
                + "&username=" + enc(username) + "&password=" + enc(StaffApi.PASSWORD);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(env.keycloak().realmUrl(DemoRealm.NAME)
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token for " + username + ": " + r.statusCode() + " " + r.body());
        }
        return StaffApi.json(r);
    }

    static String token(TestEnvironment env, String username) {
        return tokens(env, CLIENT_ID, CLIENT_SECRET, username).get("access_token").asText();
    }

    /** {@code GET /school/certificates/eligibility[?child=]} with that bearer token (null: none). */
    static HttpResponse<String> eligibility(TestEnvironment env, String token, String child, String language) {
        String url = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/certificates/eligibility" + (child == null ? "" : "?child=" + enc(child));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("Accept-Language", language).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /** The answer's entries, 200 asserted. */
    static JsonNode entries(TestEnvironment env, String username) {
        HttpResponse<String> r = eligibility(env, token(env, username), null, "ru");
        if (r.statusCode() != 200) {
            throw new AssertionError("eligibility of " + username + ": " + r.statusCode() + " " + r.body());
        }
        return StaffApi.json(r).get("entries");
    }

    /** «Получить сертификат»: {@code POST /school/me/certificate} with a personal-page token; {@code child} null: oneself. */
    static HttpResponse<String> issue(TestEnvironment env, String personalToken, String child) {
        String body = child == null ? "{}" : "{\"child\":\"" + child + "\"}";
        return send(HttpRequest.newBuilder(URI.create(env.keycloak().realmUrl(DemoRealm.NAME) + "/school/me/certificate"))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json").header("Accept-Language", "ru")
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + personalToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The reason codes of an entry, in order. */
    static List<String> reasons(JsonNode entry) {
        List<String> codes = new ArrayList<>();
        entry.get("reasons").forEach(r -> codes.add(r.get("code").asText()));
        return codes;
    }

    /** The entry about the child with this id. */
    static JsonNode entryOf(JsonNode entries, String childId) {
        for (JsonNode e : entries) {
            if (e.hasNonNull("child") && childId.equals(e.get("child").get("id").asText())) {
                return e;
            }
        }
        throw new AssertionError("no entry for " + childId + " in " + entries);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
