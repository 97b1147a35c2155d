package vn.loa.bench.support;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of a set of samples in milliseconds. */
public final class Distribution {
    private final double[] sorted;

    public Distribution(Collection<? extends Number> samples) {
        this.sorted = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    }

    public int count() {
        return sorted.length;
    }

    public double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count());
        m.put("p50Ms", round(percentile(50)));
        m.put("p99Ms", round(percentile(99)));
        m.put("maxMs", round(max()));
        m.put("meanMs", round(Arrays.stream(sorted).average().orElse(Double.NaN)));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
