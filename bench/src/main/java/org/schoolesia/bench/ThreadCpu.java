package org.schoolesia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a process's CPU went, by thread kind (JIT compiler, GC, everything else), from
 * /proc/PID/task/TID/stat. Taken at the ends of the measured phase only: it shows whether the JIT
 * was still busy (warm-up too short) or the GC ate a large share.
 */
final class ThreadCpu {

    enum Group { JIT, GC, OTHER }

    private ThreadCpu() {
    }

    /** Ticks per thread id, with the group of the thread's name. */
    static Map<Long, Map.Entry<Group, Long>> snapshot(long pid) {
        Map<Long, Map.Entry<Group, Long>> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    threads.put(Long.parseLong(task.getFileName().toString()), Map.entry(group(name), ticks));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            // no such process: empty snapshot
        }
        return threads;
    }

    /** CPU ticks per group between two snapshots (threads that ended in between are missing). */
    static Map<Group, Long> delta(Map<Long, Map.Entry<Group, Long>> before, Map<Long, Map.Entry<Group, Long>> after) {
        Map<Group, Long> sums = new HashMap<>();
        after.forEach((tid, entry) -> {
            Map.Entry<Group, Long> old = before.get(tid);
            long ticks = entry.getValue() - (old == null ? 0 : old.getValue());
            sums.merge(entry.getKey(), ticks, Long::sum);
        });
        return sums;
    }

    static Group group(String threadName) {
        if (threadName.contains("CompilerThre") || threadName.startsWith("C1 ") || threadName.startsWith("C2 ")) {
            return Group.JIT;
        }
        if (threadName.startsWith("GC ") || threadName.startsWith("G1 ") || threadName.contains("GC Thread")
                || threadName.startsWith("VM Thread")) {
            return Group.GC;
        }
        return Group.OTHER;
    }
}
