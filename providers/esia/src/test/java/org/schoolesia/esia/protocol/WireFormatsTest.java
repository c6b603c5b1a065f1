package org.schoolesia.esia.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;
import org.junit.jupiter.api.Test;

/** Timestamp, query encoding, signed strings, client_secret and certificate hash. */
class WireFormatsTest {

    private static final Instant EXAMPLE = Instant.parse("2025-09-02T10:00:29Z");

    @Test
    void timestampInEsiaFormat() {
        assertEquals("2025.09.02 13:00:29 +0300", EsiaTimestamp.format(EXAMPLE, ZoneId.of("Europe/Moscow")));
        assertEquals("2025.09.02 10:00:29 +0000", EsiaTimestamp.format(EXAMPLE, ZoneOffset.UTC));
        assertEquals(EXAMPLE, EsiaTimestamp.parse("2025.09.02 13:00:29 +0300"));
        assertThrows(IllegalArgumentException.class, () -> EsiaTimestamp.parse("2025-09-02T13:00:29+03:00"));
        assertThrows(IllegalArgumentException.class, () -> EsiaTimestamp.parse(null));
    }

    @Test
    void plusArrivesAsPercent2BAndSpaceAsPercent20() {
        assertEquals("2025.09.02%2013%3A00%3A29%20%2B0300", EsiaQuery.encode("2025.09.02 13:00:29 +0300"));
        assertEquals("openid%20fullname", EsiaQuery.encode("openid fullname"));
        assertEquals("%D0%B0", EsiaQuery.encode("а"));
    }

    @Test
    void queryKeepsOrderAndSkipsNulls() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", "SCHOOL");
        params.put("scope_org", null);
        params.put("timestamp", "2025.09.02 13:00:29 +0300");
        params.put("redirect_uri", "https://kc/x?y=1");
        assertEquals("client_id=SCHOOL&timestamp=2025.09.02%2013%3A00%3A29%20%2B0300"
                + "&redirect_uri=https%3A%2F%2Fkc%2Fx%3Fy%3D1", EsiaQuery.build(params));
    }

    @Test
    void signedStringsConcatenateInProtocolOrder() {
        assertEquals("CIDscopeORGtsSTATEuri", SignedString.authorization("CID", "scope", "ORG", "ts", "STATE", "uri"));
        assertEquals("CIDscopetsSTATEuri", SignedString.authorization("CID", "scope", null, "ts", "STATE", "uri"));
        assertEquals("CIDscopetsSTATEuriCODE", SignedString.token("CID", "scope", null, "ts", "STATE", "uri", "CODE"));
        assertEquals("CIDscopetsSTATEuriRT", SignedString.refresh("CID", "scope", null, "ts", "STATE", "uri", "RT"));
        assertEquals("scopetsCIDSTATE", SignedString.legacy("scope", "ts", "CID", "STATE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignedString.authorization("CID", "scope", null, null, "STATE", "uri"));
        assertTrue(e.getMessage().contains("timestamp"));
    }

    @Test
    void rawClientSecretIs86Base64UrlCharacters() {
        byte[] signature = new byte[64];
        for (int i = 0; i < 64; i++) {
            signature[i] = (byte) (i * 7 + 250);
        }
        String secret = ClientSecret.encodeRaw(signature, false);
        assertEquals(86, secret.length());
        assertTrue(secret.matches("[A-Za-z0-9_-]{86}"), secret);
        assertTrue(Arrays.equals(signature, Base64.getUrlDecoder().decode(secret)));

        byte[] reversed = Base64.getUrlDecoder().decode(ClientSecret.encodeRaw(signature, true));
        assertEquals(signature[0], reversed[63]);
        assertEquals(signature[63], reversed[0]);
    }

    @Test
    void rawClientSecretRefusesOtherLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientSecret.encodeRaw(new byte[128], false));
        assertTrue(e.getMessage().contains("128 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClientSecret.encodeRaw(new byte[63], false));
        assertThrows(IllegalArgumentException.class, () -> ClientSecret.encodeRaw(null, false));
    }

    @Test
    void cmsClientSecretIsUnpaddedBase64Url() {
        byte[] der = {0x30, (byte) 0x82, 0x01, (byte) 0xff, (byte) 0xfe};
        String secret = ClientSecret.encodeCms(der);
        assertEquals("MIIB__4", secret);
    }

    @Test
    void certificateHashIsStreebog256OfTheDerInUpperCaseHex() throws Exception {
        KeyPair keys = TestKeys.gost();
        X509Certificate certificate = TestKeys.certificate(keys, "school");
        GOST3411_2012_256Digest digest = new GOST3411_2012_256Digest();
        byte[] der = certificate.getEncoded();
        digest.update(der, 0, der.length);
        byte[] expected = new byte[32];
        digest.doFinal(expected, 0);

        String hash = CertificateHash.of(certificate);
        assertEquals(HexFormat.of().withUpperCase().formatHex(expected), hash);
        assertTrue(hash.matches("[0-9A-F]{64}"), hash);
    }

    @Test
    void streebogMatchesTheStandardTestVector() {
        // GOST R 34.11-2012, example 1 (M1, 63 bytes '012345...012'), 256-bit hash.
        byte[] m1 = "012345678901234567890123456789012345678901234567890123456789012"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals("9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500",
                HexFormat.of().formatHex(GostCrypto.streebog256(m1)));
    }
}
