package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/** Compact JWS as ESIA issues them: RS256 or GOST3410_2012_256 (raw 64-byte signature, BouncyCastle order). */
public final class Jwt {
    public static final String RS256 = "RS256";
    public static final String GOST = "GOST3410_2012_256";
    static final ObjectMapper JSON = new ObjectMapper();

    private Jwt() {
    }

    /** Header fields in ESIA's order: alg, typ, ver, sbt (and kid when given). */
    public static ObjectNode header(String alg, String sbt, String kid) {
        ObjectNode h = JSON.createObjectNode();
        h.put("alg", alg);
        h.put("typ", "JWT");
        if (sbt != null) {
            h.put("ver", 0);
            h.put("sbt", sbt);
        }
        if (kid != null) {
            h.put("kid", kid);
        }
        return h;
    }

    public static String sign(ObjectNode header, ObjectNode claims, PrivateKey key) {
        try {
            String input = Crypto.b64url(JSON.writeValueAsBytes(header)) + "." + Crypto.b64url(JSON.writeValueAsBytes(claims));
            String alg = header.path("alg").asText();
            byte[] sig = Crypto.sign(javaAlg(alg), key, input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Crypto.b64url(sig);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String javaAlg(String jwsAlg) {
        switch (jwsAlg) {
            case RS256:
                return Crypto.RSA_SIGNATURE;
            case GOST:
                return Crypto.GOST_SIGNATURE;
            default:
                throw new IllegalArgumentException("unsupported alg " + jwsAlg);
        }
    }

    /** A parsed, not yet verified token. */
    public record Parsed(ObjectNode header, ObjectNode claims, byte[] signingInput, byte[] signature) {
        public String alg() {
            return header.path("alg").asText();
        }

        public boolean verify(PublicKey key) {
            try {
                return Crypto.verify(javaAlg(alg()), key, signingInput, signature);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** Parses a compact JWS; throws IllegalArgumentException on anything malformed. */
    public static Parsed parse(String token) {
        if (token == null) {
            throw new IllegalArgumentException("no token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS");
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            JsonNode h = JSON.readTree(d.decode(parts[0]));
            JsonNode c = JSON.readTree(d.decode(parts[1]));
            if (!(h instanceof ObjectNode) || !(c instanceof ObjectNode)) {
                throw new IllegalArgumentException("not JSON objects");
            }
            return new Parsed((ObjectNode) h, (ObjectNode) c,
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), d.decode(parts[2]));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad JSON in token", e);
        }
    }
}
