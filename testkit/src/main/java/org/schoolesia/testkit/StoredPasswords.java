package org.schoolesia.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The demo users' passwords as Keycloak stores them, so that a test's realm import stores them
 * instead of hashing each one again: the suite imports the demo realm a few hundred times, and
 * Keycloak's Argon2 costs ≈ 70 ms of its CPU per password here. The hash is Keycloak's default
 * (Argon2id 1.3, 5 iterations, 7168 KiB, one lane, 32 bytes: what {@code kc.sh} 26 uses without a
 * hashing policy), so logins verify these exactly as passwords set by Keycloak, and Keycloak never
 * re-hashes them at login. Each distinct password is hashed once per test run.
 */
final class StoredPasswords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITERATIONS = 5;
    private static final int MEMORY_KIB = 7168;
    private static final int PARALLELISM = 1;
    private static final int HASH_LENGTH = 32;
    private static final Map<String, ObjectNode> STORED = new ConcurrentHashMap<>();

    private StoredPasswords() {
    }

    /**
     * Replaces each user's plain {@code password} credential of {@code realm} by its stored form; a
     * temporary one stays plain (Keycloak turns only a plain one into «update password»).
     */
    static void store(ObjectNode realm) {
        for (JsonNode user : realm.path("users")) {
            JsonNode credentials = user.path("credentials");
            for (int i = 0; i < credentials.size(); i++) {
                JsonNode credential = credentials.get(i);
                if ("password".equals(credential.path("type").asText()) && credential.hasNonNull("value")
                        && !credential.path("temporary").asBoolean(false)) {
                    ((ArrayNode) credentials).set(i, STORED.computeIfAbsent(credential.get("value").asText(), StoredPasswords::hash).deepCopy());
                }
            }
        }
    }

    private static ObjectNode hash(String password) {
        // A fixed salt per password: these are public demo passwords; Keycloak reads the salt stored beside each hash.
        byte[] salt = Arrays.copyOf(sha256(password), 16);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withIterations(ITERATIONS)
                .withMemoryAsKB(MEMORY_KIB)
                .withParallelism(PARALLELISM)
                .build());
        byte[] hash = new byte[HASH_LENGTH];
        generator.generateBytes(password.toCharArray(), hash);

        ObjectNode secret = JSON.createObjectNode();
        secret.put("value", Base64.getEncoder().encodeToString(hash));
        secret.put("salt", Base64.getEncoder().encodeToString(salt));
        secret.putObject("additionalParameters");
        ObjectNode data = JSON.createObjectNode();
        data.put("hashIterations", ITERATIONS);
        data.put("algorithm", "argon2");
        ObjectNode parameters = data.putObject("additionalParameters");
        parameters.putArray("hashLength").add(String.valueOf(HASH_LENGTH));
        parameters.putArray("memory").add(String.valueOf(MEMORY_KIB));
        parameters.putArray("type").add("id");
        parameters.putArray("version").add("1.3");
        parameters.putArray("parallelism").add(String.valueOf(PARALLELISM));

        ObjectNode credential = JSON.createObjectNode();
        credential.put("type", "password");
        credential.put("secretData", secret.toString());
        credential.put("credentialData", data.toString());
        credential.put("createdDate", System.currentTimeMillis());
        return credential;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
