package vn.loa.sim.audio;

import java.time.Instant;

/**
 * Wall-clock time in nanoseconds since 1970, read from the monotonic clock anchored once: playout instants are
 * compared at sub-millisecond precision and must not jump when the system clock is stepped mid-run.
 */
public final class EpochClock {
    private static final long ANCHOR_MONO = System.nanoTime();
    private static final long ANCHOR_EPOCH = epochNanos(Instant.now());

    private EpochClock() {
    }

    public static long nowNanos() {
        return ANCHOR_EPOCH + (System.nanoTime() - ANCHOR_MONO);
    }

    static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
