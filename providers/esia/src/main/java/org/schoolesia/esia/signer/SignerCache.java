package org.schoolesia.esia.signer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Built signers (or what they are built from) by settings fingerprint: parsing a key or a
 * certificate per login is wasteful. Bounded, because settings change over time and old entries must go. Failures are not
 * cached, so a fixed configuration works on the next login.
 * Cluster: per node, safe to differ — the fingerprint covers every setting, so a change saved on
 * another node is a new fingerprint here; nothing stale is ever signed with.
 */
public final class SignerCache<T> {

    private static final int MAX_ENTRIES = 32;

    private final Map<String, T> signers = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public T get(SignerSettings settings, Function<SignerSettings, T> build) {
        String fingerprint = settings.fingerprint();
        synchronized (signers) {
            T cached = signers.get(fingerprint);
            if (cached != null) {
                return cached;
            }
        }
        // Built outside the lock: a slow key parse must not block other realms' logins.
        T built = build.apply(settings);
        synchronized (signers) {
            return signers.computeIfAbsent(fingerprint, f -> built);
        }
    }

    public int size() {
        synchronized (signers) {
            return signers.size();
        }
    }

    public void clear() {
        synchronized (signers) {
            signers.clear();
        }
    }
}
