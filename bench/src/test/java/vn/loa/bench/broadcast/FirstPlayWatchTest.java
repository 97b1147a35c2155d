package vn.loa.bench.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.loa.sim.audio.PlaybackEnd;
import vn.loa.sim.audio.PlaybackRecord;

class FirstPlayWatchTest {
    static final long SINCE = 1_700_000_000_000L;

    private static PlaybackRecord played(String stream, Long startedAt) {
        return new PlaybackRecord(stream, null, SINCE - 10_000, null, null, startedAt, null, 1, 0, 0, PlaybackEnd.STOPPED);
    }

    @Test
    void theFirstPlaybackOfAnyOfTheBroadcastsStreamsSinceTheCallCounts() {
        List<PlaybackRecord> history = List.of(played("main", SINCE - 5_000), played("emergency", SINCE + 300),
                played("resumed", SINCE + 900), played("main", SINCE + 700));
        assertThat(FirstPlayWatch.firstPlayed(history, Set.of("main", "resumed"), SINCE).startedAtMillis())
                .isEqualTo(SINCE + 700);
        assertThat(FirstPlayWatch.firstPlayed(history, Set.of("emergency"), SINCE).startedAtMillis())
                .isEqualTo(SINCE + 300);
    }

    @Test
    void aPlaybackThatHasNotStartedOrAnotherStreamDoesNotCount() {
        List<PlaybackRecord> history = List.of(played("main", null), played("other", SINCE + 10));
        assertThat(FirstPlayWatch.firstPlayed(history, Set.of("main"), SINCE)).isNull();
        assertThat(FirstPlayWatch.firstPlayed(List.of(), Set.of("main"), SINCE)).isNull();
    }
}
