package vn.loa.bench.live;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.bench.support.Distribution;

/** The latencies of every click heard, pooled over the decoding speakers, against the target. */
final class LatencyVerdict {
    /** Issue 5: browser microphone to decoded audio at a simulated speaker, p99 under 300 ms on this machine. */
    static final double TARGET_P99_MILLIS = 300;

    private final Distribution latencies;

    private LatencyVerdict(Distribution latencies) {
        this.latencies = latencies;
    }

    static LatencyVerdict of(List<HeardClicks.Heard> heard) {
        return new LatencyVerdict(new Distribution(heard.stream().map(HeardClicks.Heard::latencyMillis).toList()));
    }

    Map<String, Object> summary() {
        return latencies.summary();
    }

    Map<String, Object> targets() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("p99UnderMs", TARGET_P99_MILLIS);
        t.put("p99Ms", latencies.percentile(99));
        t.put("met", latencies.count() > 0 && latencies.percentile(99) < TARGET_P99_MILLIS);
        return t;
    }
}
