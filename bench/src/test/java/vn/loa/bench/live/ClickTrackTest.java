package vn.loa.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.bench.live.ClickTrack.MicFrame;
import vn.loa.bench.support.WavFiles;

class ClickTrackTest {

    @Test
    void theTrackIsOneClickThenSilenceForAWholeNumberOfFrames() {
        byte[] wav = ClickTrack.wav();
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int samples = b.getInt(40) / 2;
        assertThat(samples).isEqualTo(48 * ClickTrack.PERIOD_MILLIS).isEqualTo(960 * (ClickTrack.PERIOD_MILLIS / 20));
        int loud = 0;
        int lastLoud = -1;
        for (int i = 0; i < samples; i++) {
            if (Math.abs(b.getShort(WavFiles.HEADER_BYTES + 2 * i)) > 1000) {
                loud++;
                lastLoud = i;
            }
        }
        assertThat(loud).isPositive();
        assertThat(lastLoud).isLessThan(48 * ClickTrack.CLICK_MILLIS);
    }

    @Test
    void aClickIsSentWithTheFirstLoudFrameAfterAQuietOne() {
        List<MicFrame> frames = List.of(
                new MicFrame(0.6, 1_000),   // loud from the start: a click already under way, not an onset
                new MicFrame(0.0, 1_020),
                new MicFrame(0.5, 1_040),   // onset
                new MicFrame(0.3, 1_060),   // the same click, still loud
                new MicFrame(0.01, 1_080),
                new MicFrame(0.1, 1_100),   // too soft to be a click
                new MicFrame(0.45, 1_540)); // next click
        assertThat(ClickTrack.clickSends(frames)).containsExactly(1_040.0, 1_540.0);
    }
}
