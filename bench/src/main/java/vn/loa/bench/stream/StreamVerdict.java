package vn.loa.bench.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loa against GStreamer and against the targets, read off the measured rows. */
final class StreamVerdict {
    static final double TARGET_CPU_PER_PACKET_RATIO = 1.2;
    static final double TARGET_60MS_SHARE_OF_GSTREAMER_20MS = 0.5;
    static final double TARGET_ON_TIME_SHARE = 0.999;
    static final int TARGET_RECEIVERS = 10_000;
    static final String LOA_20 = "loa20ms";
    static final String LOA_60 = "loa60ms";
    static final String GSTREAMER_20 = "gstreamer20ms";
    static final String CPU_PER_1000_PACKETS = "cpuSecondsPer1000Packets";
    static final String CPU_PER_RECEIVER_SECOND = "cpuMsPerReceiverSecond";
    /** Shown beside the on-time verdict, never deciding it: on time against each receiver's own steady phase. */
    static final String OWN_PHASE_INFORMATION = "informationOnlyOnTimeShareAgainstEachReceiversOwnPhase";

    private StreamVerdict() {
    }

    static boolean ran(Map<String, Object> row, String side) {
        return row.get(side) instanceof Map<?, ?> m && !m.containsKey("error");
    }

    static boolean complete(Map<String, Object> row) {
        return ran(row, LOA_20) && ran(row, LOA_60) && ran(row, GSTREAMER_20);
    }

    static double value(Map<String, Object> row, String side, String field) {
        return ((Number) ((Map<?, ?>) row.get(side)).get(field)).doubleValue();
    }

    static Map<String, Object> ratios(Map<String, Object> row) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (ran(row, LOA_20) && ran(row, GSTREAMER_20)) {
            r.put("cpuPerPacketLoa20VsGStreamer20", ratio(row, LOA_20, CPU_PER_1000_PACKETS));
            r.put("cpuPerReceiverSecondLoa20VsGStreamer20", ratio(row, LOA_20, CPU_PER_RECEIVER_SECOND));
        }
        if (ran(row, LOA_60) && ran(row, GSTREAMER_20)) {
            r.put("cpuPerReceiverSecondLoa60VsGStreamer20", ratio(row, LOA_60, CPU_PER_RECEIVER_SECOND));
        }
        return r;
    }

    private static double ratio(Map<String, Object> row, String loaSide, String field) {
        return value(row, loaSide, field) / value(row, GSTREAMER_20, field);
    }

    /** Each target passes only if every size measured it and met it; a size that failed to run fails it. */
    static Map<String, Object> targets(List<Map<String, Object>> rows, Map<String, Object> liveLatency) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("cpuPerPacket20msWithin1.2xOfGStreamer",
                ratioTarget(rows, "cpuPerPacketLoa20VsGStreamer20", TARGET_CPU_PER_PACKET_RATIO));
        t.put("cpuPerReceiverSecond60msAtMostHalfOfGStreamer20ms",
                ratioTarget(rows, "cpuPerReceiverSecondLoa60VsGStreamer20", TARGET_60MS_SHARE_OF_GSTREAMER_20MS));
        Map<String, Object> onTime = new LinkedHashMap<>();
        for (String side : List.of(LOA_20, LOA_60)) {
            onTime.put(side, onTimeTarget(rows, side));
        }
        t.put("tenThousandReceivers99.9PercentOnTime", onTime);
        t.put("liveLatencyUnder200ms", latencyTarget(liveLatency));
        return t;
    }

    private static Map<String, Object> ratioTarget(List<Map<String, Object>> rows, String ratio, double limit) {
        List<Double> measured = new ArrayList<>();
        boolean every = !rows.isEmpty();
        for (Map<String, Object> row : rows) {
            Object r = ((Map<?, ?>) row.get("ratios")).get(ratio);
            if (r == null) {
                every = false;
            } else {
                measured.add(((Number) r).doubleValue());
            }
        }
        double worst = measured.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limit", limit);
        m.put("worstRatio", worst);
        m.put("pass", every && worst <= limit);
        return m;
    }

    /** Every click heard, the slowest under the limit. */
    private static Map<String, Object> latencyTarget(Map<String, Object> liveLatency) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limitMs", LiveLatencyRun.TARGET_MILLIS);
        boolean measured = liveLatency != null && liveLatency.get("latencyMs") instanceof Map<?, ?>;
        m.put("measured", measured);
        if (!measured) {
            m.put("pass", false);
            return m;
        }
        double worst = ((Number) ((Map<?, ?>) liveLatency.get("latencyMs")).get("maxMs")).doubleValue();
        boolean allHeard = liveLatency.get("clicksHeard").equals(liveLatency.get("clicksPushed"));
        m.put("worstMs", worst);
        m.put("allClicksHeard", allHeard);
        m.put("pass", allHeard && worst < LiveLatencyRun.TARGET_MILLIS);
        return m;
    }

    private static Map<String, Object> onTimeTarget(List<Map<String, Object>> rows, String side) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limit", TARGET_ON_TIME_SHARE);
        m.put("measured", false);
        m.put("pass", false);
        for (Map<String, Object> row : rows) {
            if (((Number) row.get("receivers")).intValue() >= TARGET_RECEIVERS && ran(row, side)) {
                double share = value(row, side, "onTimeShare");
                m.put("measured", true);
                m.put("onTimeShare", share);
                m.put("pass", share >= TARGET_ON_TIME_SHARE);
                if (((Map<?, ?>) row.get(side)).get("ownPhase") instanceof Map<?, ?> ownPhase) {
                    m.put(OWN_PHASE_INFORMATION, ownPhase.get("onTimeShare"));
                }
            }
        }
        return m;
    }
}
