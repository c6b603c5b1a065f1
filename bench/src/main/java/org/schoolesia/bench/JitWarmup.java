package org.schoolesia.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * When a benchmark's warm-up may stop: the JIT compiler threads' share of Keycloak's CPU over the
 * last three rounds together below the threshold. One quiet round proves little: code that runs a few
 * times a round (a first login's steps) keeps the compiler busy long after most rounds look settled.
 */
final class JitWarmup {

    private static final int ROUNDS = 3;

    private final Deque<long[]> recent = new ArrayDeque<>();

    /** Adds a round's CPU by thread group; returns the JIT's share of the last three rounds (fewer at first). */
    double add(Map<ThreadCpu.Group, Long> round) {
        long total = round.values().stream().mapToLong(Long::longValue).sum();
        recent.addLast(new long[] {round.getOrDefault(ThreadCpu.Group.JIT, 0L), total});
        if (recent.size() > ROUNDS) {
            recent.removeFirst();
        }
        return share();
    }

    double share() {
        long total = recent.stream().mapToLong(r -> r[1]).sum();
        return total == 0 ? 0 : (double) recent.stream().mapToLong(r -> r[0]).sum() / total;
    }

    /** At least three rounds seen, so the share is over three. */
    boolean full() {
        return recent.size() == ROUNDS;
    }
}
