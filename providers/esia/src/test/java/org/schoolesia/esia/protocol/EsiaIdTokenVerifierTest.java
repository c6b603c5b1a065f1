package org.schoolesia.esia.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.schoolesia.esia.protocol.EsiaTokenException.Reason;

class EsiaIdTokenVerifierTest {

    private static final String ISS = "http://esia.gosuslugi.ru/";
    private static final String AUD = "SCHOOL01";
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration LEEWAY = Duration.ofSeconds(60);

    private static KeyPair rsa;
    private static KeyPair gost;
    private static KeyPair gostNext;
    private static X509Certificate rsaCert;
    private static X509Certificate gostCert;
    private static X509Certificate gostNextCert;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestKeys.rsa();
        gost = TestKeys.gost();
        gostNext = TestKeys.gost();
        rsaCert = TestKeys.certificate(rsa, "esia-rsa");
        gostCert = TestKeys.certificate(gost, "esia-gost-2025");
        gostNextCert = TestKeys.certificate(gostNext, "esia-gost-2026");
    }

    private static EsiaIdTokenVerifier verifier(X509Certificate... certificates) {
        return new EsiaIdTokenVerifier(List.of(certificates), ISS, AUD, CLOCK, LEEWAY);
    }

    private static String claims(String iss, String aud, long exp, String extra) {
        return "{\"iss\":\"" + iss + "\",\"aud\":" + aud + ",\"exp\":" + exp + ",\"iat\":" + (NOW.getEpochSecond() - 10)
                + ",\"auth_time\":" + (NOW.getEpochSecond() - 20) + extra + "}";
    }

    private static String validClaims() {
        return claims(ISS, "\"" + AUD + "\"", NOW.getEpochSecond() + 3600,
                ",\"sub\":1000299353,\"amr\":\"PWD\",\"urn:esia:sbj\":{\"urn:esia:sbj:typ\":\"P\","
                        + "\"urn:esia:sbj:oid\":1000299353,\"urn:esia:sbj:is_tru\":true,\"urn:esia:sbj:lvl\":\"PR\"}");
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String rs256(String claims, PrivateKey key) throws Exception {
        String input = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }

    static String gost(String claims, PrivateKey key, boolean reverse) throws Exception {
        String input = b64("{\"alg\":\"GOST3410_2012_256\",\"sbt\":\"id\",\"typ\":\"JWT\",\"ver\":0}") + "." + b64(claims);
        Signature s = Signature.getInstance(GostCrypto.SIGNATURE_ALGORITHM, GostCrypto.provider());
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        byte[] signature = s.sign();
        assertEquals(64, signature.length);
        if (reverse) {
            signature = ClientSecret.reversed(signature);
        }
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static Reason refused(EsiaIdTokenVerifier verifier, String jwt) {
        return assertThrows(EsiaTokenException.class, () -> verifier.verify(jwt)).getReason();
    }

    @Test
    void acceptsRs256() throws Exception {
        EsiaIdToken token = verifier(rsaCert).verify(rs256(validClaims(), rsa.getPrivate()));
        assertEquals("1000299353", token.oid());
        assertTrue(token.trusted());
        assertEquals("PR", token.level());
        assertEquals(List.of("PWD"), token.amr());
        assertEquals(NOW.plusSeconds(3600), token.expiresAt());
        assertEquals(NOW.minusSeconds(20), token.authTime());
    }

    @Test
    void acceptsGostInEitherByteOrder() throws Exception {
        EsiaIdTokenVerifier verifier = verifier(rsaCert, gostCert);
        assertEquals("1000299353", verifier.verify(gost(validClaims(), gost.getPrivate(), false)).oid());
        assertEquals("1000299353", verifier.verify(gost(validClaims(), gost.getPrivate(), true)).oid());
    }

    @Test
    void rotationAnyConfiguredCertificateMayVerify() throws Exception {
        EsiaIdTokenVerifier verifier = verifier(gostCert, gostNextCert);
        assertEquals("1000299353", verifier.verify(gost(validClaims(), gostNext.getPrivate(), false)).oid());
        assertEquals(Reason.BAD_SIGNATURE, refused(verifier(gostCert), gost(validClaims(), gostNext.getPrivate(), false)));
    }

    @Test
    void refusesABadSignature() throws Exception {
        String jwt = gost(validClaims(), gost.getPrivate(), false);
        String tampered = jwt.substring(0, jwt.indexOf('.') + 1) + b64(validClaims().replace("1000299353", "1000299354"))
                + jwt.substring(jwt.lastIndexOf('.'));
        assertEquals(Reason.BAD_SIGNATURE, refused(verifier(gostCert), tampered));
        String rsaJwt = rs256(validClaims(), TestKeys.rsa().getPrivate());
        assertEquals(Reason.BAD_SIGNATURE, refused(verifier(rsaCert), rsaJwt));
        // an RS256 token cannot be checked against a GOST-only configuration
        assertEquals(Reason.BAD_SIGNATURE, refused(verifier(gostCert), rs256(validClaims(), rsa.getPrivate())));
        String shortSig = jwt.substring(0, jwt.lastIndexOf('.') + 1) + "AAAA";
        assertEquals(Reason.BAD_SIGNATURE, refused(verifier(gostCert), shortSig));
    }

    @Test
    void refusesWrongIssuerComparedExactly() throws Exception {
        String noSlash = claims("http://esia.gosuslugi.ru", "\"" + AUD + "\"", NOW.getEpochSecond() + 3600, ",\"sub\":1");
        assertEquals(Reason.WRONG_ISSUER, refused(verifier(rsaCert), rs256(noSlash, rsa.getPrivate())));
        String https = claims("https://esia.gosuslugi.ru/", "\"" + AUD + "\"", NOW.getEpochSecond() + 3600, ",\"sub\":1");
        assertEquals(Reason.WRONG_ISSUER, refused(verifier(rsaCert), rs256(https, rsa.getPrivate())));
    }

    @Test
    void audienceMayBeAnArray() throws Exception {
        String wrong = claims(ISS, "\"OTHER\"", NOW.getEpochSecond() + 3600, ",\"sub\":1");
        assertEquals(Reason.WRONG_AUDIENCE, refused(verifier(rsaCert), rs256(wrong, rsa.getPrivate())));
        String array = claims(ISS, "[\"OTHER\",\"" + AUD + "\"]", NOW.getEpochSecond() + 3600, ",\"sub\":\"42\"");
        assertEquals("42", verifier(rsaCert).verify(rs256(array, rsa.getPrivate())).oid());
        String wrongArray = claims(ISS, "[\"OTHER\"]", NOW.getEpochSecond() + 3600, ",\"sub\":1");
        assertEquals(Reason.WRONG_AUDIENCE, refused(verifier(rsaCert), rs256(wrongArray, rsa.getPrivate())));
    }

    @Test
    void expiryHonoursTheLeeway() throws Exception {
        String beyond = claims(ISS, "\"" + AUD + "\"", NOW.getEpochSecond() - 61, ",\"sub\":1");
        assertEquals(Reason.EXPIRED, refused(verifier(rsaCert), rs256(beyond, rsa.getPrivate())));
        String within = claims(ISS, "\"" + AUD + "\"", NOW.getEpochSecond() - 59, ",\"sub\":1");
        assertEquals("1", verifier(rsaCert).verify(rs256(within, rsa.getPrivate())).oid());
    }

    @Test
    void notBeforeInTheFutureIsRefused() throws Exception {
        String future = claims(ISS, "\"" + AUD + "\"", NOW.getEpochSecond() + 3600,
                ",\"sub\":1,\"nbf\":" + (NOW.getEpochSecond() + 120));
        assertEquals(Reason.NOT_YET_VALID, refused(verifier(rsaCert), rs256(future, rsa.getPrivate())));
        String slightly = claims(ISS, "\"" + AUD + "\"", NOW.getEpochSecond() + 3600,
                ",\"sub\":1,\"nbf\":" + (NOW.getEpochSecond() + 30));
        assertEquals("1", verifier(rsaCert).verify(rs256(slightly, rsa.getPrivate())).oid());
    }

    @Test
    void subjectIsRequiredNonceIsNot() throws Exception {
        String noSub = claims(ISS, "\"" + AUD + "\"", NOW.getEpochSecond() + 3600, "");
        assertEquals(Reason.NO_SUBJECT, refused(verifier(rsaCert), rs256(noSub, rsa.getPrivate())));
        String minimal = claims(ISS, "\"" + AUD + "\"", NOW.getEpochSecond() + 3600, ",\"sub\":7");
        EsiaIdToken token = verifier(rsaCert).verify(rs256(minimal, rsa.getPrivate()));
        assertFalse(token.trusted());
        assertNull(token.level());
        assertTrue(token.amr().isEmpty());
    }

    @Test
    void algNoneAndHmacAreRefused() throws Exception {
        String none = b64("{\"alg\":\"none\"}") + "." + b64(validClaims()) + ".";
        assertEquals(Reason.UNSUPPORTED_ALGORITHM, refused(verifier(rsaCert), none));
        String hs256 = b64("{\"alg\":\"HS256\"}") + "." + b64(validClaims()) + "." + b64("mac");
        assertEquals(Reason.UNSUPPORTED_ALGORITHM, refused(verifier(rsaCert), hs256));
    }

    @Test
    void malformedTokensAreRefused() {
        assertEquals(Reason.MALFORMED, refused(verifier(rsaCert), "abc"));
        assertEquals(Reason.MALFORMED, refused(verifier(rsaCert), "a.b.c.d"));
        assertEquals(Reason.MALFORMED, refused(verifier(rsaCert), b64("not json") + "." + b64("{}") + ".AA"));
        assertEquals(Reason.MALFORMED, refused(verifier(rsaCert), "!!!." + b64("{}") + ".AA"));
        assertEquals(Reason.MALFORMED, refused(verifier(rsaCert), null));
    }

    @Test
    void needsAtLeastOneCertificate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EsiaIdTokenVerifier(List.of(), ISS, AUD, CLOCK, LEEWAY));
        assertTrue(e.getMessage().contains("certificate"));
    }
}
