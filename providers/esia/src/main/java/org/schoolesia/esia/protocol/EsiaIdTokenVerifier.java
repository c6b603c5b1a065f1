package org.schoolesia.esia.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.schoolesia.esia.protocol.EsiaTokenException.Reason;

/**
 * Verifies ESIA's id_token: signature by one of ESIA's certificates (several are configured while
 * ESIA rotates them), exact issuer, audience, time window. {@code nonce} is not required: ESIA
 * stopped sending it in 2022, the {@code state} check protects the flow instead.
 */
public final class EsiaIdTokenVerifier {

    static final String RS256 = "RS256";
    static final String GOST = "GOST3410_2012_256";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PublicKey> rsaKeys = new ArrayList<>();
    private final List<PublicKey> gostKeys = new ArrayList<>();
    private final String expectedIssuer;
    private final String expectedAudience;
    private final Clock clock;
    private final Duration leeway;

    /**
     * @throws IllegalArgumentException when no usable certificate is given or a GOST certificate's
     *                                  key cannot be read
     */
    public EsiaIdTokenVerifier(List<X509Certificate> esiaCertificates, String expectedIssuer,
                               String expectedAudience, Clock clock, Duration leeway) {
        if (esiaCertificates == null || esiaCertificates.isEmpty()) {
            throw new IllegalArgumentException("no ESIA verification certificate configured: download ESIA's "
                    + "certificate for your environment (test or production) and add it to the identity provider");
        }
        if (expectedIssuer == null || expectedAudience == null || clock == null || leeway == null) {
            throw new IllegalArgumentException("issuer, audience (client_id), clock and leeway are required");
        }
        for (X509Certificate cert : esiaCertificates) {
            PublicKey key = cert.getPublicKey();
            if ("RSA".equals(key.getAlgorithm())) {
                rsaKeys.add(key);
            } else if (GostCrypto.isGost2012_256(key)) {
                try {
                    gostKeys.add(GostCrypto.gostPublicKey(cert));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("the GOST key of ESIA certificate "
                            + cert.getSubjectX500Principal().getName() + " cannot be read", e);
                }
            } else {
                throw new IllegalArgumentException("ESIA certificate " + cert.getSubjectX500Principal().getName()
                        + " has a " + key.getAlgorithm() + " key; ESIA signs with RSA or GOST R 34.10-2012 256");
            }
        }
        this.expectedIssuer = expectedIssuer;
        this.expectedAudience = expectedAudience;
        this.clock = clock;
        this.leeway = leeway;
    }

    public EsiaIdToken verify(String jwt) throws EsiaTokenException {
        if (jwt == null) {
            throw new EsiaTokenException(Reason.MALFORMED, "no id_token in ESIA's token response");
        }
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new EsiaTokenException(Reason.MALFORMED, "id_token is not a signed JWT (expected 3 parts, found "
                    + parts.length + ")");
        }
        JsonNode header = json(parts[0], "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new EsiaTokenException(Reason.MALFORMED, "id_token header has no alg");
        }
        byte[] signature = base64url(parts[2], "signature");
        byte[] signedBytes = (parts[0] + '.' + parts[1]).getBytes(StandardCharsets.US_ASCII);
        switch (alg.asText()) {
            case RS256:
                requireSignature(verifyAny(rsaKeys, "SHA256withRSA", signedBytes, signature, false), RS256);
                break;
            case GOST:
                requireSignature(verifyAny(gostKeys, GostCrypto.SIGNATURE_ALGORITHM, signedBytes, signature, true),
                        GOST);
                break;
            default:
                // "none", HMAC and anything else: ESIA only uses these two, accept nothing weaker.
                throw new EsiaTokenException(Reason.UNSUPPORTED_ALGORITHM, "id_token alg '" + printable(alg.asText())
                        + "' is not accepted; ESIA signs with RS256 or GOST3410_2012_256");
        }
        return claims(json(parts[1], "payload"));
    }

    private static void requireSignature(boolean valid, String alg) throws EsiaTokenException {
        if (!valid) {
            throw new EsiaTokenException(Reason.BAD_SIGNATURE, "id_token " + alg + " signature does not verify with "
                    + "any configured ESIA certificate: check that ESIA's current certificate for this environment "
                    + "and algorithm is configured (they rotate yearly)");
        }
    }

    private boolean verifyAny(List<PublicKey> keys, String algorithm, byte[] data, byte[] signature,
                              boolean tryReversed) throws EsiaTokenException {
        if (tryReversed && signature.length != 64) {
            return false;
        }
        for (PublicKey key : keys) {
            if (verifies(key, algorithm, data, signature)
                    // Implementations disagree on the byte order of a raw GOST signature. Reversal
                    // is a fixed public bijection, so accepting both orders lets in no signature
                    // that a holder of ESIA's private key did not produce.
                    || tryReversed && verifies(key, algorithm, data, ClientSecret.reversed(signature))) {
                return true;
            }
        }
        return false;
    }

    private static boolean verifies(PublicKey key, String algorithm, byte[] data, byte[] signature)
            throws EsiaTokenException {
        try {
            Signature verifier = "SHA256withRSA".equals(algorithm)
                    ? Signature.getInstance(algorithm)
                    : Signature.getInstance(algorithm, GostCrypto.provider());
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false; // a signature that does not even decode is simply not valid
        } catch (GeneralSecurityException e) {
            throw new EsiaTokenException(Reason.BAD_SIGNATURE, "id_token signature could not be checked: "
                    + e.getMessage(), e);
        }
    }

    private EsiaIdToken claims(JsonNode claims) throws EsiaTokenException {
        JsonNode iss = claims.get("iss");
        if (iss == null || !iss.isTextual() || !expectedIssuer.equals(iss.asText())) {
            throw new EsiaTokenException(Reason.WRONG_ISSUER, "id_token issuer is "
                    + (iss == null ? "missing" : "'" + printable(iss.asText()) + "'") + ", expected '" + expectedIssuer
                    + "' (ESIA uses http:// and a trailing slash; test and production issuers differ)");
        }
        if (!audienceContains(claims.get("aud"))) {
            throw new EsiaTokenException(Reason.WRONG_AUDIENCE, "id_token audience does not contain '"
                    + expectedAudience + "': the token was issued to another system, or client_id is misconfigured");
        }
        Instant now = clock.instant();
        Instant exp = time(claims, "exp");
        if (exp == null) {
            throw new EsiaTokenException(Reason.MALFORMED, "id_token has no exp claim");
        }
        if (now.isAfter(exp.plus(leeway))) {
            throw new EsiaTokenException(Reason.EXPIRED, "id_token expired at " + exp + " (now " + now
                    + ", leeway " + leeway.toSeconds() + " s): if this repeats, check the server clock");
        }
        Instant nbf = time(claims, "nbf");
        if (nbf != null && now.plus(leeway).isBefore(nbf)) {
            throw new EsiaTokenException(Reason.NOT_YET_VALID, "id_token is valid only from " + nbf + " (now " + now
                    + ", leeway " + leeway.toSeconds() + " s): the server clock is probably behind, fix NTP");
        }
        JsonNode sub = claims.get("sub");
        if (sub == null || !(sub.isTextual() || sub.isIntegralNumber()) || sub.asText().isBlank()) {
            throw new EsiaTokenException(Reason.NO_SUBJECT, "id_token has no sub (the person's oid)");
        }
        JsonNode subject = claims.path("urn:esia:sbj");
        JsonNode isTrusted = subject.path("urn:esia:sbj:is_tru");
        boolean trusted = isTrusted.isBoolean() ? isTrusted.booleanValue() : "true".equals(isTrusted.asText(""));
        JsonNode level = subject.get("urn:esia:sbj:lvl");
        return new EsiaIdToken(sub.asText(), trusted, level != null && level.isTextual() ? level.asText() : null,
                time(claims, "auth_time"), exp, amr(claims.get("amr")));
    }

    private boolean audienceContains(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return expectedAudience.equals(aud.asText());
        }
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (a.isTextual() && expectedAudience.equals(a.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> amr(JsonNode amr) {
        List<String> out = new ArrayList<>();
        if (amr != null && amr.isTextual()) {
            out.add(amr.asText());
        } else if (amr != null && amr.isArray()) {
            amr.forEach(a -> {
                if (a.isTextual()) {
                    out.add(a.asText());
                }
            });
        }
        return out;
    }

    private static Instant time(JsonNode claims, String name) throws EsiaTokenException {
        JsonNode value = claims.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new EsiaTokenException(Reason.MALFORMED, "id_token claim " + name + " is not a number of seconds");
        }
        return Instant.ofEpochSecond(value.asLong());
    }

    private static JsonNode json(String part, String name) throws EsiaTokenException {
        try {
            JsonNode node = JSON.readTree(base64url(part, name));
            if (node == null || !node.isObject()) {
                throw new EsiaTokenException(Reason.MALFORMED, "id_token " + name + " is not a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new EsiaTokenException(Reason.MALFORMED, "id_token " + name + " is not valid JSON");
        }
    }

    private static byte[] base64url(String part, String name) throws EsiaTokenException {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new EsiaTokenException(Reason.MALFORMED, "id_token " + name + " is not base64url");
        }
    }

    /** Values from an unverified or foreign token go to the log: keep them short and printable. */
    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
