package org.schoolesia.esia.protocol;

/**
 * The strings the client signs for {@code client_secret}: plain concatenation, no separators,
 * signed as UTF-8. The order differs between the current and the legacy protocol.
 */
public final class SignedString {

    private SignedString() {
    }

    /** v2/ac: {@code client_id + scope + scope_org + timestamp + state + redirect_uri}. */
    public static String authorization(String clientId, String scope, String scopeOrg, String timestamp,
                                       String state, String redirectUri) {
        return required("client_id", clientId) + required("scope", scope) + (scopeOrg == null ? "" : scopeOrg)
                + required("timestamp", timestamp) + required("state", state)
                + required("redirect_uri", redirectUri);
    }

    /** v3/te: the authorization string plus the authorization code. */
    public static String token(String clientId, String scope, String scopeOrg, String timestamp, String state,
                               String redirectUri, String code) {
        return authorization(clientId, scope, scopeOrg, timestamp, state, redirectUri) + required("code", code);
    }

    /**
     * Refresh grant, in the "authorization string plus refresh token" variant. Libraries disagree
     * here, so the caller keeps this switchable.
     */
    public static String refresh(String clientId, String scope, String scopeOrg, String timestamp, String state,
                                 String redirectUri, String refreshToken) {
        return authorization(clientId, scope, scopeOrg, timestamp, state, redirectUri)
                + required("refresh_token", refreshToken);
    }

    /** Legacy CMS protocol: {@code scope + timestamp + client_id + state} (note the order). */
    public static String legacy(String scope, String timestamp, String clientId, String state) {
        return required("scope", scope) + required("timestamp", timestamp) + required("client_id", clientId)
                + required("state", state);
    }

    private static String required(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required in the string ESIA expects signed");
        }
        return value;
    }
}
