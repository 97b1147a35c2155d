package vn.loa.bench.broadcast;

import java.util.LinkedHashMap;
import java.util.Map;

/** The targets for a province-wide emergency, read off the measured times. */
final class BroadcastVerdict {
    static final double TARGET_99_PERCENT_MS = 1_000;
    static final double TARGET_ALL_ONLINE_MS = 2_000;

    private BroadcastVerdict() {
    }

    static Map<String, Object> targets(TimeToPlay emergency) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("emergency99PercentWithin1s", target(emergency.untilShare(0.99), TARGET_99_PERCENT_MS));
        t.put("emergencyAllOnlineWithin2s", target(emergency.untilShare(1.0), TARGET_ALL_ONLINE_MS));
        return t;
    }

    /** A share never reached fails, with no measured time. */
    private static Map<String, Object> target(Double measuredMs, double limitMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limitMs", limitMs);
        m.put("measuredMs", measuredMs);
        m.put("pass", measuredMs != null && measuredMs <= limitMs);
        return m;
    }
}
