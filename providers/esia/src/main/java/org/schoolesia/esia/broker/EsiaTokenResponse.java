package org.schoolesia.esia.broker;

/** What ESIA's token endpoint answered, kept verbatim for "store tokens". */
record EsiaTokenResponse(String accessToken, String idToken, String refreshToken, String state, long expiresIn, String raw) {
}
