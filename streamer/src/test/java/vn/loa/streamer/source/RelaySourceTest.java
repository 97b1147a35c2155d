package vn.loa.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.testaudio.OpusDecoding;
import vn.loa.streamer.testaudio.Tones;

class RelaySourceTest {

    private static final int SAMPLE_RATE = 48_000;
    private static final double TONE_HZ = 440;
    private static final Duration SILENCE_AFTER = Duration.ofMillis(800);
    private static final Duration DEAD_AFTER = Duration.ofMillis(1_000);
    private static final RelaySettings FAST = new RelaySettings(SILENCE_AFTER, DEAD_AFTER, Duration.ofMillis(100),
            Duration.ofMillis(400), -60);
    /** Connecting, FFmpeg's probing and a reconnect back-off on a loaded machine. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    /** Beyond the configured time: audio still buffered when the server went away, and a busy machine. */
    private static final Duration DETECTION_MARGIN = Duration.ofSeconds(2);

    private static byte[] toneMp3;
    private static byte[] silenceMp3;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void encodeTestStreams() throws IOException {
        toneMp3 = ToneRadio.mp3(Tones.sine(TONE_HZ, 0.5, SAMPLE_RATE, 2 * SAMPLE_RATE));
        silenceMp3 = ToneRadio.mp3(new short[2 * SAMPLE_RATE]);
    }

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void aRelayedRadioToneArrivesAsTwentyMillisecondOpusFramesOfThatTone() throws Exception {
        ToneRadio radio = radio(toneMp3);
        RelaySource relay = relay(radio.uri(ToneRadio.PATH));

        List<byte[]> frames = pollLikeThePacer(relay, Duration.ofMillis(1_500), MARGIN);

        assertThat(relay.frameMillis()).isEqualTo(20);
        assertCarriesTheTone(frames);
        assertThat(relay.health()).isEqualTo(SourceHealth.PLAYING);
        assertThat(relay.droppedMillis()).isZero();
    }

    @Test
    void aFileDeliveredFasterThanRealTimeIsDecodedAtThePacersRateWithoutDrops() throws Exception {
        ToneRadio radio = radio(toneMp3);
        RelaySource relay = relay(radio.uri(ToneRadio.FILE_PATH));

        List<byte[]> frames = pollLikeThePacer(relay, Duration.ofMillis(1_500), MARGIN);

        assertThat(relay.droppedMillis()).isZero();
        assertCarriesTheTone(frames);
    }

    @Test
    void aStoppedServerMakesTheRelayDeadAndItsReturnMakesItPlayAgain() throws Exception {
        ToneRadio radio = radio(toneMp3);
        RelaySource relay = relayPlaying(radio);

        radio.stop();
        awaitHealth(relay, SourceHealth.DEAD, DEAD_AFTER.plus(DETECTION_MARGIN));

        radio.restart();
        awaitHealth(relay, SourceHealth.PLAYING, FAST.reconnectMax().plus(MARGIN));
        assertCarriesTheTone(pollLikeThePacer(relay, Duration.ofMillis(600), MARGIN));
    }

    @Test
    void aServerThatStallsWithTheConnectionOpenIsNoticedAndRelayedAgainWhenItResumes() throws Exception {
        ToneRadio radio = radio(toneMp3);
        RelaySource relay = relayPlaying(radio);

        radio.stall(true);
        awaitHealth(relay, SourceHealth.DEAD, DEAD_AFTER.plus(DETECTION_MARGIN));
        awaitReconnection(radio, 2, DEAD_AFTER.plus(FAST.reconnectMax()).plus(MARGIN));

        radio.stall(false);
        awaitHealth(relay, SourceHealth.PLAYING, DEAD_AFTER.plus(FAST.reconnectMax()).plus(MARGIN));
        assertThat(pollLikeThePacer(relay, Duration.ofMillis(200), MARGIN)).isNotEmpty();
    }

    @Test
    void aStreamOfDigitalSilenceIsSilentButNotDead() throws Exception {
        ToneRadio radio = radio(silenceMp3);
        RelaySource relay = relay(radio.uri(ToneRadio.PATH));
        List<byte[]> frames = pollLikeThePacer(relay, Duration.ofMillis(200), MARGIN);
        assertThat(frames).isNotEmpty();

        awaitHealth(relay, SourceHealth.SILENT, SILENCE_AFTER.plus(DETECTION_MARGIN));
        // frames keep coming well past the dead-after time: silent is not dead
        long until = System.nanoTime() + DEAD_AFTER.multipliedBy(2).toNanos();
        while (System.nanoTime() < until) {
            relay.poll();
            assertThat(relay.health()).isEqualTo(SourceHealth.SILENT);
            Thread.sleep(20);
        }
    }

    @Test
    void aMissingStreamIsDeadAndYieldsNoFrames() throws Exception {
        ToneRadio radio = radio(toneMp3);
        RelaySource relay = relay(radio.uri("/no-such-stream.mp3"));

        awaitHealth(relay, SourceHealth.DEAD, DEAD_AFTER.plus(DETECTION_MARGIN));
        assertThat(relay.poll()).isNull();
    }

    @Test
    void urlsThatWouldReadLocalFilesAreRefused() {
        assertThatThrownBy(() -> new RelaySource(URI.create("file:///etc/passwd"), FAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> new RelaySource(URI.create("concat:a.mp3|b.mp3"), FAST))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelaySource(URI.create("/relative/path.mp3"), FAST))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingEndsTheSourceAndStopsItsDecoderThread() throws Exception {
        ToneRadio radio = radio(toneMp3);
        RelaySource relay = relayPlaying(radio);

        relay.close();

        assertThat(relay.health()).isEqualTo(SourceHealth.ENDED);
        assertThat(relayThreads()).isEmpty();
    }

    /** Decoded, the frames are the 440 Hz tone at its level (-9 dBFS RMS for a half-scale sine). */
    private static void assertCarriesTheTone(List<byte[]> frames) {
        short[] pcm = OpusDecoding.decodeAll(frames);
        int settled = SAMPLE_RATE / 5; // past the MP3 and Opus start-up
        assertThat(Tones.frequency(pcm, settled, pcm.length, SAMPLE_RATE)).isCloseTo(TONE_HZ, within(3.0));
        assertThat(Tones.rmsDbfs(pcm, settled, pcm.length)).isCloseTo(-9.0, within(2.0));
    }

    @Test
    void closingARelayStuckOnAStalledServerReturnsWithinTheReadTimeout() throws Exception {
        ToneRadio radio = radio(toneMp3);
        RelaySource relay = relayPlaying(radio);
        radio.stall(true);
        awaitHealth(relay, SourceHealth.DEAD, DEAD_AFTER.plus(DETECTION_MARGIN));

        relay.close();

        assertThat(relay.health()).isEqualTo(SourceHealth.ENDED);
        assertThat(relayThreads()).isEmpty();
    }

    private ToneRadio radio(byte[] mp3) throws IOException {
        ToneRadio radio = ToneRadio.serving(mp3);
        resources.add(radio);
        return radio;
    }

    private RelaySource relay(URI url) {
        RelaySource relay = new RelaySource(url, FAST);
        resources.add(0, relay);
        return relay;
    }

    /**
     * Polls once per frame period on a fixed schedule, as the stream's pacer does; once the first frame arrives
     * (within {@code firstWithin}), collects {@code length} worth of frames, allowing a second of gaps.
     */
    private static List<byte[]> pollLikeThePacer(RelaySource relay, Duration length, Duration firstWithin)
            throws InterruptedException {
        List<byte[]> frames = new ArrayList<>();
        long period = Duration.ofMillis(relay.frameMillis()).toNanos();
        long deadline = System.nanoTime() + firstWithin.toNanos();
        long nextTick = System.nanoTime();
        int wanted = (int) (length.toMillis() / relay.frameMillis());
        while (frames.size() < wanted) {
            byte[] frame = relay.poll();
            if (frame != null) {
                if (frames.isEmpty()) {
                    deadline = System.nanoTime() + length.plusSeconds(1).toNanos();
                }
                frames.add(frame);
            }
            assertThat(System.nanoTime()).as("frames from %s in time", relay.describe()).isLessThan(deadline);
            nextTick += period;
            TimeUnit.NANOSECONDS.sleep(Math.max(0, nextTick - System.nanoTime()));
        }
        return frames;
    }

    /** A relay of the radio's stream, once its first frames have come through. */
    private RelaySource relayPlaying(ToneRadio radio) throws InterruptedException {
        RelaySource relay = relay(radio.uri(ToneRadio.PATH));
        pollLikeThePacer(relay, Duration.ofMillis(200), MARGIN);
        return relay;
    }

    private static void awaitHealth(RelaySource relay, SourceHealth expected, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (relay.health() != expected && System.nanoTime() < deadline) {
            relay.poll();
            Thread.sleep(20);
        }
        assertThat(relay.health()).as("health of %s", relay.describe()).isEqualTo(expected);
    }

    private static void awaitReconnection(ToneRadio radio, int listeners, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (radio.listenersServed() < listeners && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(radio.listenersServed()).as("connections to the radio").isGreaterThanOrEqualTo(listeners);
    }

    private static List<String> relayThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("relay-"))
                .toList();
    }
}
