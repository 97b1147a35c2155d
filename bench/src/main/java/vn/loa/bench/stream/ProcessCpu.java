package vn.loa.bench.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used so far (user + system, all its threads), from /proc/PID/stat. */
final class ProcessCpu {
    /** Linux reports utime and stime in clock ticks of USER_HZ, which is 100 on every mainstream build. */
    static final int TICKS_PER_SECOND = 100;
    private static final int UTIME_AFTER_COMM = 11;
    private static final int STIME_AFTER_COMM = 12;

    private ProcessCpu() {
    }

    static double seconds(long pid) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc", Long.toString(pid), "stat"))) {
            return secondsFromStatLine(reader.readLine());
        }
    }

    /** The command name (second field) may hold spaces and parentheses: fields are counted after its last ')'. */
    static double secondsFromStatLine(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[STIME_AFTER_COMM]);
        return (double) ticks / TICKS_PER_SECOND;
    }
}
