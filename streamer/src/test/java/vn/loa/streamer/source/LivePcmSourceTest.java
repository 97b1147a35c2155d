package vn.loa.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.testaudio.OpusDecoding;
import vn.loa.streamer.testaudio.Tones;

class LivePcmSourceTest {

    private static final int SAMPLE_RATE = 48_000;
    private static final int SAMPLES_PER_FRAME = 960;
    /** Chunk sizes a browser's audio worklet or a socket might hand over, odd ones included. */
    private static final int[] CHUNK_BYTES = {1, 333, 7, 1_999, 2, 4_096, 15, 960};

    private final List<LivePcmSource> sources = new ArrayList<>();

    @AfterEach
    void closeSources() {
        sources.forEach(LivePcmSource::close);
    }

    @Test
    void aTonePushedInOddChunksComesOutAsTwentyMillisecondOpusFramesOfThatTone() {
        LivePcmSource live = open(SilenceRule.standard());
        byte[] oneSecond = PcmBytes.littleEndian(Tones.sine(440, 0.5, SAMPLE_RATE, SAMPLE_RATE));

        List<byte[]> frames = pushInChunksPollingLikeThePacer(live, oneSecond);

        assertThat(live.frameMillis()).isEqualTo(20);
        assertThat(frames).hasSize(50);
        List<short[]> decoded = OpusDecoding.decode(frames);
        assertThat(decoded).allSatisfy(pcm -> assertThat(pcm).hasSize(SAMPLES_PER_FRAME));
        short[] pcm = OpusDecoding.decodeAll(frames);
        int settled = SAMPLE_RATE / 10; // past the encoder's start-up
        assertThat(Tones.frequency(pcm, settled, pcm.length, SAMPLE_RATE)).isCloseTo(440, within(2.0));
        assertThat(Tones.rmsDbfs(pcm, settled, pcm.length)).isCloseTo(-9.0, within(1.5));
        assertThat(live.droppedMillis()).isZero();
        assertThat(live.health()).isEqualTo(SourceHealth.PLAYING);
    }

    @Test
    void aPartialFrameStaysQueuedUntilTheRestArrives() {
        LivePcmSource live = open(SilenceRule.standard());
        byte[] oneFrame = PcmBytes.littleEndian(Tones.sine(440, 0.5, SAMPLE_RATE, SAMPLES_PER_FRAME));

        live.push(oneFrame, 0, oneFrame.length - 1);
        assertThat(live.poll()).isNull();
        live.push(oneFrame, oneFrame.length - 1, 1);
        assertThat(live.poll()).isNotNull();
        assertThat(live.poll()).isNull();
    }

    @Test
    void audioBeyondTwoSecondsAheadOfThePacerIsDroppedOldestFirstAndCounted() {
        LivePcmSource live = open(SilenceRule.standard());
        byte[] threeSeconds = PcmBytes.littleEndian(Tones.sine(440, 0.5, SAMPLE_RATE, 3 * SAMPLE_RATE));

        live.push(threeSeconds, 0, threeSeconds.length);

        assertThat(live.queuedMillis()).isEqualTo(LivePcmSource.MAX_QUEUED_MILLIS);
        assertThat(live.droppedMillis()).isEqualTo(3_000 - LivePcmSource.MAX_QUEUED_MILLIS);
    }

    @Test
    void aBacklogThatNeverDrainsIsTrimmedToTheStandingCushionAfterOneWindowWithoutAGap() {
        LivePcmSource live = open(SilenceRule.standard());
        byte[] oneFrame = PcmBytes.littleEndian(Tones.sine(440, 0.5, SAMPLE_RATE, SAMPLES_PER_FRAME));
        int aheadFrames = 10;
        for (int i = 0; i < aheadFrames; i++) {
            live.push(oneFrame, 0, oneFrame.length);
        }

        // The pacer takes one frame per slot while the pusher keeps up: the 10 frames pushed ahead stand for good.
        for (int slot = 0; slot < 3 * LiveOpusPipeline.STANDING_WINDOW_POLLS; slot++) {
            live.push(oneFrame, 0, oneFrame.length);
            assertThat(live.poll()).as("slot %d", slot).isNotNull();
        }

        int standingAtTrim = aheadFrames + 1;
        assertThat(live.droppedMillis()).isEqualTo((standingAtTrim - LivePcmSource.STANDING_BACKLOG_FRAMES) * 20L);
        assertThat(live.queuedMillis()).isEqualTo((LivePcmSource.STANDING_BACKLOG_FRAMES - 1) * 20L);
    }

    @Test
    void burstsThatDrainWithinAWindowLoseNothing() {
        LivePcmSource live = open(SilenceRule.standard());
        int burstFrames = 5;
        byte[] burst = PcmBytes.littleEndian(Tones.sine(440, 0.5, SAMPLE_RATE, burstFrames * SAMPLES_PER_FRAME));

        for (int round = 0; round < 4 * LiveOpusPipeline.STANDING_WINDOW_POLLS / burstFrames; round++) {
            live.push(burst, 0, burst.length);
            for (int slot = 0; slot < burstFrames; slot++) {
                assertThat(live.poll()).isNotNull();
            }
        }

        assertThat(live.droppedMillis()).isZero();
        assertThat(live.poll()).isNull();
    }

    @Test
    void silenceLongerThanTheRuleIsReportedAndAToneTurnsItBackToPlaying() throws InterruptedException {
        Duration silenceAfter = Duration.ofMillis(400);
        LivePcmSource live = open(new SilenceRule(silenceAfter, -60));
        byte[] tone = PcmBytes.littleEndian(Tones.sine(440, 0.5, SAMPLE_RATE, SAMPLES_PER_FRAME));
        byte[] hiss = PcmBytes.littleEndian(Tones.sine(440, 10 / 32768.0, SAMPLE_RATE, SAMPLES_PER_FRAME));

        // Read before the push: the source stamps the tone inside push(), so its silence clock starts no earlier.
        long lastAudible = System.nanoTime();
        live.push(tone, 0, tone.length);
        assertThat(live.health()).isEqualTo(SourceHealth.PLAYING);

        long deadline = lastAudible + silenceAfter.multipliedBy(5).toNanos();
        while (live.health() == SourceHealth.PLAYING && System.nanoTime() < deadline) {
            live.push(hiss, 0, hiss.length);
            Thread.sleep(20);
        }
        assertThat(live.health()).isEqualTo(SourceHealth.SILENT);
        assertThat(Duration.ofNanos(System.nanoTime() - lastAudible)).isGreaterThanOrEqualTo(silenceAfter);

        live.push(tone, 0, tone.length);
        assertThat(live.health()).isEqualTo(SourceHealth.PLAYING);
    }

    @Test
    void aLiveSourceThatReceivesNothingBecomesSilentNotDead() throws InterruptedException {
        Duration silenceAfter = Duration.ofMillis(200);
        LivePcmSource live = open(new SilenceRule(silenceAfter, -60));
        long deadline = System.nanoTime() + silenceAfter.multipliedBy(10).toNanos();
        while (live.health() == SourceHealth.PLAYING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(live.health()).isEqualTo(SourceHealth.SILENT);
    }

    @Test
    void aClosedSourceHasEndedYieldsNothingAndRefusesMorePcm() {
        LivePcmSource live = open(SilenceRule.standard());
        byte[] oneFrame = PcmBytes.littleEndian(Tones.sine(440, 0.5, SAMPLE_RATE, SAMPLES_PER_FRAME));
        live.push(oneFrame, 0, oneFrame.length);

        live.close();

        assertThat(live.health()).isEqualTo(SourceHealth.ENDED);
        assertThat(live.poll()).isNull();
        assertThatThrownBy(() -> live.push(oneFrame, 0, oneFrame.length))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        live.close();
        assertThat(live.health()).isEqualTo(SourceHealth.ENDED);
    }

    @Test
    void aRangeOutsideTheArrayIsRefusedWithoutLosingWhatWasPushedBefore() {
        LivePcmSource live = open(SilenceRule.standard());
        byte[] oneFrame = PcmBytes.littleEndian(Tones.sine(440, 0.5, SAMPLE_RATE, SAMPLES_PER_FRAME));
        live.push(oneFrame, 0, 1_000);

        assertThatThrownBy(() -> live.push(oneFrame, 1_000, oneFrame.length))
                .isInstanceOf(IndexOutOfBoundsException.class);
        live.push(oneFrame, 1_000, oneFrame.length - 1_000);

        assertThat(drain(live)).hasSize(1);
    }

    private LivePcmSource open(SilenceRule silence) {
        LivePcmSource live = new LivePcmSource("live test", silence);
        sources.add(live);
        return live;
    }

    /** Pushes in odd chunks; after each, takes what is ready, as a pacer keeping up would. */
    private static List<byte[]> pushInChunksPollingLikeThePacer(LivePcmSource live, byte[] pcm) {
        List<byte[]> frames = new ArrayList<>();
        int offset = 0;
        for (int i = 0; offset < pcm.length; i++) {
            int length = Math.min(CHUNK_BYTES[i % CHUNK_BYTES.length], pcm.length - offset);
            live.push(pcm, offset, length);
            offset += length;
            frames.addAll(drain(live));
        }
        return frames;
    }

    private static List<byte[]> drain(LivePcmSource live) {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] frame = live.poll(); frame != null; frame = live.poll()) {
            frames.add(frame);
        }
        return frames;
    }
}
