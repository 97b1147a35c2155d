package vn.loa.streamer.source;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.testaudio.Tones;
import vn.loa.streamer.testlog.LogCapture;

class SourceHealthTrackerTest {

    private static final SilenceRule SILENCE = new SilenceRule(Duration.ofSeconds(10), -60);
    private static final long DEAD_AFTER = Duration.ofSeconds(5).toNanos();
    private static final short[] TONE = Tones.sine(440, 0.5, 48_000, 960);
    private static final short[] QUIET = new short[960];

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SourceHealthTracker relay = new SourceHealthTracker("relay", SILENCE, DEAD_AFTER, now::get);
    private final SourceHealthTracker live =
            new SourceHealthTracker("live", SILENCE, SourceHealthTracker.NEVER_DEAD, now::get);

    @Test
    void aRelayThatNeverDeliversIsPlayingUntilTheDeadTimeThenDead() {
        advance(Duration.ofMillis(4_999));
        assertThat(relay.health()).isEqualTo(SourceHealth.PLAYING);
        advance(Duration.ofMillis(1));
        assertThat(relay.health()).isEqualTo(SourceHealth.DEAD);
    }

    @Test
    void quietAudioBecomesSilentExactlyAfterTheSilenceTime() {
        relay.frameArrived(TONE);
        for (int second = 1; second < 10; second++) {
            quietFor(Duration.ofSeconds(1));
            assertThat(relay.health()).isEqualTo(SourceHealth.PLAYING);
        }
        quietFor(Duration.ofSeconds(1));
        assertThat(relay.health()).isEqualTo(SourceHealth.SILENT);

        relay.frameArrived(TONE);
        assertThat(relay.health()).isEqualTo(SourceHealth.PLAYING);
    }

    @Test
    void deadOutranksSilentAndReturningAudioPlaysAgainEvenIfItStartsQuiet() {
        relay.frameArrived(TONE);
        advance(Duration.ofSeconds(12));
        assertThat(relay.health()).isEqualTo(SourceHealth.DEAD);

        relay.frameArrived(QUIET);
        assertThat(relay.health()).isEqualTo(SourceHealth.PLAYING);
        quietFor(Duration.ofMillis(9_980));
        assertThat(relay.health()).isEqualTo(SourceHealth.PLAYING);
        quietFor(Duration.ofMillis(20));
        assertThat(relay.health()).isEqualTo(SourceHealth.SILENT);
    }

    @Test
    void aRelayThatStopsDeliveringIsDeadNotSilentEvenWithAShortSilenceTime() {
        SilenceRule oneSecond = new SilenceRule(Duration.ofSeconds(1), -60);
        SourceHealthTracker quickToSilence = new SourceHealthTracker("relay", oneSecond, DEAD_AFTER, now::get);
        quickToSilence.frameArrived(TONE);
        advance(Duration.ofMillis(4_999));
        assertThat(quickToSilence.health()).isEqualTo(SourceHealth.PLAYING);
        advance(Duration.ofMillis(1));
        assertThat(quickToSilence.health()).isEqualTo(SourceHealth.DEAD);
    }

    @Test
    void aRelayThatStopsDeliveringAfterQuietAudioStaysSilentUntilDead() {
        relay.frameArrived(TONE);
        quietFor(Duration.ofSeconds(10));
        assertThat(relay.health()).isEqualTo(SourceHealth.SILENT);
        advance(Duration.ofSeconds(5));
        assertThat(relay.health()).isEqualTo(SourceHealth.DEAD);
    }

    @Test
    void aLiveSourceIsNeverDeadOnlySilent() {
        advance(Duration.ofHours(1));
        assertThat(live.health()).isEqualTo(SourceHealth.SILENT);
        live.frameArrived(TONE);
        assertThat(live.health()).isEqualTo(SourceHealth.PLAYING);
    }

    @Test
    void anEndedSourceStaysEnded() {
        relay.frameArrived(TONE);
        relay.end();
        assertThat(relay.health()).isEqualTo(SourceHealth.ENDED);
        advance(Duration.ofMinutes(1));
        assertThat(relay.health()).isEqualTo(SourceHealth.ENDED);
    }

    @Test
    void everyChangeIsLoggedOnceAndLosingAudioIsAWarning() {
        try (LogCapture log = LogCapture.of(SourceHealthTracker.class)) {
            relay.health();
            advance(Duration.ofSeconds(5));
            relay.health();
            relay.health();
            relay.frameArrived(TONE);
            relay.health();

            assertThat(log.messages()).containsExactly(
                    "Source relay is now DEAD (was PLAYING)",
                    "Source relay is now PLAYING (was DEAD)");
            assertThat(log.levels()).containsExactly(Level.WARN, Level.INFO);
        }
    }

    /** Quiet 20 ms frames arriving steadily for {@code length}. */
    private void quietFor(Duration length) {
        for (long frames = length.toMillis() / 20; frames > 0; frames--) {
            advance(Duration.ofMillis(20));
            relay.frameArrived(QUIET);
        }
    }

    private void advance(Duration step) {
        now.addAndGet(step.toNanos());
    }
}
