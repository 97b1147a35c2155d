package vn.loa.controller.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    @Test
    void aSpeakerThatPlayedToTheEndPlayedIt() {
        Delivery d = new Delivery("b", "d", 7L);
        d.started(T0.plusMillis(300));
        d.finish(T0.plusSeconds(10), null);
        DeliveryRow row = d.row(T0.plusSeconds(11));
        assertThat(row.outcome()).isEqualTo(Outcome.played);
        assertThat(row.secondsPlayed()).isCloseTo(9.7, within(0.001));
        assertThat(row.firstStartedAt()).isEqualTo(T0.plusMillis(300));
        assertThat(row.lastEndedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void segmentsAddUpAndAPreemptionIsTheOutcome() {
        Delivery d = new Delivery("b", "d", null);
        d.started(T0);
        d.preempted(T0.plusSeconds(4), null);
        d.started(T0.plusSeconds(9));
        d.finish(T0.plusSeconds(12), null);
        DeliveryRow row = d.row(T0.plusSeconds(12));
        assertThat(row.outcome()).isEqualTo(Outcome.preempted);
        assertThat(row.preemptions()).isEqualTo(1);
        assertThat(row.secondsPlayed()).isCloseTo(7, within(0.001));
    }

    @Test
    void audioThatStoppedOnItsOwnBeforeTheEndIsPartlyPlayed() {
        Delivery d = new Delivery("b", "d", null);
        d.started(T0);
        d.stopped(T0.plusSeconds(3), null, false);
        d.notPlaying(Outcome.failed, "stream-lost");
        d.finish(T0.plusSeconds(10), null);
        DeliveryRow row = d.row(T0.plusSeconds(10));
        assertThat(row.outcome()).isEqualTo(Outcome.partly_played);
        assertThat(row.reason()).isEqualTo("stream-lost");
        assertThat(row.secondsPlayed()).isCloseTo(3, within(0.001));
    }

    @Test
    void aSpeakerThatNeverPlayedKeepsWhy() {
        Delivery offline = new Delivery("b", "d1", null);
        offline.notPlaying(Outcome.offline, "offline when told to play");
        offline.finish(T0, null);
        assertThat(offline.row(T0).outcome()).isEqualTo(Outcome.offline);

        Delivery refused = new Delivery("b", "d2", null);
        refused.notPlaying(Outcome.rejected, "network: cannot resolve host");
        refused.finish(T0, null);
        assertThat(refused.row(T0).outcome()).isEqualTo(Outcome.rejected);
        assertThat(refused.row(T0).reason()).startsWith("network");

        Delivery held = new Delivery("b", "d3", null);
        held.heldBy("e1");
        held.finish(T0, null);
        assertThat(held.row(T0).outcome()).isEqualTo(Outcome.preempted);

        Delivery silent = new Delivery("b", "d4", null);
        silent.finish(T0, null);
        assertThat(silent.row(T0).outcome()).isEqualTo(Outcome.failed);
        assertThat(silent.row(T0).reason()).isEqualTo("no audio reported");
    }

    @Test
    void aRowWhilePlayingCountsTheOpenSegment() {
        Delivery d = new Delivery("b", "d", null);
        d.started(T0);
        DeliveryRow row = d.row(T0.plusSeconds(5));
        assertThat(row.outcome()).isEqualTo(Outcome.playing);
        assertThat(row.secondsPlayed()).isCloseTo(5, within(0.001));
        assertThat(row.lastEndedAt()).isNull();
    }
}
