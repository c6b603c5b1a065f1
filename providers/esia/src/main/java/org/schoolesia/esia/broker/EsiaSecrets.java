package org.schoolesia.esia.broker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.schoolesia.esia.signer.SignerSettings;

/**
 * Key material may be given inline or as a Keycloak vault reference ({@code ${vault.esia-key}}):
 * this resolves the references, so no code below ever sees where a secret came from.
 */
final class EsiaSecrets {

    private static final List<String> SECRET_KEYS = List.of(
            SignerSettings.KEY, SignerSettings.KEY_PASSWORD, SignerSettings.CERTIFICATE,
            SignerSettings.AUTHORIZATION, EsiaIdentityProviderConfig.ESIA_CERTIFICATES);

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
        try (var secret = session.vault().getStringSecret(value)) {
            return secret.get().orElseThrow(() -> new IllegalStateException(
                    "vault entry " + value + " is empty or missing: check the vault configuration (kc.sh --vault=file --vault-dir=…)"));
        }
    }
}
