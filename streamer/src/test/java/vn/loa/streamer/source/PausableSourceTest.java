package vn.loa.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PausableSourceTest {

    private static MediaFrameSource playlist(int frames) {
        List<byte[]> item = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            item.add(new byte[] {(byte) i});
        }
        return new MediaFrameSource("test", List.of(item), false);
    }

    @Test
    void whilePausedNothingIsYieldedAndThePlaylistResumesWhereItWasHeld() {
        MediaFrameSource media = playlist(5);
        PausableSource source = new PausableSource(media);
        assertThat(source.poll()).containsExactly(0);
        source.pause();
        assertThat(source.paused()).isTrue();
        assertThat(source.poll()).isNull();
        assertThat(source.poll()).isNull();
        assertThat(source.describe()).endsWith("(paused)");
        assertThat(media.positionMillis()).isEqualTo(60);
        source.resume();
        assertThat(source.poll()).containsExactly(1);
        assertThat(source.health()).isEqualTo(SourceHealth.PLAYING);
    }
}
