package org.schoolesia.school.invitations;

import java.util.List;
import java.util.Objects;

import javax.crypto.SecretKey;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.schoolesia.school.kernel.KeyedHash;

/**
 * The keyed hash under which an invitation code is stored (ARCHITECTURE security rule 2: stored
 * hashed). The key is the realm's own HMAC key (Realm settings → Keys, provider
 * {@code hmac-generated}, HS512), which Keycloak generates once per realm, keeps out of its admin
 * answers and lets an admin rotate: no setting to forget, nothing in the realm's attributes for
 * every realm viewer to read, one key per realm so codes of one realm say nothing in another. Our
 * use is kept apart from Keycloak's own (tokens) by deriving a key of our own from it first. A
 * code issued under a key that was since made passive still verifies; a deleted key voids its codes.
 */
final class CodeHasher {

    private static final String PURPOSE = "school-esia invitation code v1";

    private final KeycloakSession session;
    private final RealmModel realm;

    CodeHasher(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The hash to store for a new code: under the realm's active key. */
    String hashForIssue(String canonicalCode) {
        KeyWrapper active = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        return hash(active.getSecretKey(), canonicalCode);
    }

    /** Every hash the code may be stored under: one per enabled (active or passive) key of the realm. */
    List<String> hashesForLookup(String canonicalCode) {
        return session.keys().getKeysStream(realm, KeyUse.SIG, Algorithm.HS512)
                .filter(k -> k.getStatus() != null && k.getStatus().isEnabled())
                .map(KeyWrapper::getSecretKey).filter(Objects::nonNull)
                .map(k -> hash(k, canonicalCode)).distinct().toList();
    }

    private String hash(SecretKey realmKey, String canonicalCode) {
        return KeyedHash.hex(realmKey.getEncoded(), PURPOSE, realm.getId(), canonicalCode);
    }
}
