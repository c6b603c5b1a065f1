package org.schoolesia.emulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The set of armed faults of one running emulator. Thread-safe. */
public final class Faults {
    private final Map<Fault, Optional<String>> armed = new EnumMap<>(Fault.class);

    public void arm(Fault fault) {
        arm(fault, null);
    }

    public synchronized void arm(Fault fault, String arg) {
        armed.put(fault, Optional.ofNullable(arg));
    }

    public synchronized void disarm(Fault fault) {
        armed.remove(fault);
    }

    public synchronized void reset() {
        armed.clear();
    }

    public synchronized boolean isArmed(Fault fault) {
        return armed.containsKey(fault);
    }

    /** The argument the fault was armed with, or null (also when not armed). */
    public synchronized String arg(Fault fault) {
        Optional<String> a = armed.get(fault);
        return a == null ? null : a.orElse(null);
    }

    public synchronized Map<Fault, String> snapshot() {
        Map<Fault, String> copy = new EnumMap<>(Fault.class);
        armed.forEach((f, a) -> copy.put(f, a.orElse(null)));
        return copy;
    }
}
