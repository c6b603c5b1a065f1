package org.schoolesia.school.requests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.keycloak.models.SingleUseObjectProvider;

/**
 * How many requests may be filed (security: a form anyone with an ESIA account reaches must not
 * flood an organisation's staff): per ESIA person and per client address, each within its window.
 * Counted cluster-wide as the link-failure limit of the ESIA step is: one single-use slot per
 * filing, the first free one taken atomically, each expiring with its window. A filing takes its
 * slots before it is made and gives them back if it turns out to be the person's pending request.
 */
public final class RequestLimits {

    static final String PERSON_KEY = "school-request-person:";
    static final String ADDRESS_KEY = "school-request-address:";

    /** The configured limits (the ESIA step's settings). */
    public record Settings(int perPerson, Duration personWindow, int perAddress, Duration addressWindow) {
        public static final Settings DEFAULTS = new Settings(5, Duration.ofHours(24), 20, Duration.ofHours(1));
    }

    private record Limit(String key, int max, Duration window) {
    }

    private final SingleUseObjectProvider slots;

    RequestLimits(SingleUseObjectProvider slots) {
        this.slots = slots;
    }

    /**
     * Takes a slot under both limits, or none at all: the keys of the slots taken, or empty when
     * either limit is used up.
     */
    Optional<List<String>> take(String realmId, String esiaOid, String address, Settings settings) {
        List<Limit> limits = List.of(
                new Limit(PERSON_KEY + realmId + ":" + esiaOid + ":", settings.perPerson(), settings.personWindow()),
                new Limit(ADDRESS_KEY + realmId + ":" + (address == null ? "unknown" : address) + ":", settings.perAddress(),
                        settings.addressWindow()));
        List<String> taken = new ArrayList<>();
        for (Limit limit : limits) {
            String slot = firstFree(limit);
            if (slot == null) {
                release(taken);
                return Optional.empty();
            }
            taken.add(slot);
        }
        return Optional.of(taken);
    }

    void release(List<String> taken) {
        taken.forEach(slots::remove);
    }

    private String firstFree(Limit limit) {
        long seconds = Math.max(1, limit.window().toSeconds());
        for (int slot = 1; slot <= limit.max(); slot++) {
            if (slots.putIfAbsent(limit.key() + slot, seconds)) {
                return limit.key() + slot;
            }
        }
        return null;
    }
}
