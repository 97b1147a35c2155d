package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamVerdictTest {

    private static Map<String, Object> side(double cpuPer1000, double cpuPerReceiverSecond, double onTime) {
        return Map.of("cpuSecondsPer1000Packets", cpuPer1000, "cpuMsPerReceiverSecond", cpuPerReceiverSecond,
                "onTimeShare", onTime);
    }

    private static Map<String, Object> row(int receivers, Map<String, Object> loa20, Map<String, Object> loa60,
                                           Map<String, Object> gstreamer) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("receivers", receivers);
        row.put("loa20ms", loa20);
        row.put("loa60ms", loa60);
        row.put("gstreamer20ms", gstreamer);
        row.put("ratios", StreamVerdict.ratios(row));
        return row;
    }

    @Test
    void ratiosAreLoaOverGStreamerTwentyMilliseconds() {
        Map<String, Object> row = row(500, side(0.06, 3.0, 1), side(0.1, 1.5, 1), side(0.05, 2.5, 1));
        Map<?, ?> ratios = (Map<?, ?>) row.get("ratios");
        assertThat((double) ratios.get("cpuPerPacketLoa20VsGStreamer20")).isEqualTo(1.2, within(1e-9));
        assertThat((double) ratios.get("cpuPerReceiverSecondLoa20VsGStreamer20")).isEqualTo(1.2, within(1e-9));
        assertThat((double) ratios.get("cpuPerReceiverSecondLoa60VsGStreamer20")).isEqualTo(0.6, within(1e-9));
    }

    @Test
    void eachTargetPassesOnlyWhenEverySizeMeetsIt() {
        List<Map<String, Object>> rows = List.of(
                row(1_000, side(0.05, 2.0, 1), side(0.1, 1.0, 1), side(0.05, 2.0, 1)),
                row(10_000, side(0.07, 2.0, 0.9995), side(0.1, 1.2, 0.998), side(0.05, 2.0, 1)));
        Map<?, ?> targets = StreamVerdict.targets(rows, null);
        Map<?, ?> perPacket = (Map<?, ?>) targets.get("cpuPerPacket20msWithin1.2xOfGStreamer");
        assertThat(perPacket.get("pass")).isEqualTo(false);
        assertThat((double) perPacket.get("worstRatio")).isEqualTo(1.4, within(1e-9));
        Map<?, ?> sixty = (Map<?, ?>) targets.get("cpuPerReceiverSecond60msAtMostHalfOfGStreamer20ms");
        assertThat(sixty.get("pass")).isEqualTo(false);
        assertThat((double) sixty.get("worstRatio")).isEqualTo(0.6, within(1e-9));
        Map<?, ?> onTime = (Map<?, ?>) targets.get("tenThousandReceivers99.9PercentOnTime");
        assertThat(((Map<?, ?>) onTime.get("loa20ms")).get("pass")).isEqualTo(true);
        assertThat(((Map<?, ?>) onTime.get("loa60ms")).get("pass")).isEqualTo(false);
    }

    @Test
    void theOwnPhaseFigureIsShownBesideTheStrictOnTimeVerdictWithoutChangingIt() {
        Map<String, Object> loa20 = new LinkedHashMap<>(side(0.05, 2.0, 0.2));
        loa20.put("ownPhase", Map.of("onTimeShare", 0.9995));
        List<Map<String, Object>> rows = List.of(row(10_000, loa20, side(0.02, 0.5, 0.3), side(0.05, 2.0, 0.3)));
        Map<?, ?> onTime = (Map<?, ?>) StreamVerdict.targets(rows, null).get("tenThousandReceivers99.9PercentOnTime");
        Map<?, ?> loa = (Map<?, ?>) onTime.get("loa20ms");
        assertThat(loa.get("pass")).isEqualTo(false);
        assertThat(loa.get("onTimeShare")).isEqualTo(0.2);
        assertThat(loa.get(StreamVerdict.OWN_PHASE_INFORMATION)).isEqualTo(0.9995);
        assertThat(((Map<?, ?>) onTime.get("loa60ms")).containsKey(StreamVerdict.OWN_PHASE_INFORMATION)).isFalse();
    }

    @Test
    void aSizeThatFailedToRunFailsTheTargetsInsteadOfBeingSkipped() {
        List<Map<String, Object>> rows = List.of(
                row(1_000, side(0.05, 2.0, 1), side(0.02, 0.5, 1), side(0.05, 2.0, 1)),
                row(10_000, Map.of("error", "sender died"), Map.of("error", "sender died"), side(0.05, 2.0, 1)));
        Map<?, ?> targets = StreamVerdict.targets(rows, null);
        assertThat(pass(targets, "cpuPerPacket20msWithin1.2xOfGStreamer")).isEqualTo(false);
        assertThat(pass(targets, "cpuPerReceiverSecond60msAtMostHalfOfGStreamer20ms")).isEqualTo(false);
        Map<?, ?> onTime = (Map<?, ?>) targets.get("tenThousandReceivers99.9PercentOnTime");
        assertThat(((Map<?, ?>) onTime.get("loa20ms")).get("measured")).isEqualTo(false);
        assertThat(StreamVerdict.complete(rows.get(1))).isFalse();
    }

    @Test
    void targetsMetAtEverySizePass() {
        List<Map<String, Object>> rows = List.of(
                row(500, side(0.05, 2.0, 1), side(0.02, 0.9, 1), side(0.05, 2.0, 1)),
                row(10_000, side(0.06, 2.0, 0.9999), side(0.02, 1.0, 0.9999), side(0.05, 2.0, 1)));
        Map<?, ?> targets = StreamVerdict.targets(rows, null);
        assertThat(pass(targets, "cpuPerPacket20msWithin1.2xOfGStreamer")).isEqualTo(true);
        assertThat(pass(targets, "cpuPerReceiverSecond60msAtMostHalfOfGStreamer20ms")).isEqualTo(true);
    }

    @Test
    void liveLatencyPassesOnlyIfEveryClickWasHeardAndTheSlowestUnder200Ms() {
        Map<String, Object> fast = Map.of("clicksPushed", 10, "clicksHeard", 10, "latencyMs", Map.of("maxMs", 185.0));
        Map<String, Object> slow = Map.of("clicksPushed", 10, "clicksHeard", 10, "latencyMs", Map.of("maxMs", 200.0));
        Map<String, Object> deaf = Map.of("clicksPushed", 10, "clicksHeard", 9, "latencyMs", Map.of("maxMs", 150.0));
        assertThat(latencyPass(fast)).isEqualTo(true);
        assertThat(latencyPass(slow)).isEqualTo(false);
        assertThat(latencyPass(deaf)).isEqualTo(false);
        assertThat(latencyPass(Map.of("error", "speaker never started"))).isEqualTo(false);
        assertThat(((Map<?, ?>) StreamVerdict.targets(List.of(), null).get("liveLatencyUnder200ms")).get("measured"))
                .isEqualTo(false);
    }

    private static Object latencyPass(Map<String, Object> liveLatency) {
        return pass(StreamVerdict.targets(List.of(), liveLatency), "liveLatencyUnder200ms");
    }

    private static Object pass(Map<?, ?> targets, String target) {
        return ((Map<?, ?>) targets.get(target)).get("pass");
    }
}
