package org.schoolesia.school.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.models.SingleUseObjectProvider;

/** The per-person and per-address limits of access requests: slots taken together or not at all, given back when unused. */
class RequestLimitsTest {

    private static final RequestLimits.Settings TWO_AND_THREE = new RequestLimits.Settings(2, Duration.ofHours(24), 3, Duration.ofHours(1));

    @Test
    void eachFilingTakesOneSlotOfEachLimitUntilEitherIsUsedUp() {
        Slots slots = new Slots();
        RequestLimits limits = new RequestLimits(slots);
        assertTrue(limits.take("realm", "p1", "10.0.0.1", TWO_AND_THREE).isPresent());
        assertTrue(limits.take("realm", "p1", "10.0.0.1", TWO_AND_THREE).isPresent());
        assertTrue(limits.take("realm", "p1", "10.0.0.1", TWO_AND_THREE).isEmpty(), "the person's two are used");
        assertTrue(limits.take("realm", "p2", "10.0.0.1", TWO_AND_THREE).isPresent(), "the address's third");
        int before = slots.size();
        assertTrue(limits.take("realm", "p3", "10.0.0.1", TWO_AND_THREE).isEmpty(), "the address's three are used");
        assertEquals(before, slots.size(), "a refusal keeps no slot of the other limit");
        assertTrue(limits.take("realm", "p3", "10.0.0.2", TWO_AND_THREE).isPresent(), "another address");
        assertTrue(limits.take("other-realm", "p1", "10.0.0.1", TWO_AND_THREE).isPresent(), "another realm counts apart");
    }

    @Test
    void slotsGivenBackCountNothing() {
        Slots slots = new Slots();
        RequestLimits limits = new RequestLimits(slots);
        List<String> first = limits.take("realm", "p1", "a", TWO_AND_THREE).orElseThrow();
        assertEquals(2, first.size());
        limits.release(first);
        assertEquals(0, slots.size());
        limits.take("realm", "p1", "a", TWO_AND_THREE).orElseThrow();
        limits.take("realm", "p1", "a", TWO_AND_THREE).orElseThrow();
        assertTrue(limits.take("realm", "p1", "a", TWO_AND_THREE).isEmpty());
        assertEquals(Long.valueOf(24 * 3600), slots.lifespans.get(RequestLimits.PERSON_KEY + "realm:p1:1"), "the person's window");
        assertEquals(Long.valueOf(3600), slots.lifespans.get(RequestLimits.ADDRESS_KEY + "realm:a:1"), "the address's window");
    }

    /** Keycloak's single-use store as one node sees it: putIfAbsent is the atomic step. */
    private static final class Slots implements SingleUseObjectProvider {
        final Map<String, Long> lifespans = new HashMap<>();

        int size() {
            return lifespans.size();
        }

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            lifespans.put(key, lifespanSeconds);
        }

        @Override
        public Map<String, String> get(String key) {
            return lifespans.containsKey(key) ? Map.of() : null;
        }

        @Override
        public Map<String, String> remove(String key) {
            return lifespans.remove(key) == null ? null : Map.of();
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return lifespans.containsKey(key);
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            return lifespans.putIfAbsent(key, lifespanInSeconds) == null;
        }

        @Override
        public boolean contains(String key) {
            return lifespans.containsKey(key);
        }

        @Override
        public void close() {
        }
    }
}
