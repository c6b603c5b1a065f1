package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The emulator's HTML: the person picker ("Госуслуги (эмулятор)") and error pages. */
final class Pages {
    private Pages() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String fullName(ObjectNode p) {
        StringBuilder sb = new StringBuilder(p.path("lastName").asText()).append(' ').append(p.path("firstName").asText());
        String middle = p.path("middleName").asText("");
        if (!middle.isEmpty()) {
            sb.append(' ').append(middle);
        }
        return sb.toString();
    }

    private static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + "</title>\n<style>\n"
                + "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;background:#f1f5f9;color:#0b1f33}\n"
                + "header{background:#0d4cd3;color:#fff;padding:12px 16px;font-size:18px;font-weight:600}\n"
                + "main{max-width:480px;margin:0 auto;padding:16px}\n"
                + ".card{background:#fff;border-radius:12px;padding:16px;box-shadow:0 1px 4px rgba(0,0,0,.08)}\n"
                + "button{display:block;width:100%;box-sizing:border-box;margin:8px 0 2px;padding:14px;font-size:16px;"
                + "border-radius:8px;border:1px solid #0d4cd3;background:#0d4cd3;color:#fff;text-align:left;cursor:pointer;overflow-wrap:anywhere}\n"
                + "button#deny{background:#fff;color:#0d4cd3;text-align:center;margin-top:16px}\n"
                + "small{color:#66727f;display:block;margin:0 0 6px 4px}\n.code{font-family:monospace;color:#b00020}\n"
                + "</style>\n</head>\n<body>\n<header>Госуслуги (эмулятор)</header>\n<main>\n";
    }

    private static final String TAIL = "</main>\n</body>\n</html>\n";

    static String picker(String action, String requestId, String clientId, List<String> scopes, List<ObjectNode> persons) {
        StringBuilder sb = new StringBuilder(head("Госуслуги (эмулятор): вход"));
        sb.append("<div class=\"card\">\n<h1 style=\"font-size:20px;margin-top:0\">Вход через Госуслуги</h1>\n")
                .append("<p>Система <b>").append(esc(clientId)).append("</b> запрашивает доступ к данным: <span id=\"scopes\">")
                .append(esc(String.join(", ", scopes))).append("</span></p>\n")
                .append("<p>Выберите тестового пользователя:</p>\n")
                .append("<form method=\"post\" action=\"").append(esc(action)).append("\">\n")
                .append("<input type=\"hidden\" name=\"request\" value=\"").append(esc(requestId)).append("\">\n");
        for (ObjectNode p : persons) {
            String oid = p.path("oid").asText();
            sb.append("<button type=\"submit\" name=\"oid\" value=\"").append(esc(oid)).append("\" id=\"person-").append(esc(oid))
                    .append("\">").append(esc(fullName(p))).append("</button>\n")
                    .append("<small>").append(esc(p.path("birthDate").asText())).append(" · уровень ")
                    .append(esc(p.path("level").asText())).append(p.path("trusted").asBoolean() ? " · подтверждённая" : " · не подтверждённая")
                    .append("</small>\n");
        }
        sb.append("<button type=\"submit\" name=\"deny\" value=\"1\" id=\"deny\">Отказаться</button>\n</form>\n</div>\n");
        return sb.append(TAIL).toString();
    }

    static String error(String title, String code, String description) {
        return head("Госуслуги (эмулятор): ошибка") + "<div class=\"card\">\n<h1 style=\"font-size:20px;margin-top:0\">"
                + esc(title) + "</h1>\n<p class=\"code\" id=\"error-code\">" + esc(code == null ? "" : "ESIA-" + code)
                + "</p>\n<p id=\"error-description\">" + esc(description) + "</p>\n</div>\n" + TAIL;
    }
}
