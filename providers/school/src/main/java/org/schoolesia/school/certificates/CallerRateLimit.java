package org.schoolesia.school.certificates;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.schoolesia.school.kernel.PureRule;

/**
 * Calls per caller per minute (fixed windows), so a relying system cannot walk through children's
 * ids at speed ({@code ?child=} enumeration) — the same budget on the whole cluster, however many
 * nodes answer. Each admitted call takes one numbered slot, {@code caller:window:1..limit}, in a
 * store all nodes share: Keycloak's {@code SingleUseObjectProvider} (a replicated cache; its
 * {@code putIfAbsent} is the cluster-wide "first one wins"). Not the database: a counter row would
 * serialise one caller's parallel calls on its lock and commit a write per call, while a slot is
 * a local put on one node and one replicated put on several. The node's own counter is only a hint
 * of the next free slot: a slot another node took is skipped, so each node tries each slot at most
 * once per window, and once its hint passes the limit every slot is taken — refused with no store
 * access at all.
 */
@PureRule
final class CallerRateLimit {

    /** The shared store's "put if absent", with a lifespan: true when this call took the key. */
    @FunctionalInterface
    interface Slots {
        boolean take(String key, long lifespanSeconds);
    }

    static final long WINDOW_MILLIS = 60_000;

    /** This server node's hints, one per caller and window; old windows are dropped as new ones open. */
    private final Map<String, AtomicInteger> next = new ConcurrentHashMap<>();
    private volatile long currentWindow;

    /** Counts this call; the seconds to wait when the caller is over {@code limit}, else 0. */
    long admit(Slots slots, String caller, int limit, long nowMillis) {
        long window = nowMillis / WINDOW_MILLIS;
        if (window != currentWindow) {
            synchronized (this) {
                if (window != currentWindow) {
                    next.clear();
                    currentWindow = window;
                }
            }
        }
        long secondsLeft = Math.max(1, ((window + 1) * WINDOW_MILLIS - nowMillis + 999) / 1000);
        String prefix = "school-certificates-rate:" + caller + ":" + window + ":";
        AtomicInteger hint = next.computeIfAbsent(prefix, k -> new AtomicInteger());
        for (int slot = hint.incrementAndGet(); slot <= limit; slot = hint.incrementAndGet()) {
            // The slot outlives its window by a little, so no node can take it again within it.
            if (slots.take(prefix + slot, secondsLeft + 1)) {
                return 0;
            }
        }
        return secondsLeft;
    }
}
