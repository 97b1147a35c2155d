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

    /**
     * Loa's time until 99 % and 100 % of the speakers play the emergency over the floor's for the same switch; null
     * where either never got there.
     */
    static Map<String, Object> vsFloor(TimeToPlay loa, TimeToPlay floor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emergencyUntil99PercentRatio", ratio(loa.untilShare(0.99), floor.untilShare(0.99)));
        m.put("emergencyUntil100PercentRatio", ratio(loa.untilShare(1.0), floor.untilShare(1.0)));
        m.put("floorMeetsTargets", targets(floor).values().stream()
                .allMatch(t -> Boolean.TRUE.equals(((Map<?, ?>) t).get("pass"))));
        return m;
    }

    private static Double ratio(Double loa, Double floor) {
        return loa == null || floor == null || floor == 0 ? null : Math.round(loa / floor * 100) / 100.0;
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
