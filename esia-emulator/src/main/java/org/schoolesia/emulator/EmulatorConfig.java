package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The emulator's configuration: issuer, ESIA's signing keys, registered systems, fixture persons. */
public final class EmulatorConfig {

    /** A key pair ESIA signs tokens with. */
    public record SigningKey(PrivateKey privateKey, X509Certificate certificate) {
    }

    /** A relying-party system registered on ESIA's technical portal. */
    public record RegisteredSystem(String clientId, X509Certificate certificate, String certificateHash,
                                   List<String> redirectUriPrefixes, Set<String> scopes, String tokenAlg,
                                   String oidcClientSecret) {
        public boolean redirectAllowed(String uri) {
            if (uri == null || uri.isEmpty()) {
                return false;
            }
            for (String p : redirectUriPrefixes) {
                if (uri.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }

        public boolean gostTokens() {
            return "GOST3410_2012_256".equals(tokenAlg);
        }
    }

    private final String issuer;
    private final long timestampToleranceSeconds;
    private final long tokenLifetimeSeconds;
    private final long codeLifetimeSeconds;
    private final SigningKey rsaKey;
    private final SigningKey gostKey;
    private final Map<String, RegisteredSystem> systems;
    private final List<ObjectNode> persons;

    public EmulatorConfig(String issuer, long timestampToleranceSeconds, long tokenLifetimeSeconds,
                          long codeLifetimeSeconds, SigningKey rsaKey, SigningKey gostKey,
                          List<RegisteredSystem> systems, List<ObjectNode> persons) {
        this.issuer = issuer;
        this.timestampToleranceSeconds = timestampToleranceSeconds;
        this.tokenLifetimeSeconds = tokenLifetimeSeconds;
        this.codeLifetimeSeconds = codeLifetimeSeconds;
        this.rsaKey = rsaKey;
        this.gostKey = gostKey;
        Map<String, RegisteredSystem> m = new LinkedHashMap<>();
        for (RegisteredSystem s : systems) {
            m.put(s.clientId(), s);
        }
        this.systems = Collections.unmodifiableMap(m);
        this.persons = List.copyOf(persons);
    }

    /** Reads the JSON config; key, certificate and persons paths are relative to the file's folder. */
    public static EmulatorConfig load(Path jsonFile) {
        Crypto.init();
        try {
            Path dir = jsonFile.toAbsolutePath().getParent();
            ObjectMapper om = new ObjectMapper();
            JsonNode root = om.readTree(jsonFile.toFile());
            JsonNode keys = required(root, "signingKeys");
            SigningKey rsa = signingKey(dir, required(keys, "rsa"));
            SigningKey gost = signingKey(dir, required(keys, "gost"));
            List<RegisteredSystem> systems = new ArrayList<>();
            for (JsonNode s : required(root, "systems")) {
                X509Certificate cert = Pem.readCertificate(dir.resolve(required(s, "certificate").asText()));
                List<String> prefixes = new ArrayList<>();
                required(s, "redirectUriPrefixes").forEach(p -> prefixes.add(p.asText()));
                Set<String> scopes = new LinkedHashSet<>();
                required(s, "scopes").forEach(p -> scopes.add(p.asText()));
                String alg = s.path("tokenAlg").asText("GOST3410_2012_256");
                if (!alg.equals("RS256") && !alg.equals("GOST3410_2012_256")) {
                    throw new IllegalArgumentException("tokenAlg must be RS256 or GOST3410_2012_256, not " + alg);
                }
                systems.add(new RegisteredSystem(required(s, "clientId").asText(), cert, Crypto.certificateHash(cert),
                        List.copyOf(prefixes), Collections.unmodifiableSet(scopes), alg,
                        s.hasNonNull("oidcClientSecret") ? s.get("oidcClientSecret").asText() : null));
            }
            List<ObjectNode> persons = new ArrayList<>();
            JsonNode personsDoc = om.readTree(dir.resolve(required(root, "personsFile").asText()).toFile());
            for (JsonNode p : personsDoc) {
                persons.add((ObjectNode) p);
            }
            return new EmulatorConfig(
                    root.path("issuer").asText("http://esia-emulator.localhost/"),
                    root.path("timestampToleranceSeconds").asLong(300),
                    root.path("tokenLifetimeSeconds").asLong(3600),
                    root.path("codeLifetimeSeconds").asLong(300),
                    rsa, gost, systems, persons);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emulator config " + jsonFile, e);
        }
    }

    private static SigningKey signingKey(Path dir, JsonNode node) {
        return new SigningKey(Pem.readPrivateKey(dir.resolve(required(node, "key").asText())),
                Pem.readCertificate(dir.resolve(required(node, "certificate").asText())));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("emulator config: '" + field + "' is required");
        }
        return v;
    }

    public String issuer() {
        return issuer;
    }

    public long timestampToleranceSeconds() {
        return timestampToleranceSeconds;
    }

    public long tokenLifetimeSeconds() {
        return tokenLifetimeSeconds;
    }

    public long codeLifetimeSeconds() {
        return codeLifetimeSeconds;
    }

    public SigningKey rsaKey() {
        return rsaKey;
    }

    public SigningKey gostKey() {
        return gostKey;
    }

    public Map<String, RegisteredSystem> systems() {
        return systems;
    }

    public RegisteredSystem system(String clientId) {
        return clientId == null ? null : systems.get(clientId);
    }

    /** Fixture persons as ESIA would serve them, plus the emulator-only fields contacts, kids, level. */
    public List<ObjectNode> persons() {
        return persons;
    }

    public ObjectNode person(String oid) {
        for (ObjectNode p : persons) {
            if (p.path("oid").asText().equals(oid)) {
                return p;
            }
        }
        return null;
    }
}
