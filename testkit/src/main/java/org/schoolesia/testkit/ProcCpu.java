package org.schoolesia.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's user+system CPU ticks from /proc/PID/stat (Linux). */
final class ProcCpu {

    // USER_HZ is 100 on every Linux we run on; /proc reports in these ticks.
    static final long TICKS_PER_SECOND = 100;

    private ProcCpu() {
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name may contain spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
