package org.schoolesia.diary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The diary's pages, in Russian: what a relying school system learns from the school claims (README, «Claims for relying systems»). */
final class DiaryPage {

    /**
     * A signed-in person: the validated ID token's claims, the token itself for logout, and the answer of
     * {@code GET /school/certificates/eligibility} at login ({@code null}: the API did not answer).
     */
    record SignedIn(JsonNode claims, String idToken, JsonNode eligibility) {
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
        certificates(html, who.eligibility());
        html.append("<p><a id=\"diary-logout\" href=\"/logout\">Выйти</a></p>");
        return page("Электронный дневник (демо)", html.toString());
    }

    /** Issue 13: may a certificate be applied for, for whom, and if not, every reason with what to do (texts from the API, in Russian). */
    private static void certificates(StringBuilder html, JsonNode eligibility) {
        html.append("<h3>Сертификат дополнительного образования</h3>");
        if (eligibility == null || !eligibility.path("entries").isArray()) {
            html.append("<p id=\"diary-certificates-unavailable\">Проверка права на сертификат сейчас недоступна.</p>");
            return;
        }
        html.append("<ul id=\"diary-certificates\">");
        for (JsonNode entry : eligibility.get("entries")) {
            JsonNode child = entry.path("child");
            String who = entry.path("self").asBoolean() ? "Вы" : child.isObject() ? name(child, "lastName", "firstName", "middleName") : "Ребенок не привязан";
            boolean eligible = entry.path("eligible").asBoolean();
            html.append("<li data-id=\"").append(esc(child.path("id").asText(""))).append("\" data-eligible=\"").append(eligible).append("\">")
                    .append("<span class=\"diary-certificate-who\">").append(esc(who)).append("</span>: ")
                    .append("<span class=\"diary-certificate-verdict\">")
                    .append(eligible ? "можно подать заявление на сертификат" : "заявление на сертификат подать нельзя").append("</span>");
            JsonNode certificate = entry.path("certificate");
            if (certificate.isObject()) {
                html.append("<p class=\"diary-certificate\">Сертификат № ").append(esc(certificate.path("number").asText())).append(", статус «")
                        .append(esc(certificate.path("statusLabel").asText())).append("», действует с ").append(esc(certificate.path("validFrom").asText()))
                        .append(" по ").append(esc(certificate.path("validTo").asText())).append("</p>");
            }
            if (entry.path("reasons").size() > 0) {
                html.append("<ul class=\"diary-certificate-reasons\">");
                entry.path("reasons").forEach(r -> html.append("<li data-code=\"").append(esc(r.path("code").asText())).append("\">")
                        .append(esc(r.path("message").asText())).append(" ").append(esc(r.path("help").asText())).append("</li>"));
                html.append("</ul>");
            }
            html.append("</li>");
        }
        html.append("</ul>");
    }

    private static String fullName(JsonNode c) {
        return name(c, "family_name", "given_name", "middle_name");
    }

    /** The name's present parts in order; the username (claims) or a dash when there are none. */
    private static String name(JsonNode c, String... fields) {
        List<String> parts = new ArrayList<>();
        for (String field : fields) {
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
