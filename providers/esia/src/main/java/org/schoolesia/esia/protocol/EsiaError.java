package org.schoolesia.esia.protocol;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue of ESIA error codes ({@code error_description} starts with {@code ESIA-0070NN:}):
 * a theme message key for the user and a one-sentence hint for the operator's log.
 */
public final class EsiaError {

    public static final EsiaError CERTIFICATE_MISMATCH = new EsiaError("007002",
            "certificate and mnemonic do not match: check that client_id is the system mnemonic registered on "
                    + "ESIA's technical portal and that a certificate is registered for it");
    public static final EsiaError ACCESS_DENIED = new EsiaError("007004",
            "the user declined (or ESIA refused) to grant access; nothing to fix unless it happens to everyone");
    public static final EsiaError CLIENT_NOT_AUTHORIZED = new EsiaError("007005",
            "client not authorized: usually a bad client_secret signature, a certificate not registered for this "
                    + "system or a wrong signature algorithm; check the signer and the registered certificate");
    public static final EsiaError SCOPE_NOT_ALLOWED = new EsiaError("007006",
            "a requested scope is not granted to this system: request only scopes approved on ESIA's technical "
                    + "portal, or apply there for the missing ones");
    public static final EsiaError OVERLOADED = new EsiaError("007008",
            "ESIA is overloaded or under maintenance: back off and retry later; no configuration change needed");
    public static final EsiaError INVALID_GRANT = new EsiaError("007011",
            "the authorization code or refresh token is invalid, expired or issued to another system: check for "
                    + "double submission of the callback, slow token exchange, or a client_id mismatch");
    public static final EsiaError MISSING_PARAMETER = new EsiaError("007014",
            "a mandatory request parameter is missing or unreadable%s: often the timestamp's '+' was not sent "
                    + "as %%2B");
    public static final EsiaError WRONG_TIME = new EsiaError("007015",
            "request timestamp rejected: the server clock is off; enable clock-offset correction or fix NTP");
    public static final EsiaError NO_PERMISSION = new EsiaError("007019",
            "the system has no permission for a requested scope or operation: check the scopes granted on ESIA's "
                    + "technical portal");
    public static final EsiaError REDIRECT_URI_NOT_REGISTERED = new EsiaError("007023",
            "redirect_uri not registered: register on ESIA's technical portal exactly "
                    + "https://<keycloak-host>/realms/<realm>/broker/<idp-alias>/endpoint (scheme, host, port and "
                    + "path must match character for character)");
    public static final EsiaError BAD_CLIENT_SECRET = new EsiaError("007053",
            "client_secret signature or certificate rejected: check that the certificate registered on ESIA's "
                    + "technical portal is the one configured, that its hash matches, and try the 'reverse "
                    + "signature bytes' switch");
    public static final EsiaError UNCONFIRMED_ACCOUNT = new EsiaError("007055",
            "ESIA refused the login because the user's account is not confirmed; the user must confirm it at "
                    + "Gosuslugi, nothing to fix on the server");
    public static final EsiaError UNKNOWN = new EsiaError("UNKNOWN",
            "ESIA returned an error this catalogue does not know%s: read error_description in the log and "
                    + "ESIA's documentation");

    private static final List<EsiaError> CATALOGUE = List.of(CERTIFICATE_MISMATCH, ACCESS_DENIED,
            CLIENT_NOT_AUTHORIZED, SCOPE_NOT_ALLOWED, OVERLOADED, INVALID_GRANT, MISSING_PARAMETER, WRONG_TIME,
            NO_PERMISSION, REDIRECT_URI_NOT_REGISTERED, BAD_CLIENT_SECRET, UNCONFIRMED_ACCOUNT, UNKNOWN);

    private static final Pattern CODE = Pattern.compile("ESIA-(\\d{6})");
    /** ESIA names the missing parameter in brackets, e.g. {@code [timestamp]}. */
    private static final Pattern PARAMETER = Pattern.compile("[\\[(]([A-Za-z_][A-Za-z0-9_]{0,63})[\\])]");

    private final String code;
    private final String hintTemplate;
    private final String detail;

    private EsiaError(String code, String hintTemplate) {
        this(code, hintTemplate, null);
    }

    private EsiaError(String code, String hintTemplate, String detail) {
        this.code = code;
        this.hintTemplate = hintTemplate;
        this.detail = detail;
    }

    /** The known codes and {@link #UNKNOWN}, e.g. to check that the theme translates every key. */
    public static List<EsiaError> catalogue() {
        return CATALOGUE;
    }

    /** Reads {@code ESIA-007004: …}; null, unparsable or unknown codes give {@link #UNKNOWN}. */
    public static EsiaError fromDescription(String errorDescription) {
        if (errorDescription == null) {
            return UNKNOWN;
        }
        Matcher m = CODE.matcher(errorDescription);
        if (!m.find()) {
            return UNKNOWN;
        }
        String found = m.group(1);
        for (EsiaError e : CATALOGUE) {
            if (e.code.equals(found)) {
                if (e == MISSING_PARAMETER) {
                    Matcher p = PARAMETER.matcher(errorDescription);
                    return p.find() ? new EsiaError(e.code, e.hintTemplate, p.group(1)) : e;
                }
                return e;
            }
        }
        return new EsiaError(UNKNOWN.code, UNKNOWN.hintTemplate, "ESIA-" + found);
    }

    /** Six digits such as {@code 007004}, or {@code UNKNOWN}. */
    public String code() {
        return code;
    }

    /** Theme message key: {@code esiaError007004}, or {@code esiaErrorUnknown}. */
    public String messageKey() {
        return this.code.equals(UNKNOWN.code) ? "esiaErrorUnknown" : "esiaError" + code;
    }

    /** One English sentence for the operator's log: what to check. */
    public String adminHint() {
        if (!hintTemplate.contains("%s")) {
            return hintTemplate;
        }
        return String.format(hintTemplate, detail == null ? "" : " (" + detail + ")");
    }

    /** For 007014 the parameter ESIA named, for an unknown code that code; otherwise null. */
    public String detail() {
        return detail;
    }

    /** The user pressed "cancel" (or refused access) at ESIA: show a calm page, not an error. */
    public boolean userCancelled() {
        return this.code.equals(ACCESS_DENIED.code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsiaError && ((EsiaError) o).code.equals(code)
                && Objects.equals(((EsiaError) o).detail, detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, detail);
    }

    @Override
    public String toString() {
        return code.equals(UNKNOWN.code) ? "ESIA error UNKNOWN" : "ESIA-" + code;
    }
}
