package vn.loa.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaFrameSourceTest {

    private static final List<byte[]> ITEM_A = frames("a", 3);
    private static final List<byte[]> ITEM_B = frames("b", 2);

    @Test
    void aPlaylistPlaysItsItemsInOrderThenEnds() {
        try (MediaFrameSource source = new MediaFrameSource("morning", List.of(ITEM_A, List.of(), ITEM_B), false)) {
            assertThat(source.frameMillis()).isEqualTo(60);
            assertThat(source.describe()).isEqualTo("morning");
            assertThat(source.health()).isEqualTo(SourceHealth.PLAYING);

            assertThat(playToTheEnd(source)).containsExactly("a0", "a1", "a2", "b0", "b1");
            assertThat(source.poll()).isNull();
            assertThat(source.positionMillis()).isEqualTo(5 * 60);
        }
    }

    @Test
    void aLoopingItemStartsAgainAndNeverEnds() {
        try (MediaFrameSource source = new MediaFrameSource("jingle", List.of(List.of(), ITEM_B), true, 20)) {
            List<String> played = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                played.add(new String(source.poll()));
            }

            assertThat(played).containsExactly("b0", "b1", "b0", "b1", "b0");
            assertThat(source.health()).isEqualTo(SourceHealth.PLAYING);
            assertThat(source.positionMillis()).isEqualTo(5 * 20);
        }
    }

    @Test
    void anEmptyPlaylistHasEndedBeforeItStartsEvenWhenLooping() {
        try (MediaFrameSource source = new MediaFrameSource("nothing", List.of(List.of(), List.of()), true)) {
            assertThat(source.health()).isEqualTo(SourceHealth.ENDED);
            assertThat(source.poll()).isNull();
            assertThat(source.positionMillis()).isZero();
        }
    }

    @Test
    void aClosedSourceHasEndedAndRefusesPolls() {
        MediaFrameSource source = new MediaFrameSource("closed", List.of(ITEM_A), true);
        source.close();
        assertThat(source.health()).isEqualTo(SourceHealth.ENDED);
        assertThatThrownBy(source::poll).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void framesMustLastTwentyOrSixtyMilliseconds() {
        assertThatThrownBy(() -> new MediaFrameSource("odd", List.of(ITEM_A), false, 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 or 60");
    }

    @Test
    void aStartPositionSkipsWholeFramesAndCountsInThePosition() {
        try (MediaFrameSource source = new MediaFrameSource("resumed", List.of(ITEM_A, List.of(), ITEM_B), false, 60,
                150)) {
            assertThat(source.positionMillis()).as("150 ms is two whole frames in").isEqualTo(2 * 60);

            assertThat(playToTheEnd(source)).containsExactly("a2", "b0", "b1");
            assertThat(source.positionMillis()).isEqualTo(5 * 60);
        }
    }

    @Test
    void aStartAtOrPastTheEndOfAPlaylistHasEndedAtOnce() {
        try (MediaFrameSource atEnd = new MediaFrameSource("over", List.of(ITEM_A, ITEM_B), false, 60, 5 * 60);
             MediaFrameSource past = new MediaFrameSource("over", List.of(ITEM_A, ITEM_B), false, 60, 3_600_000)) {
            assertThat(atEnd.health()).isEqualTo(SourceHealth.ENDED);
            assertThat(atEnd.poll()).isNull();
            assertThat(past.health()).isEqualTo(SourceHealth.ENDED);
            assertThat(past.positionMillis()).as("the end of the playlist").isEqualTo(5 * 60);
        }
    }

    @Test
    void aStartPastTheEndOfALoopWrapsAround() {
        try (MediaFrameSource source = new MediaFrameSource("loop", List.of(ITEM_A, ITEM_B), true, 20, 7 * 20 + 5)) {
            List<String> played = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                played.add(new String(source.poll()));
            }

            assertThat(played).as("frame 7 of a 5-frame loop is frame 2").containsExactly("a2", "b0", "b1", "a0");
            assertThat(source.positionMillis()).as("counted across loops").isEqualTo(11 * 20);
            assertThat(source.health()).isEqualTo(SourceHealth.PLAYING);
        }
    }

    @Test
    void aReopenedSourcePlaysFromItsOwnStartWhateverTheFirstHasPlayed() {
        try (MediaFrameSource first = new MediaFrameSource("jingle", List.of(ITEM_A), false)) {
            playToTheEnd(first);

            try (MediaFrameSource again = first.reopenedAt(0); MediaFrameSource later = first.reopenedAt(60)) {
                assertThat(playToTheEnd(again)).containsExactly("a0", "a1", "a2");
                assertThat(playToTheEnd(later)).containsExactly("a1", "a2");
                assertThat(later.describe()).isEqualTo("jingle");
            }
        }
    }

    @Test
    void aNegativeStartIsRefused() {
        assertThatThrownBy(() -> new MediaFrameSource("back", List.of(ITEM_A), false, 60, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    private static List<String> playToTheEnd(MediaFrameSource source) {
        List<String> played = new ArrayList<>();
        while (source.health() != SourceHealth.ENDED) {
            played.add(new String(source.poll()));
        }
        return played;
    }

    private static List<byte[]> frames(String prefix, int count) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add((prefix + i).getBytes());
        }
        return frames;
    }
}
