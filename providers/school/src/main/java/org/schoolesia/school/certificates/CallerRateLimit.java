package org.schoolesia.school.certificates;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls per caller per minute (fixed windows), so a relying system cannot walk through children's
 * ids at speed ({@code ?child=} enumeration). Per server node: a cluster of n nodes admits up to n
 * times the limit, still far below enumeration speed. Old windows are dropped as new ones open.
 */
final class CallerRateLimit {

    private static final long WINDOW_MILLIS = 60_000;
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    private static volatile long currentWindow;

    private CallerRateLimit() {
    }

    /** Counts this call; the seconds to wait when the caller is over {@code limit}, else 0. */
    static long admit(String caller, int limit, long nowMillis) {
        long window = nowMillis / WINDOW_MILLIS;
        if (window != currentWindow) {
            synchronized (CallerRateLimit.class) {
                if (window != currentWindow) {
                    COUNTS.clear();
                    currentWindow = window;
                }
            }
        }
        int n = COUNTS.computeIfAbsent(window + ":" + caller, k -> new AtomicInteger()).incrementAndGet();
        return n <= limit ? 0 : Math.max(1, ((window + 1) * WINDOW_MILLIS - nowMillis + 999) / 1000);
    }
}
