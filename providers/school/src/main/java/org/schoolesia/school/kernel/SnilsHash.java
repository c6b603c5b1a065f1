package org.schoolesia.school.kernel;

import java.nio.charset.StandardCharsets;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * What our tables keep of a SNILS they look up by: its keyed hash ({@link KeyedHash}) under the
 * server's SNILS key ({@link SnilsHashFactory}), never the digits. A SNILS has about 10⁹ possible
 * values, so an unkeyed hash would be reversed by trying them all; the key lives outside the
 * database (an SPI option, from the environment or Keycloak's config keystore), so a copy of the
 * database alone tells no SNILS. Lookups hash the SNILS sought and compare hashes: one indexed query.
 */
public final class SnilsHash implements Provider {

    private final byte[] key;

    SnilsHash(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    public static SnilsHash of(KeycloakSession session) {
        return session.getProvider(SnilsHash.class);
    }

    /** The hash of a SNILS given as its eleven digits (normalised by the caller), in one realm. */
    public String of(String realmId, String digits) {
        return KeyedHash.hex(key, KeyedHash.SNILS, realmId, digits);
    }

    @Override
    public void close() {
    }
}
