package org.schoolesia.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a process's CPU went, by thread kind (JIT compiler, GC, request threads, everything else),
 * in microseconds from /proc/PID/task/TID/schedstat: the scheduler's exact run time, where the
 * {@code stat} file's clock ticks (10 ms) made a login's 3 ms front leg read as 0 or 10 ms.
 */
final class ThreadCpu {

    /** REQUEST: the threads that serve HTTP (Quarkus' executor and Vert.x event loops); OTHER: timers, cluster, pools. */
    enum Group { JIT, GC, REQUEST, OTHER }

    private ThreadCpu() {
    }

    /** Run time in µs per thread id, with the group of the thread's name. */
    static Map<Long, Map.Entry<Group, Long>> snapshot(long pid) {
        Map<Long, Map.Entry<Group, Long>> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                try {
                    String name = firstLine(task.resolve("comm"));
                    long nanos = Long.parseLong(firstLine(task.resolve("schedstat")).split(" ")[0]);
                    threads.put(Long.parseLong(task.getFileName().toString()), Map.entry(group(name), nanos / 1000));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            // no such process: empty snapshot
        }
        return threads;
    }

    // A reader, not Files.readString: that returned one character for some /proc files here.
    private static String firstLine(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line = reader.readLine();
            if (line == null) {
                throw new IOException("empty " + file);
            }
            return line.trim();
        }
    }

    /** CPU µs per group between two snapshots (threads that ended in between are missing). */
    static Map<Group, Long> delta(Map<Long, Map.Entry<Group, Long>> before, Map<Long, Map.Entry<Group, Long>> after) {
        Map<Group, Long> sums = new HashMap<>();
        after.forEach((tid, entry) -> {
            Map.Entry<Group, Long> old = before.get(tid);
            long micros = entry.getValue() - (old == null ? 0 : old.getValue());
            sums.merge(entry.getKey(), micros, Long::sum);
        });
        return sums;
    }

    /** µs of all groups. */
    static long total(Map<Group, Long> split) {
        return split.values().stream().mapToLong(Long::longValue).sum();
    }

    static Group group(String threadName) {
        if (threadName.contains("CompilerThre") || threadName.startsWith("C1 ") || threadName.startsWith("C2 ")) {
            return Group.JIT;
        }
        if (threadName.startsWith("GC ") || threadName.startsWith("G1 ") || threadName.contains("GC Thread")
                || threadName.startsWith("VM Thread")) {
            return Group.GC;
        }
        // /proc cuts names at 15 characters: "executor-thread", "vert.x-eventloo".
        if (threadName.startsWith("executor-thread") || threadName.startsWith("vert.x-eventloo")) {
            return Group.REQUEST;
        }
        return Group.OTHER;
    }
}
