package vn.loa.sim;

import java.util.Arrays;

/**
 * Command latency seen at the device: from the command's arrival to the broker's acknowledgement of the result
 * (so it includes any slow-ack delay). Keeps the first {@link #MAX_SAMPLES} samples and counts the rest.
 */
public final class LatencySamples {
    /** 8 bytes each: a 10,000-speaker fleet can record 25 commands per speaker before samples are skipped. */
    static final int MAX_SAMPLES = 250_000;

    private final long[] micros = new long[MAX_SAMPLES];
    private int size;
    private long skipped;

    synchronized void record(long elapsedNanos) {
        if (size < MAX_SAMPLES) {
            micros[size++] = elapsedNanos / 1_000;
        } else {
            skipped++;
        }
    }

    synchronized Summary summary() {
        if (size == 0) {
            return new Summary(0, 0, 0, 0, skipped);
        }
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        return new Summary(size, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[size - 1] / 1000.0,
                skipped);
    }

    private static double percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1000.0;
    }

    /** Milliseconds; {@code count} samples were kept, {@code skipped} came after the buffer was full. */
    public record Summary(int count, double p50Millis, double p99Millis, double maxMillis, long skipped) {
    }
}
