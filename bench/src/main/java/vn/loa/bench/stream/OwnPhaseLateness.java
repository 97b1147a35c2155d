package vn.loa.bench.stream;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lateness as a speaker's jitter buffer sees it: each receiver's copies against that receiver's own steady phase.
 * A wide fan-out sends a frame's copies one after another, so the last receivers always hear a frame tens of
 * milliseconds after the first; a receiver's playout is timed by sender reports plus a fixed delay, so that constant
 * offset costs it nothing, while its variation does. Per receiver, a copy's lateness is its offset from its frame's due
 * instant minus the median of that receiver's offsets; it is on time if at most the benchmark's tolerance.
 */
final class OwnPhaseLateness {
    private static final int INITIAL_COPIES = 64;
    private static final long NANOS_PER_MICRO = 1_000;

    private final int[][] offsetsMicros;
    private final int[] counts;
    private long unattributed;

    OwnPhaseLateness(int receivers) {
        this.offsetsMicros = new int[receivers][];
        this.counts = new int[receivers];
    }

    /** One copy that reached {@code receiver} (-1 or out of range: the recorder could not say which one). */
    void add(int receiver, long offsetNanos) {
        if (receiver < 0 || receiver >= counts.length) {
            unattributed++;
            return;
        }
        int[] offsets = offsetsMicros[receiver];
        if (offsets == null) {
            offsets = offsetsMicros[receiver] = new int[INITIAL_COPIES];
        } else if (counts[receiver] == offsets.length) {
            offsets = offsetsMicros[receiver] = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[counts[receiver]++] = (int) (offsetNanos / NANOS_PER_MICRO);
    }

    /** Judged against {@code expectedCopies}: a copy that never came, or could not be attributed, is not on time. */
    Result result(long expectedCopies, long toleranceNanos) {
        long total = Arrays.stream(counts).asLongStream().sum();
        int[] lateness = new int[Math.toIntExact(total)];
        int filled = 0;
        long onTime = 0;
        long toleranceMicros = toleranceNanos / NANOS_PER_MICRO;
        for (int r = 0; r < counts.length; r++) {
            if (counts[r] == 0) {
                continue;
            }
            int[] own = Arrays.copyOf(offsetsMicros[r], counts[r]);
            Arrays.sort(own);
            int median = own[(own.length - 1) / 2];
            for (int i = 0; i < counts[r]; i++) {
                int late = offsetsMicros[r][i] - median;
                lateness[filled++] = late;
                if (late <= toleranceMicros) {
                    onTime++;
                }
            }
        }
        Arrays.sort(lateness);
        return new Result(expectedCopies == 0 ? 0 : (double) onTime / expectedCopies, onTime, unattributed, lateness);
    }

    /** On-time share against each receiver's own phase, and the spread of that lateness over every copy. */
    record Result(double onTimeShare, long onTime, long unattributedCopies, int[] sortedLatenessMicros) {

        double percentileMs(double p) {
            if (sortedLatenessMicros.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sortedLatenessMicros.length);
            return sortedLatenessMicros[Math.max(0, Math.min(sortedLatenessMicros.length - 1, rank - 1))] / 1000.0;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("onTimeShare", onTimeShare);
            m.put("unattributedCopies", unattributedCopies);
            Map<String, Object> lateness = new LinkedHashMap<>();
            lateness.put("count", sortedLatenessMicros.length);
            lateness.put("p50Ms", round(percentileMs(50)));
            lateness.put("p99Ms", round(percentileMs(99)));
            lateness.put("p99.9Ms", round(percentileMs(99.9)));
            lateness.put("maxMs", round(percentileMs(100)));
            m.put("latenessMs", lateness);
            return m;
        }

        private static double round(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }
}
