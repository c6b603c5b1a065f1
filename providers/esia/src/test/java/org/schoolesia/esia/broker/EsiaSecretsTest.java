package org.schoolesia.esia.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

/** Vault entries are read once per realm for a few seconds; missing ones are never remembered (issue 14). */
class EsiaSecretsTest {

    /** A session of one realm over a vault that counts its reads. */
    private static KeycloakSession session(String realmId, Map<String, String> vault, Map<String, Integer> reads) {
        RealmModel realm = proxy(RealmModel.class, (name, args) -> "getId".equals(name) ? realmId : null);
        KeycloakContext context = proxy(KeycloakContext.class, (name, args) -> "getRealm".equals(name) ? realm : null);
        VaultTranscriber transcriber = proxy(VaultTranscriber.class, (name, args) -> {
            String ref = (String) args[0];
            reads.merge(realmId + ref, 1, Integer::sum);
            return proxy(VaultStringSecret.class, (n, a) -> "get".equals(n) ? Optional.ofNullable(vault.get(ref)) : null);
        });
        return proxy(KeycloakSession.class, (name, args) -> switch (name) {
            case "getContext" -> context;
            case "vault" -> transcriber;
            default -> null;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> answer.answer(m.getName(), args));
    }

    @Test
    void aLoginsTwoSignaturesReadTheVaultOnce_eachRealmItsOwn() {
        Map<String, Integer> reads = new HashMap<>();
        Map<String, String> vault = Map.of("${vault.key-a}", "PEM A");
        assertEquals("PEM A", EsiaSecrets.resolve(session("realm-1", vault, reads), "${vault.key-a}"));
        assertEquals("PEM A", EsiaSecrets.resolve(session("realm-1", vault, reads), "${vault.key-a}"));
        assertEquals(1, reads.get("realm-1${vault.key-a}"));
        assertEquals("PEM A", EsiaSecrets.resolve(session("realm-2", vault, reads), "${vault.key-a}"));
        assertEquals(1, reads.get("realm-2${vault.key-a}"), "another realm reads its own vault");
    }

    @Test
    void aMissingEntryIsAskedForAgain_andInlineValuesNeverTouchTheVault() {
        Map<String, Integer> reads = new HashMap<>();
        KeycloakSession session = session("realm-3", Map.of(), reads);
        assertThrows(IllegalStateException.class, () -> EsiaSecrets.resolve(session, "${vault.missing}"));
        assertThrows(IllegalStateException.class, () -> EsiaSecrets.resolve(session, "${vault.missing}"));
        assertEquals(2, reads.get("realm-3${vault.missing}"));
        assertEquals("-----BEGIN", EsiaSecrets.resolve(session, "-----BEGIN"));
        assertEquals(1, reads.size());
    }
}
