package vn.loa.sim.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.loa.sim.Eventually;

/** What each speaker remembers having played: real UDP on 127.0.0.1 from a {@link ToneSender}, no MQTT. */
class PlaybackHistoryTest {
    static final int DELAY_MILLIS = 400;

    final RecordingListener events = new RecordingListener();
    final AudioPlane plane = new AudioPlane(new AudioSettings(0.0, null));

    @AfterEach
    void close() throws Exception {
        plane.close();
    }

    private static long nowMillis() {
        return EpochClock.nowNanos() / 1_000_000;
    }

    @Test
    void aRecordSaysWhenThePlaybackStartedAndEndedAndHowMuchItPlayed() throws Exception {
        int frames = 50; // 3 s of 60 ms frames
        try (ToneSender sender = new ToneSender(60, false, frames)) {
            PlaybackSession session = plane.play("dev-h", sender.order("s-h", "t", DELAY_MILLIS, 70),
                    EpochClock.nowNanos(), events);
            Eventually.until("playback started", () -> events.events.contains("playback-started s-h"));
            PlaybackRecord during = plane.history("dev-h").get(0);
            assertThat(during.startedAtMillis()).isNotNull();
            assertThat(during.endedAtMillis()).isNull();
            assertThat(during.end()).isNull();

            assertThat(sender.awaitDone(PlaybackTest.WAIT.toMillis())).isTrue();
            long lastInstant = sender.epochNanosOf(ToneSender.FIRST_TIMESTAMP
                    + (long) (frames - 1) * sender.samplesPerFrame()) + DELAY_MILLIS * 1_000_000L;
            Eventually.until("the last frame's instant", () -> EpochClock.nowNanos() > lastInstant + 100_000_000);
            long stoppedAt = nowMillis();
            session.stop(PlaybackEnd.STOPPED);
            Eventually.until("ended", () -> events.events.contains("playback-ended s-h stopped"));
            long endSeen = nowMillis();

            List<PlaybackRecord> history = plane.history("dev-h");
            assertThat(history).hasSize(1);
            PlaybackRecord r = history.get(0);
            assertThat(r.streamId()).isEqualTo("s-h");
            assertThat(r.volume()).isEqualTo(70);
            long firstInstant = (sender.epochNanosOf(ToneSender.FIRST_TIMESTAMP) + DELAY_MILLIS * 1_000_000L)
                    / 1_000_000;
            assertThat(r.startedAtMillis() - firstInstant).as("started within two frames of the first one's instant")
                    .isBetween(-1L, 2 * 60L);
            assertThat(r.endedAtMillis()).isBetween(stoppedAt, endSeen);
            assertThat(r.playedSeconds()).isCloseTo(frames * 0.060, within(1e-9));
            assertThat(r.concealedSeconds()).isZero();
            assertThat(r.packetsLost()).isZero();
            assertThat(r.end()).isEqualTo(PlaybackEnd.STOPPED);
        }
    }

    @Test
    void onlyTheLatestPlaybacksAreKept() throws Exception {
        int plays = AudioPlane.HISTORY_PER_SPEAKER + 3;
        try (ToneSender absent = new ToneSender(20, false, 1).silent()) {
            for (int i = 0; i < plays; i++) {
                plane.play("dev-b", absent.order("s-" + i, "t", 100), EpochClock.nowNanos(), events)
                        .stop(PlaybackEnd.REPLACED);
            }
            Eventually.until("every playback ended", () -> events.events.size() == plays);
        }
        List<PlaybackRecord> history = plane.history("dev-b");
        assertThat(history).hasSize(AudioPlane.HISTORY_PER_SPEAKER);
        assertThat(history.get(0).streamId()).isEqualTo("s-3");
        assertThat(history.get(history.size() - 1).streamId()).isEqualTo("s-" + (plays - 1));
        assertThat(history).allSatisfy(r -> {
            assertThat(r.startedAtMillis()).as("never heard a frame").isNull();
            assertThat(r.endedAtMillis()).isNotNull();
            assertThat(r.playedSeconds()).isZero();
            assertThat(r.end()).isEqualTo(PlaybackEnd.REPLACED);
        });
        assertThat(plane.history("dev-never")).isEmpty();
    }

    @Test
    void firstAudioOfAStreamIsFoundPerSpeakerFromAGivenInstantOn() throws Exception {
        try (ToneSender a = new ToneSender(20, false, 500); ToneSender b = new ToneSender(20, false, 500)) {
            PlaybackSession one = plane.play("dev-1", a.order("s-a", "t1", 100), EpochClock.nowNanos(), events);
            plane.play("dev-2", a.order("s-a", "t2", 100), EpochClock.nowNanos(), events);
            plane.play("dev-3", b.order("s-b", "t3", 100), EpochClock.nowNanos(), events);
            Eventually.until("all three playing", () -> events.events.size() == 3);

            Map<String, Long> first = plane.firstAudio("s-a", 0);
            assertThat(first).containsOnlyKeys("dev-1", "dev-2");
            assertThat(first.get("dev-1")).isEqualTo(plane.history("dev-1").get(0).startedAtMillis());
            assertThat(first.get("dev-2")).isEqualTo(plane.history("dev-2").get(0).startedAtMillis());
            assertThat(plane.firstAudio("s-b", 0)).containsOnlyKeys("dev-3");
            assertThat(plane.firstAudio("s-none", 0)).isEmpty();

            long resumeFrom = nowMillis() + 1;
            assertThat(plane.firstAudio("s-a", resumeFrom)).as("nothing started since").isEmpty();
            one.stop(PlaybackEnd.REPLACED);
            Eventually.until("dev-1 stopped", () -> events.events.contains("playback-ended s-a replaced"));
            plane.play("dev-1", a.order("s-a", "t4", 100), EpochClock.nowNanos(), events);
            Eventually.until("dev-1 playing s-a again", () -> plane.firstAudio("s-a", resumeFrom).size() == 1);
            assertThat(plane.firstAudio("s-a", resumeFrom).get("dev-1"))
                    .isEqualTo(plane.history("dev-1").get(1).startedAtMillis())
                    .isGreaterThanOrEqualTo(resumeFrom);
        }
    }
}
