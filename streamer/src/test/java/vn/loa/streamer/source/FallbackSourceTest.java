package vn.loa.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.media.MediaLibrary;
import vn.loa.streamer.opus.OpusEncoder;
import vn.loa.streamer.opus.OpusSettings;
import vn.loa.streamer.testaudio.OpusDecoding;
import vn.loa.streamer.testaudio.Tones;

/**
 * A real relay of a local radio that stops, goes silent and comes back, with a fallback item of another tone: what
 * goes out each tick, as the pacer polls it, is the radio while it plays and the fallback while it does not.
 */
class FallbackSourceTest {

    private static final int SAMPLE_RATE = 48_000;
    private static final double RADIO_HZ = 440;
    private static final double FALLBACK_HZ = 880;
    private static final int FRAME_MILLIS = MediaLibrary.FRAME_MILLIS;
    private static final Duration SILENCE_AFTER = Duration.ofMillis(800);
    private static final Duration DEAD_AFTER = Duration.ofMillis(1_000);
    private static final RelaySettings FAST = new RelaySettings(SILENCE_AFTER, DEAD_AFTER, Duration.ofMillis(100),
            Duration.ofMillis(400), -60);
    /** Connecting, FFmpeg's probing, audio still buffered and a reconnect back-off on a loaded machine. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    /** Frames past the MP3 and Opus start-up: 240 ms. */
    private static final int SETTLING_FRAMES = 4;
    /** Consecutive ticks without a frame that count as a gap in the audio rather than a hiccup. */
    private static final int MAX_GAP_FRAMES = 3;

    private static byte[] toneMp3;
    private static byte[] silenceMp3;
    private static List<byte[]> fallbackFrames;

    @BeforeAll
    static void encodeTestAudio() throws IOException {
        toneMp3 = ToneRadio.mp3(Tones.sine(RADIO_HZ, 0.5, SAMPLE_RATE, 2 * SAMPLE_RATE));
        silenceMp3 = ToneRadio.mp3(new short[2 * SAMPLE_RATE]);
        short[] fallbackPcm = Tones.sine(FALLBACK_HZ, 0.5, SAMPLE_RATE, 3 * SAMPLE_RATE);
        fallbackFrames = new ArrayList<>();
        try (OpusEncoder encoder = new OpusEncoder(OpusSettings.prerecorded())) {
            for (int at = 0; at + encoder.samplesPerFrame() <= fallbackPcm.length; at += encoder.samplesPerFrame()) {
                fallbackFrames.add(encoder.encode(fallbackPcm, at));
            }
        }
    }

    @Test
    void aDeadRelayIsReplacedByTheFallbackFromItsStartEachTimeAndComesBack() throws Exception {
        try (ToneRadio radio = ToneRadio.serving(toneMp3); FallbackSource source = fallbackFor(radio)) {
            Pacer pacer = new Pacer(source);
            pacer.until("the relay plays", MARGIN,
                    () -> source.health() == SourceHealth.PLAYING && pacer.lastFrame() != null);
            assertCarries(pacer.collect(Duration.ofMillis(1_200)), RADIO_HZ);
            assertThat(source.describe()).contains(ToneRadio.PATH, "fallback: fallback tone");

            radio.stop();
            byte[] firstFallbackFrame = pacer.until("the fallback plays", DEAD_AFTER.plus(MARGIN),
                    source::playingFallback);
            assertThat(source.health()).isEqualTo(SourceHealth.DEAD);
            assertThat(firstFallbackFrame).as("the fallback from its start").isEqualTo(fallbackFrames.get(0));
            pacer.resetGaps();
            List<byte[]> fallback = pacer.collect(Duration.ofMillis(1_500));
            assertThat(pacer.longestGap()).as("ticks without a frame on the fallback").isZero();
            assertCarries(fallback, FALLBACK_HZ);
            assertThat(source.describe()).contains("fallback tone (fallback while", ToneRadio.PATH, "is down");

            radio.restart();
            pacer.until("the relay plays again", FAST.reconnectMax().plus(MARGIN), () -> !source.playingFallback());
            assertThat(source.health()).isEqualTo(SourceHealth.PLAYING);
            assertCarries(pacer.collect(Duration.ofMillis(1_200)), RADIO_HZ);
            assertThat(pacer.longestGap()).as("ticks without a frame after switching back")
                    .isLessThanOrEqualTo(MAX_GAP_FRAMES);

            radio.stop();
            assertThat(pacer.until("the fallback plays again", DEAD_AFTER.plus(MARGIN), source::playingFallback))
                    .as("the fallback from its start again").isEqualTo(fallbackFrames.get(0));
        }
    }

    @Test
    void aSilentRelayIsReplacedByTheFallbackAndStillDrained() throws Exception {
        try (ToneRadio radio = ToneRadio.serving(silenceMp3);
             RelaySource relay = new RelaySource(radio.uri(ToneRadio.PATH), FAST, FRAME_MILLIS);
             FallbackSource source = new FallbackSource(relay, fallbackItem())) {
            Pacer pacer = new Pacer(source);

            pacer.until("the fallback plays", SILENCE_AFTER.plus(MARGIN), source::playingFallback);
            assertThat(source.health()).isEqualTo(SourceHealth.SILENT);
            pacer.resetGaps();
            List<byte[]> fallback = pacer.collect(Duration.ofMillis(1_500));

            assertThat(pacer.longestGap()).isZero();
            assertCarries(fallback, FALLBACK_HZ);
            assertThat(relay.droppedMillis()).as("the relay is polled and its frames discarded").isZero();
            assertThat(relay.queuedMillis()).isLessThan(RelaySource.MAX_QUEUED_MILLIS);
        }
    }

    @Test
    void sourcesOfDifferentFramePeriodsAreRefused() throws Exception {
        try (ToneRadio radio = ToneRadio.serving(toneMp3);
             RelaySource relay = new RelaySource(radio.uri(ToneRadio.PATH), FAST)) {
            assertThat(relay.frameMillis()).isEqualTo(20);
            assertThatThrownBy(() -> new FallbackSource(relay, fallbackItem()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("60 ms").hasMessageContaining("20 ms");
        }
    }

    @Test
    void closingEndsItAndTheRelay() throws Exception {
        try (ToneRadio radio = ToneRadio.serving(toneMp3)) {
            RelaySource relay = new RelaySource(radio.uri(ToneRadio.PATH), FAST, FRAME_MILLIS);
            FallbackSource source = new FallbackSource(relay, fallbackItem());
            assertThat(source.frameMillis()).isEqualTo(FRAME_MILLIS);

            source.close();

            assertThat(source.health()).isEqualTo(SourceHealth.ENDED);
            assertThat(relay.health()).isEqualTo(SourceHealth.ENDED);
            assertThatThrownBy(source::poll).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }

    private static FallbackSource fallbackFor(ToneRadio radio) {
        return new FallbackSource(new RelaySource(radio.uri(ToneRadio.PATH), FAST, FRAME_MILLIS), fallbackItem());
    }

    private static MediaFrameSource fallbackItem() {
        return new MediaFrameSource("fallback tone", List.of(fallbackFrames), true);
    }

    /**
     * Decoded, the frames are the tone at its level (-9 dBFS RMS for a half-scale sine). The pitch is the median of
     * each frame's own, so a frame the relay's queue dropped while the machine was busy (a splice in the decoded
     * audio) does not count as a change of pitch.
     */
    private static void assertCarries(List<byte[]> frames, double hz) {
        List<short[]> decoded = OpusDecoding.decode(frames);
        List<short[]> settled = decoded.subList(Math.min(decoded.size(), SETTLING_FRAMES), decoded.size());
        assertThat(settled).as("decoded frames").isNotEmpty();
        double[] pitches = settled.stream().mapToDouble(pcm -> Tones.frequency(pcm, 0, pcm.length, SAMPLE_RATE))
                .sorted().toArray();
        assertThat(pitches[pitches.length / 2]).isCloseTo(hz, within(3.0));
        short[] pcm = OpusDecoding.decodeAll(frames);
        int settledSamples = SETTLING_FRAMES * SAMPLE_RATE / 1000 * FRAME_MILLIS;
        assertThat(Tones.rmsDbfs(pcm, settledSamples, pcm.length)).isCloseTo(-9.0, within(2.0));
    }

    /** Polls once per frame period on a fixed schedule, as the stream's pacer does, and notes the gaps. */
    private static final class Pacer {
        private final FrameSource source;
        private final long periodNanos;
        private long nextTick = System.nanoTime();
        private byte[] lastFrame;
        private int gap;
        private int longestGap;

        Pacer(FrameSource source) {
            this.source = source;
            this.periodNanos = TimeUnit.MILLISECONDS.toNanos(source.frameMillis());
        }

        /** Ticks until {@code condition} holds after a tick, failing after {@code within}; the last tick's frame. */
        byte[] until(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            do {
                tick();
                assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            } while (!condition.getAsBoolean());
            return lastFrame;
        }

        /** The frames of {@code length} worth of ticks. */
        List<byte[]> collect(Duration length) throws InterruptedException {
            List<byte[]> frames = new ArrayList<>();
            for (long ticks = length.toNanos() / periodNanos; ticks > 0; ticks--) {
                if (tick() != null) {
                    frames.add(lastFrame);
                }
            }
            return frames;
        }

        byte[] lastFrame() {
            return lastFrame;
        }

        int longestGap() {
            return longestGap;
        }

        /** Forgets the gaps so far: the longest gap is counted from here. */
        void resetGaps() {
            gap = 0;
            longestGap = 0;
        }

        private byte[] tick() throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, nextTick - System.nanoTime()));
            nextTick += periodNanos;
            lastFrame = source.poll();
            gap = lastFrame == null ? gap + 1 : 0;
            longestGap = Math.max(longestGap, gap);
            return lastFrame;
        }
    }
}
