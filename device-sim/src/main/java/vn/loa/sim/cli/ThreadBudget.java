package vn.loa.sim.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import vn.loa.sim.mqtt.FleetExecutor;

/**
 * How many threads a fleet will need against how many the kernel will still hand out. Each connected speaker
 * holds {@link FleetExecutor#THREADS_PER_CONNECTION} threads; the kernel caps threads machine-wide by
 * {@code kernel.pid_max} and {@code kernel.threads-max}.
 */
final class ThreadBudget {
    /** JVM, timers, logging and picocli: the threads a fleet needs besides its connections. */
    static final int BASE_THREADS = 64;

    private ThreadBudget() {
    }

    static long needed(int speakers) {
        return (long) speakers * FleetExecutor.THREADS_PER_CONNECTION + BASE_THREADS;
    }

    /** A warning if this machine looks unable to give {@code speakers} their threads; empty if it can or if unknown. */
    static Optional<String> shortfall(int speakers) {
        Optional<Long> limit = machineThreadLimit();
        Optional<Long> inUse = machineThreadsInUse();
        if (limit.isEmpty() || inUse.isEmpty()) {
            return Optional.empty();
        }
        return shortfall(speakers, limit.get(), inUse.get());
    }

    /** The kernel's machine-wide cap on threads: the smaller of pid_max and threads-max; empty off Linux. */
    static Optional<Long> machineThreadLimit() {
        Optional<Long> pidMax = readLong(Path.of("/proc/sys/kernel/pid_max"));
        Optional<Long> threadsMax = readLong(Path.of("/proc/sys/kernel/threads-max"));
        return pidMax.map(p -> Math.min(p, threadsMax.orElse(Long.MAX_VALUE)));
    }

    static Optional<String> shortfall(int speakers, long limit, long inUse) {
        long needed = needed(speakers);
        if (needed <= limit - inUse) {
            return Optional.empty();
        }
        return Optional.of(String.format("%d speakers need about %d threads (%d per connection), but this machine"
                + " has %d in use of a limit of %d (kernel.pid_max / kernel.threads-max): expect the fleet to stop"
                + " short; raise the limit or split the fleet across machines", speakers, needed,
                FleetExecutor.THREADS_PER_CONNECTION, inUse, limit));
    }

    /** The fourth field of /proc/loadavg is "running/total" scheduling entities, i.e. threads machine-wide. */
    static Optional<Long> machineThreadsInUse() {
        try {
            String[] fields = firstLine(Path.of("/proc/loadavg")).split("\\s+");
            return Optional.of(Long.parseLong(fields[3].substring(fields[3].indexOf('/') + 1)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> readLong(Path file) {
        try {
            return Optional.of(Long.parseLong(firstLine(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Files.readString trusts the size /proc reports (zero) and comes back short; a reader reads to the end. */
    private static String firstLine(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException(file + " is empty");
            }
            return line.trim();
        }
    }
}
