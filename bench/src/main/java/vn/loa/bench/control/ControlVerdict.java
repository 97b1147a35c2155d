package vn.loa.bench.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ratios against the floor and the targets, read off the measured rows. */
final class ControlVerdict {
    private ControlVerdict() {
    }

    /** True when both sides of a row ran to the end. */
    static boolean complete(Map<String, Object> row) {
        return !map(row.get("loa")).containsKey("error") && !map(row.get("floor")).containsKey("error");
    }

    static Map<String, Object> ratios(Map<String, Object> loa, Map<String, Object> floor) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("areaCommandP50", ratio(loa, floor, "areaCommand", "groupCommand", "p50Ms"));
        r.put("areaCommandP99", ratio(loa, floor, "areaCommand", "groupCommand", "p99Ms"));
        r.put("areaCommandUntilAll", ratio(loa, floor, "areaCommand", "groupCommand", "untilAllResultsMs"));
        r.put("singleRoundTripP50", ratio(loa, floor, "singleDeviceRoundTrip", "singleDeviceRoundTrip", "p50Ms"));
        r.put("singleRoundTripP99", ratio(loa, floor, "singleDeviceRoundTrip", "singleDeviceRoundTrip", "p99Ms"));
        r.put("reconnectRamp", number(loa.get("reconnectSeconds")) / number(floor.get("connectSeconds")));
        return r;
    }

    static Map<String, Object> targets(List<Map<String, Object>> rows) {
        Map<String, Object> t = new LinkedHashMap<>();
        boolean tenThousand = false;
        boolean p99Ok = true;
        boolean floorOk = true;
        boolean memoryOk = true;
        for (Map<String, Object> row : rows) {
            if (!complete(row)) {
                p99Ok = floorOk = memoryOk = false;
                continue;
            }
            tenThousand |= number(row.get("speakers")) >= 10_000;
            Map<String, Object> loa = map(row.get("loa"));
            p99Ok &= number(map(loa.get("areaCommand")).get("p99Ms")) < ControlBench.TARGET_AREA_P99_MS;
            floorOk &= number(map(row.get("ratios")).get("areaCommandUntilAll")) <= ControlBench.TARGET_FLOOR_RATIO;
            Map<String, Object> memory = map(loa.get("memory"));
            memoryOk &= number(memory.get("rssPerSpeakerKb")) < ControlBench.TARGET_KB_PER_SPEAKER
                    && number(memory.get("heapPerSpeakerKb")) < ControlBench.TARGET_KB_PER_SPEAKER;
        }
        t.put("tenThousandConnected", tenThousand);
        t.put("areaCommandP99Under1s", p99Ok);
        t.put("areaCommandWithin3xOfFloor", floorOk);
        t.put("under100KbPerSpeaker", memoryOk);
        return t;
    }

    private static double ratio(Map<String, Object> loa, Map<String, Object> floor, String loaKey, String floorKey,
                                String field) {
        return number(map(loa.get(loaKey)).get(field)) / number(map(floor.get(floorKey)).get(field));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static double number(Object o) {
        return ((Number) o).doubleValue();
    }
}
