package vn.loa.bench.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loa.sim.audio.PlaybackRecord;

class SwitchStagesTest {
    static final long CALL = 1_700_000_000_000L;

    private static PlaybackRecord played(long orderedAfter, long joinedAfter, long packetAfter, long startedAfter) {
        return new PlaybackRecord("em", 100, CALL + orderedAfter, CALL + joinedAfter, CALL + packetAfter,
                CALL + startedAfter, null, 1, 0, 0, null);
    }

    @Test
    void eachStageIsMeasuredFromTheEndOfTheOneBefore() {
        Map<String, Object> stages = SwitchStages.of(List.of(played(400, 450, 700, 900),
                played(600, 800, 1_000, 1_300)), CALL);
        assertThat(stages).containsOnlyKeys("orderArrivedMs", "joinSentAfterOrderMs", "firstPacketAfterJoinMs",
                "playedAfterFirstPacketMs");
        assertThat(stage(stages, "orderArrivedMs")).containsEntry("p50Ms", 400.0).containsEntry("maxMs", 600.0);
        assertThat(stage(stages, "joinSentAfterOrderMs")).containsEntry("p50Ms", 50.0).containsEntry("maxMs", 200.0);
        assertThat(stage(stages, "firstPacketAfterJoinMs")).containsEntry("p50Ms", 200.0)
                .containsEntry("maxMs", 250.0);
        assertThat(stage(stages, "playedAfterFirstPacketMs")).containsEntry("p50Ms", 200.0)
                .containsEntry("maxMs", 300.0).containsEntry("count", 2);
    }

    @Test
    void aPlaybackWithoutAPacketCountsOnlyWhereItsInstantsAre() {
        PlaybackRecord noPacket = new PlaybackRecord("em", null, CALL + 50, CALL + 60, null, null, null, 0, 0, 0,
                null);
        Map<String, Object> stages = SwitchStages.of(List.of(noPacket, played(400, 450, 700, 900)), CALL);
        assertThat(stage(stages, "orderArrivedMs")).containsEntry("count", 2);
        assertThat(stage(stages, "joinSentAfterOrderMs")).containsEntry("count", 2);
        assertThat(stage(stages, "firstPacketAfterJoinMs")).containsEntry("count", 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stage(Map<String, Object> stages, String name) {
        return (Map<String, Object>) stages.get(name);
    }
}
