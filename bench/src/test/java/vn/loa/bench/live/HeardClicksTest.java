package vn.loa.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeardClicksTest {

    @Test
    void onsetsAreTimedFromTheFirstFramesInstantAtTheSampleRate() {
        short[] recording = new short[48_000];
        recording[4_800] = 20_000;          // 100 ms in
        recording[4_810] = -20_000;         // the same click ringing
        recording[4_800 + 24_000] = 15_000; // 600 ms in
        assertThat(HeardClicks.onsetInstants(recording, 1_000_000L)).containsExactly(1_000_100.0, 1_000_600.0);
    }

    @Test
    void eachOnsetBelongsToTheLatestClickSentBeforeIt() {
        List<Double> sends = List.of(1_000.0, 1_500.0, 2_000.0, 2_500.0);
        List<Double> onsets = List.of(900.0, 1_180.0, 1_690.0, 2_730.0);
        assertThat(HeardClicks.match(onsets, sends)).containsExactly(
                new HeardClicks.Heard(1_000, 180),
                new HeardClicks.Heard(1_500, 190),
                new HeardClicks.Heard(2_500, 230));
    }

    @Test
    void aClickHeardTwiceCountsOnce() {
        assertThat(HeardClicks.match(List.of(1_200.0, 1_260.0), List.of(1_000.0)))
                .containsExactly(new HeardClicks.Heard(1_000, 200));
    }
}
