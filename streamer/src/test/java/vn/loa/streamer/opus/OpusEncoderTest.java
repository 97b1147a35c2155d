package vn.loa.streamer.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.testaudio.OpusDecoding;
import vn.loa.streamer.testaudio.Tones;

class OpusEncoderTest {

    private static final int SECONDS = 2;

    @Test
    void prerecordedSettingsEncodeA440ToneThatDecodesBackTo440Hz() {
        List<byte[]> packets = encodeTone(OpusSettings.prerecorded(), 440);

        assertThat(packets).hasSize(SECONDS * 1000 / 60);
        // 32 kbit/s at 60 ms is 240 bytes a packet on average; VBR may wander but stays in this order of size.
        double meanBytes = packets.stream().mapToInt(p -> p.length).average().orElseThrow();
        assertThat(meanBytes).isBetween(60.0, 400.0);

        List<short[]> decoded = OpusDecoding.decode(packets);
        assertThat(decoded).allSatisfy(frame -> assertThat(frame).hasSize(2880));
        short[] pcm = OpusDecoding.decodeAll(packets);
        assertThat(Tones.frequency(pcm, 4800, pcm.length, OpusEncoder.SAMPLE_RATE)).isCloseTo(440.0,
                offset(2.0));
        assertThat(Tones.rmsDbfs(pcm, 4800, pcm.length)).isCloseTo(-9.0, offset(1.5));
    }

    @Test
    void liveSettingsEncodeTwentyMillisecondPacketsWithFecThatDecodeToTheTone() {
        List<byte[]> packets = encodeTone(OpusSettings.live(), 1000);

        assertThat(packets).hasSize(SECONDS * 1000 / 20);
        assertThat(OpusDecoding.decode(packets)).allSatisfy(frame -> assertThat(frame).hasSize(960));
        short[] pcm = OpusDecoding.decodeAll(packets);
        assertThat(Tones.frequency(pcm, 4800, pcm.length, OpusEncoder.SAMPLE_RATE)).isCloseTo(1000.0,
                offset(3.0));
    }

    @Test
    void framesHoldTheSamplesOfTheirDurationAndTheHeaderDescribesMono() {
        try (OpusEncoder twenty = new OpusEncoder(OpusSettings.live());
             OpusEncoder sixty = new OpusEncoder(OpusSettings.prerecorded())) {
            assertThat(twenty.samplesPerFrame()).isEqualTo(960);
            assertThat(sixty.samplesPerFrame()).isEqualTo(2880);
            byte[] head = sixty.opusHead();
            assertThat(new String(head, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("OpusHead");
            assertThat(head[9]).as("channels").isEqualTo((byte) 1);
            int preSkip = (head[10] & 0xff) | (head[11] & 0xff) << 8;
            assertThat(preSkip).isPositive();
        }
    }

    @Test
    void tooFewSamplesAreRefusedAndTheEncoderStaysUsable() {
        try (OpusEncoder encoder = new OpusEncoder(OpusSettings.live())) {
            short[] pcm = new short[1000];
            assertThatThrownBy(() -> encoder.encode(pcm, 100)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("960");
            assertThat(encoder.encode(pcm, 40)).isNotEmpty();
        }
    }

    @Test
    void aClosedEncoderRefusesWorkAndClosesTwiceQuietly() {
        OpusEncoder encoder = new OpusEncoder(OpusSettings.live());
        encoder.close();
        encoder.close();
        assertThatThrownBy(() -> encoder.encode(new short[960], 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void settingsOutsideTheNamedLimitsAreRefused() {
        assertThatThrownBy(() -> new OpusSettings(40, 32_000, false, 0)).hasMessageContaining("20 or 60");
        assertThatThrownBy(() -> new OpusSettings(20, OpusSettings.MIN_BITRATE - 1, false, 0))
                .hasMessageContaining("bitrate");
        assertThatThrownBy(() -> new OpusSettings(20, OpusSettings.MAX_BITRATE + 1, false, 0))
                .hasMessageContaining("bitrate");
        assertThatThrownBy(() -> new OpusSettings(20, 32_000, true, 101)).hasMessageContaining("loss");
        assertThat(new OpusSettings(20, OpusSettings.MAX_BITRATE, true, 100).bitrate()).isEqualTo(510_000);
    }

    private static List<byte[]> encodeTone(OpusSettings settings, double frequency) {
        short[] tone = Tones.sine(frequency, 0.5, OpusEncoder.SAMPLE_RATE, SECONDS * OpusEncoder.SAMPLE_RATE);
        List<byte[]> packets = new ArrayList<>();
        try (OpusEncoder encoder = new OpusEncoder(settings)) {
            for (int at = 0; at + encoder.samplesPerFrame() <= tone.length; at += encoder.samplesPerFrame()) {
                packets.add(encoder.encode(tone, at));
            }
        }
        return packets;
    }
}
