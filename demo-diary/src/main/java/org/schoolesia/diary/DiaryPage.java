package org.schoolesia.diary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The diary's pages, in Russian: what a relying school system learns from the school claims (README, «Claims for relying systems»). */
final class DiaryPage {

    /** A signed-in person: the validated ID token's claims, and the token itself for logout. */
    record SignedIn(JsonNode claims, String idToken) {
    }

    private static final Map<String, String> ROLES = Map.of("parent", "родитель (законный представитель)", "student", "обучающийся",
            "staff", "сотрудник");
    private static final Map<String, String> TRUST = Map.of("confirmed", "подтвержденная", "unconfirmed", "не подтверждена",
            "child_account", "детская учетная запись");

    private DiaryPage() {
    }

    static String welcome() {
        return page("Электронный дневник (демо)", "<p>Демонстрационная школьная система: вход через школьный портал (Keycloak) по OpenID Connect.</p>"
                + "<p><a id=\"diary-login\" href=\"/login\">Войти через школьный портал</a></p>");
    }

    static String problem(String message) {
        return page("Электронный дневник (демо)", "<p id=\"diary-problem\">" + esc(message) + "</p><p><a href=\"/\">На главную</a></p>");
    }

    static String signedIn(SignedIn who) {
        JsonNode c = who.claims();
        StringBuilder html = new StringBuilder();
        html.append("<h2 id=\"diary-person\">Вход выполнен: ").append(esc(fullName(c))).append("</h2><dl>");
        row(html, "diary-role", "Роль", c.hasNonNull("school_role") ? ROLES.getOrDefault(c.get("school_role").asText(), c.get("school_role").asText())
                : "не указана");
        JsonNode organisations = c.path("school_organizations");
        row(html, "diary-home", "Организация", organisations.path("home").isMissingNode() ? "не указана"
                : organisations.path("home").path("name").asText(organisations.path("home").path("alias").asText()));
        List<String> memberOf = new ArrayList<>();
        organisations.path("member_of").forEach(o -> memberOf.add(o.path("name").asText(o.path("alias").asText())));
        row(html, "diary-member-of", "Состоит в организациях", memberOf.isEmpty() ? "нет" : String.join("; ", memberOf));
        row(html, "diary-over-14", "Исполнилось 14 лет", !c.has("over_14") ? "неизвестно (нет даты рождения)"
                : c.get("over_14").asBoolean() ? "да" : "нет");
        row(html, "diary-trust", "Учетная запись Госуслуг", c.has("esia_trust_level")
                ? TRUST.getOrDefault(c.get("esia_trust_level").asText(), c.get("esia_trust_level").asText()) : "вход через Госуслуги не выполнялся");
        html.append("</dl>");
        if (c.has("school_children")) {
            html.append("<h3>Дети</h3>");
            if (c.get("school_children").isEmpty()) {
                html.append("<p id=\"diary-no-children\">Нет привязанных детей. Привязку выполняет организация, где учится ребенок.</p>");
            } else {
                html.append("<ul id=\"diary-children\">");
                c.get("school_children").forEach(child -> html.append("<li data-id=\"").append(esc(child.path("id").asText())).append("\">")
                        .append(esc(fullName(child))).append("</li>"));
                html.append("</ul>");
            }
        }
        html.append("<p><a id=\"diary-logout\" href=\"/logout\">Выйти</a></p>");
        return page("Электронный дневник (демо)", html.toString());
    }

    private static String fullName(JsonNode c) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("family_name", "given_name", "middle_name")) {
            if (c.hasNonNull(field) && !c.get(field).asText().isBlank()) {
                parts.add(c.get(field).asText());
            }
        }
        return parts.isEmpty() ? c.path("preferred_username").asText("—") : String.join(" ", parts);
    }

    private static void row(StringBuilder html, String id, String label, String value) {
        html.append("<dt>").append(esc(label)).append("</dt><dd id=\"").append(id).append("\">").append(esc(value)).append("</dd>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + "</title><style>body{font-family:sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}"
                + "dt{font-weight:bold;margin-top:.5rem}dd{margin-left:0}</style></head><body><h1>" + esc(title) + "</h1>" + body + "</body></html>";
    }

    static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
