package org.schoolesia.school.link;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The per-ESIA-person limit of «Привязать учетную запись» attempts: one cluster-wide slot per
 * attempt in Keycloak's single-use store, taken atomically BEFORE any password work (defect 2:
 * check-then-count let parallel posts through); slots expire with the window. A successful link
 * gives its slot back, so the limit counts failures.
 */
final class LinkAttempts {

    static final String KEY = "school-esia-link-failures:";

    private final KeycloakSession session;
    private final String prefix;
    private final PasswordLinkSettings settings;

    LinkAttempts(KeycloakSession session, RealmModel realm, String oid, PasswordLinkSettings settings) {
        this.session = session;
        this.prefix = KEY + realm.getId() + ":" + oid + ":";
        this.settings = settings;
    }

    /** The slot taken, or empty when all are taken: then no password may be checked. */
    Optional<String> take() {
        for (int slot = 1; slot <= settings.maxLinkFailures(); slot++) {
            String key = prefix + slot;
            if (session.singleUseObjects().putIfAbsent(key, settings.failureWindow().toSeconds())) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    void giveBack(String slot) {
        session.singleUseObjects().remove(slot);
    }
}
