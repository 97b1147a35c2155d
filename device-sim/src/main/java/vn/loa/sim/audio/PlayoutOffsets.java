package vn.loa.sim.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far apart the speakers of a stream play the same frame: for every sampled frame T of a stream, each
 * speaker's offset is its playout instant minus the median instant across the speakers that played T.
 */
final class PlayoutOffsets {
    private final Map<String, Double> medianByDevice = new HashMap<>();
    private final double[] absoluteMillis;

    private record Frame(String streamId, long timestamp) {
    }

    private record Played(String deviceId, long epochNanos) {
    }

    PlayoutOffsets(Collection<PlaybackSession> sessions) {
        Map<Frame, List<Played>> byFrame = new HashMap<>();
        for (PlaybackSession session : sessions) {
            for (PlayoutSamples.Sample s : session.samples().recent()) {
                byFrame.computeIfAbsent(new Frame(session.streamId(), s.timestamp()), f -> new ArrayList<>())
                        .add(new Played(session.deviceId(), s.epochNanos()));
            }
        }
        Map<String, List<Double>> offsetsByDevice = new HashMap<>();
        List<Double> all = new ArrayList<>();
        for (List<Played> played : byFrame.values()) {
            double median = median(played.stream().mapToDouble(Played::epochNanos).toArray());
            for (Played p : played) {
                double offsetMillis = (p.epochNanos() - median) / 1e6;
                offsetsByDevice.computeIfAbsent(p.deviceId(), d -> new ArrayList<>()).add(offsetMillis);
                all.add(Math.abs(offsetMillis));
            }
        }
        offsetsByDevice.forEach((device, offsets) ->
                medianByDevice.put(device, median(offsets.stream().mapToDouble(Double::doubleValue).toArray())));
        absoluteMillis = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** The device's median offset in ms, or null if it played no sampled frame. */
    Double of(String deviceId) {
        return medianByDevice.get(deviceId);
    }

    /** Percentile (0..1) of the absolute offsets over all speakers and sampled frames, in ms; null if none. */
    Double absolutePercentile(double q) {
        return percentile(absoluteMillis, q);
    }

    /** Nearest-rank percentile (0..1) of sorted values; null if there are none. */
    static Double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
