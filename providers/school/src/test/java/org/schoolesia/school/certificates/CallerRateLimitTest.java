package org.schoolesia.school.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The eligibility limit holds for the cluster, not per node: two nodes (two {@link CallerRateLimit}s,
 * each with its own hints) sharing one store — as Keycloak's single-use store is shared — admit the
 * limit between them, whatever the order of the calls.
 */
class CallerRateLimitTest {

    /** A shared store as Keycloak's: put-if-absent, the key taken for its lifespan. */
    private final Map<String, Long> shared = new ConcurrentHashMap<>();
    private final AtomicInteger puts = new AtomicInteger();
    private final CallerRateLimit.Slots store = (key, lifespan) -> {
        puts.incrementAndGet();
        assertTrue(lifespan > 0 && lifespan <= 61, "lifespan " + lifespan);
        return shared.putIfAbsent(key, lifespan) == null;
    };

    private static final long T0 = 1_700_000_040_000L; // 0 s into a window

    @Test
    void twoNodesTogetherAdmitTheLimitOnceNotTwice() {
        CallerRateLimit a = new CallerRateLimit();
        CallerRateLimit b = new CallerRateLimit();
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            CallerRateLimit node = i % 3 == 0 ? b : a; // uneven, as a balancer may be
            if (node.admit(store, "realm:client:parent", 5, T0 + i) == 0) {
                admitted++;
            }
        }
        assertEquals(5, admitted, "five calls a minute on the whole cluster");
    }

    @Test
    void eachNodeTriesEachSlotAtMostOncePerWindowAndThenRefusesWithoutTheStore() {
        CallerRateLimit a = new CallerRateLimit();
        CallerRateLimit b = new CallerRateLimit();
        for (int i = 0; i < 5; i++) {
            assertEquals(0, a.admit(store, "c", 5, T0));
        }
        assertEquals(60, b.admit(store, "c", 5, T0), "node b finds every slot taken by a");
        assertEquals(10, puts.get(), "a took five; b tried each once");
        assertEquals(60, b.admit(store, "c", 5, T0));
        assertEquals(60, a.admit(store, "c", 5, T0));
        assertEquals(10, puts.get(), "over the limit: no store access");
    }

    @Test
    void theWaitIsUntilTheNextWindowAndThenTheBudgetIsBack() {
        CallerRateLimit node = new CallerRateLimit();
        for (int i = 0; i < 3; i++) {
            assertEquals(0, node.admit(store, "c", 3, T0));
        }
        assertEquals(15, node.admit(store, "c", 3, T0 + 45_000), "45 s into the window: 15 s to wait");
        assertEquals(1, node.admit(store, "c", 3, T0 + 59_999), "never 0 while refused");
        assertEquals(0, node.admit(store, "c", 3, T0 + 60_000), "a new window");
    }

    @Test
    void callersDoNotShareABudget() {
        CallerRateLimit node = new CallerRateLimit();
        assertEquals(0, node.admit(store, "one", 1, T0));
        assertTrue(node.admit(store, "one", 1, T0) > 0);
        assertEquals(0, node.admit(store, "other", 1, T0));
    }
}
