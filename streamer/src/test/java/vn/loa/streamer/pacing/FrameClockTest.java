package vn.loa.streamer.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameClockTest {
    private static final long START = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void framesAreDueAtWholeMultiplesOfTheFrameFromTheStart() {
        FrameClock clock = new FrameClock(START, 20);
        assertThat(clock.dueNanos(0)).isEqualTo(START);
        assertThat(clock.dueNanos(1)).isEqualTo(START + 20 * MS);
        assertThat(clock.samplesAtFrame(1)).isEqualTo(960);
        assertThat(new FrameClock(START, 60).samplesAtFrame(1)).isEqualTo(2880);
    }

    @Test
    void noDriftAfterDaysOfFrames() {
        FrameClock clock = new FrameClock(START, 20);
        long framesIn100Hours = 100L * 3600 * 50;
        assertThat(clock.dueNanos(framesIn100Hours)).isEqualTo(START + 100L * 3600 * 1_000_000_000L);
        assertThat(clock.samplesAt(clock.dueNanos(framesIn100Hours))).isEqualTo(100L * 3600 * 48_000);
        assertThat(clock.samplesAt(clock.dueNanos(framesIn100Hours)))
                .isEqualTo(clock.samplesAtFrame(framesIn100Hours));
    }

    @Test
    void samplesBetweenFramesFollowTheFortyEightKilohertzClock() {
        FrameClock clock = new FrameClock(START, 60);
        assertThat(clock.samplesAt(START + 10 * MS)).isEqualTo(480);
        assertThat(clock.samplesAt(START + 1_500 * MS)).isEqualTo(72_000);
    }

    @Test
    void aTickOnTimeSendsTheOneFrameDue() {
        FrameClock clock = new FrameClock(START, 20);
        assertThat(clock.plan(0, START)).isEqualTo(new TickPlan(0, 1));
        assertThat(clock.plan(1, START + 20 * MS + 300_000)).isEqualTo(new TickPlan(0, 1));
    }

    @Test
    void anEarlyTickSendsNothing() {
        FrameClock clock = new FrameClock(START, 20);
        assertThat(clock.plan(1, START + 19 * MS)).isEqualTo(TickPlan.IDLE);
        assertThat(clock.plan(0, START - MS)).isEqualTo(TickPlan.IDLE);
    }

    @Test
    void aLateTickCatchesUpWithAtMostThreeFrames() {
        FrameClock clock = new FrameClock(START, 20);
        assertThat(clock.plan(1, START + 40 * MS)).isEqualTo(new TickPlan(0, 2));
        assertThat(clock.plan(1, START + 60 * MS)).isEqualTo(new TickPlan(0, FrameClock.MAX_FRAMES_PER_TICK));
    }

    @Test
    void beyondThreeFramesLateTheOldestAreSkipped() {
        FrameClock clock = new FrameClock(START, 20);
        TickPlan plan = clock.plan(10, START + 300 * MS);
        assertThat(plan.send()).isEqualTo(FrameClock.MAX_FRAMES_PER_TICK);
        assertThat(plan.skip()).isEqualTo(16 - 10 - FrameClock.MAX_FRAMES_PER_TICK);
        assertThat(clock.plan(10 + plan.skip() + plan.send(), START + 300 * MS)).isEqualTo(TickPlan.IDLE);
    }

    @Test
    void refusesANonPositiveFrame() {
        assertThatThrownBy(() -> new FrameClock(START, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
