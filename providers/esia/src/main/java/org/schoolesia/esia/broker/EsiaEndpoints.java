package org.schoolesia.esia.broker;

/** ESIA's endpoint paths, relative to the base URL of the environment. */
public final class EsiaEndpoints {

    public static final String AUTHORIZE_V2 = "/aas/oauth2/v2/ac";
    public static final String TOKEN_V3 = "/aas/oauth2/v3/te";
    public static final String AUTHORIZE_LEGACY = "/aas/oauth2/ac";
    public static final String TOKEN_LEGACY = "/aas/oauth2/te";
    public static final String PERSON = "/rs/prns/";
    public static final String LOGOUT = "/idp/ext/Logout";

    private EsiaEndpoints() {
    }
}
