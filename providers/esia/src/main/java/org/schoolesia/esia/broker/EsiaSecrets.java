package org.schoolesia.esia.broker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.schoolesia.esia.signer.SignerSettings;

/**
 * Key material may be given inline or as a Keycloak vault reference ({@code ${vault.esia-key}}):
 * this resolves the references, so no code below ever sees where a secret came from.
 */
final class EsiaSecrets {

    private static final List<String> SECRET_KEYS = List.of(
            SignerSettings.KEY, SignerSettings.KEY_PASSWORD, SignerSettings.CERTIFICATE,
            SignerSettings.AUTHORIZATION, EsiaIdentityProviderConfig.ESIA_CERTIFICATES);

    /**
     * Entries read from the vault in the last few seconds, per realm (issue 14, the login's cost: Keycloak's
     * files vault reads a file at every lookup, and a login signs twice). A rotated entry is in use within
     * {@link #TTL_MILLIS}; a missing one is never remembered. Per node: nodes may differ for that long.
     */
    static final long TTL_MILLIS = 10_000;
    private static final Map<String, Resolved> RESOLVED = new ConcurrentHashMap<>();

    private record Resolved(String value, long at) {
    }

    private EsiaSecrets() {
    }

    static Map<String, String> resolve(KeycloakSession session, Map<String, String> config) {
        Map<String, String> resolved = new HashMap<>(config);
        for (String key : SECRET_KEYS) {
            String value = config.get(key);
            if (value != null && EsiaIdentityProviderConfig.isVaultReference(value)) {
                resolved.put(key, resolve(session, value));
            }
        }
        return resolved;
    }

    static String resolve(KeycloakSession session, String value) {
        if (value == null || !EsiaIdentityProviderConfig.isVaultReference(value)) {
            return value;
        }
        RealmModel realm = session.getContext().getRealm();
        String key = (realm == null ? "" : realm.getId()) + '\n' + value;
        long now = System.currentTimeMillis();
        Resolved cached = RESOLVED.get(key);
        if (cached != null && now - cached.at() < TTL_MILLIS) {
            return cached.value();
        }
        try (var secret = session.vault().getStringSecret(value)) {
            String resolved = secret.get().orElseThrow(() -> new IllegalStateException(
                    "vault entry " + value + " is empty or missing: check the vault configuration (kc.sh --vault=file --vault-dir=…)"));
            if (RESOLVED.size() > 256) {
                RESOLVED.clear();
            }
            RESOLVED.put(key, new Resolved(resolved, now));
            return resolved;
        }
    }
}
