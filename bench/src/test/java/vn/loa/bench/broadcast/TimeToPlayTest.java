package vn.loa.bench.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeToPlayTest {
    static final long T0 = 1_700_000_000_000L;

    @Test
    void timesCountFromTheCallAndTheSharesRankOverEverySpeakerExpected() {
        List<Long> plays = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            plays.add(T0 + 10L * i); // 10, 20, ... 2000 ms
        }
        TimeToPlay times = TimeToPlay.of(plays, 200, T0);
        assertThat(times.untilShare(0.99)).isEqualTo(1980.0);
        assertThat(times.untilShare(1.0)).isEqualTo(2000.0);
        assertThat(times.sortedMillis()).startsWith(10.0, 20.0);
    }

    @Test
    void aSpeakerThatNeverPlayedKeepsTheFullShareUnreached() {
        List<Long> plays = List.of(T0 + 300, T0 + 100, T0 + 200);
        TimeToPlay times = TimeToPlay.of(plays, 4, T0);
        assertThat(times.untilShare(0.75)).isEqualTo(300.0);
        assertThat(times.untilShare(0.99)).isNull();
        assertThat(times.untilShare(1.0)).isNull();
        Map<String, Object> summary = times.summary();
        assertThat(summary).containsEntry("speakers", 4).containsEntry("played", 3).containsEntry("missing", 1)
                .containsEntry("until100PercentMs", null);
        assertThat(map(summary.get("latencyMs"))).containsEntry("p50Ms", 200.0).containsEntry("maxMs", 300.0);
    }

    @Test
    void moreSpeakersPlayingThanExpectedIsAnError() {
        assertThatThrownBy(() -> TimeToPlay.of(List.of(T0, T0), 1, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTargetsPassOnlyWhenTheShareWasReachedInTime() {
        List<Long> fast = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fast.add(T0 + (i < 99 ? 900 : 1900));
        }
        Map<String, Object> pass = BroadcastVerdict.targets(TimeToPlay.of(fast, 100, T0));
        assertThat(map(pass.get("emergency99PercentWithin1s"))).containsEntry("pass", true)
                .containsEntry("measuredMs", 900.0);
        assertThat(map(pass.get("emergencyAllOnlineWithin2s"))).containsEntry("pass", true)
                .containsEntry("measuredMs", 1900.0);

        Map<String, Object> oneMissing = BroadcastVerdict.targets(TimeToPlay.of(fast.subList(0, 99), 100, T0));
        assertThat(map(oneMissing.get("emergency99PercentWithin1s"))).containsEntry("pass", true);
        assertThat(map(oneMissing.get("emergencyAllOnlineWithin2s"))).containsEntry("pass", false)
                .containsEntry("measuredMs", null);

        Map<String, Object> slow = BroadcastVerdict.targets(TimeToPlay.of(List.of(T0 + 1001), 1, T0));
        assertThat(map(slow.get("emergency99PercentWithin1s"))).containsEntry("pass", false);
        assertThat(map(slow.get("emergencyAllOnlineWithin2s"))).containsEntry("pass", true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
