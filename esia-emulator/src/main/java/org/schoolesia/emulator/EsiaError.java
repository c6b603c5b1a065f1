package org.schoolesia.emulator;

import java.util.Map;

/** An ESIA error answer: the numeric code, the OAuth error word, and the parameter it names. */
final class EsiaError extends RuntimeException {
    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry("007002", "Несоответствие сертификата и мнемоники информационной системы"),
            Map.entry("007004", "Пользователь отказался от предоставления доступа"),
            Map.entry("007005", "Система-клиент не авторизована"),
            Map.entry("007006", "Запрошенная область доступа не разрешена системе"),
            Map.entry("007008", "Сервис авторизации в данный момент не может обработать запрос"),
            Map.entry("007011", "Код авторизации или маркер обновления недействителен, просрочен или выдан другой системе"),
            Map.entry("007014", "Запрос не содержит обязательного параметра или он имеет неверный формат"),
            Map.entry("007015", "Неверное время запроса"),
            Map.entry("007019", "Отсутствует разрешение на доступ"),
            Map.entry("007023", "Указанный адрес перенаправления не зарегистрирован для системы"),
            Map.entry("007053", "Неверный client_secret или сертификат системы не активен"),
            Map.entry("007055", "Вход с неподтверждённой учётной записью запрещён"));

    private static final Map<String, String> ERRORS = Map.ofEntries(
            Map.entry("007002", "invalid_client"),
            Map.entry("007004", "access_denied"),
            Map.entry("007005", "unauthorized_client"),
            Map.entry("007006", "invalid_scope"),
            Map.entry("007008", "temporarily_unavailable"),
            Map.entry("007011", "invalid_grant"),
            Map.entry("007019", "invalid_scope"),
            Map.entry("007023", "invalid_request"),
            Map.entry("007053", "invalid_client"),
            Map.entry("007055", "access_denied"));

    final String code;
    final String error;
    final String detail;

    EsiaError(String code, String detail) {
        this(code, ERRORS.getOrDefault(code, "invalid_request"), detail);
    }

    EsiaError(String code, String error, String detail) {
        super("ESIA-" + code);
        this.code = code;
        this.error = error;
        this.detail = detail;
    }

    /** From a fault argument such as "007008" or "ESIA-007008". */
    static EsiaError ofFault(String arg) {
        String c = arg == null || arg.isBlank() ? "007008" : arg.trim();
        if (c.toUpperCase().startsWith("ESIA-")) {
            c = c.substring(5);
        }
        return new EsiaError(c, null);
    }

    static EsiaError missing(String param) {
        return new EsiaError("007014", param);
    }

    String description() {
        return "ESIA-" + code + ": " + MESSAGES.getOrDefault(code, "Ошибка") + (detail == null ? "" : " [" + detail + "]");
    }
}
