package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiveLatencyRunTest {
    private static final long MS = 1_000_000;
    private static final long BASE = 1_700_000_000_000L * MS;

    @Test
    void eachDecodedClickIsPairedWithTheLatestClickPushedBeforeItWasPlayed() {
        short[] played = new short[3 * 48_000];
        played[9_600] = Short.MAX_VALUE;            // played at BASE + 200 ms
        played[48_000 + 8_640] = Short.MIN_VALUE;   // played at BASE + 1180 ms
        List<Long> pushes = List.of(BASE + 10 * MS, BASE + 1010 * MS, BASE + 2010 * MS);
        List<Double> latencies = LiveLatencyRun.latencies(played, PlayoutTimeline.of(BASE, 20, List.of()), pushes);
        assertThat(latencies).hasSize(2);
        assertThat(latencies.get(0)).isEqualTo(190.0, within(1e-9));
        assertThat(latencies.get(1)).isEqualTo(170.0, within(1e-9));
    }

    @Test
    void aSoundBeforeAnyClickWasPushedIsNotALatency() {
        short[] played = new short[48_000];
        played[100] = Short.MAX_VALUE;
        assertThat(LiveLatencyRun.latencies(played, PlayoutTimeline.of(BASE, 20, List.of()),
                List.of(BASE + 500 * MS))).isEmpty();
    }
}
