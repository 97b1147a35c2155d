package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FanoutJudgeTest {
    private static final long MS = 1_000_000;
    private static final long START = 1_000_000 * MS;
    private static final int SAMPLES_20MS = 960;

    /** Frame k (RTP timestamp base + k * 960, sequence seq0 + k) sent to every receiver, 10 us apart. */
    private static void frame(FanoutJudge judge, int k, long firstArrival, int receivers) {
        for (int r = 0; r < receivers; r++) {
            judge.accept(firstArrival + r * 10_000L, 4_000_000_000L + (long) k * SAMPLES_20MS, 100 + k);
        }
    }

    @Test
    void aPerfectlyPacedFanOutIsAllOnTimeWithNoJitter() {
        FanoutJudge judge = new FanoutJudge(3, 20, START, START + 1000 * MS);
        for (int k = 0; k < 50; k++) {
            frame(judge, k, START + k * 20 * MS, 3);
        }
        FanoutQuality q = judge.result();
        assertThat(q.frames()).isEqualTo(50);
        assertThat(q.packetsExpected()).isEqualTo(150);
        assertThat(q.packetsReceived()).isEqualTo(150);
        assertThat(q.packetsLost()).isZero();
        assertThat(q.onTimeShare()).isEqualTo(1.0);
        assertThat(q.interDepartureJitterMs()).isEqualTo(0.0, within(1e-9));
        assertThat(q.frameSpreadMs().max()).isEqualTo(0.02, within(1e-9));
    }

    @Test
    void copiesMoreThanFiveMillisecondsOffScheduleEitherWayAreNotOnTime() {
        FanoutJudge judge = new FanoutJudge(1, 20, START, START + 1000 * MS);
        frame(judge, 0, START, 1);
        frame(judge, 1, START + 20 * MS + 5 * MS, 1);       // exactly at the tolerance: on time
        frame(judge, 2, START + 40 * MS + 5 * MS + 1, 1);   // just past it: late
        frame(judge, 3, START + 60 * MS - 6 * MS, 1);       // early
        FanoutQuality q = judge.result();
        assertThat(q.onTime()).isEqualTo(2);
        assertThat(q.late()).isEqualTo(1);
        assertThat(q.early()).isEqualTo(1);
        assertThat(q.onTimeShare()).isEqualTo(0.5);
    }

    @Test
    void theLastCopiesOfAWideFanOutAreJudgedAgainstTheFrameScheduleNotTheFirstCopy() {
        FanoutJudge judge = new FanoutJudge(1000, 20, START, START + 1000 * MS);
        frame(judge, 0, START, 1000);   // copies 10 us apart: the last one 9.99 ms after the first
        FanoutQuality q = judge.result();
        assertThat(q.onTime()).isEqualTo(501);   // 0 .. 5 ms inclusive
        assertThat(q.late()).isEqualTo(499);
        assertThat(q.frameSpreadMs().max()).isEqualTo(9.99, within(1e-9));
    }

    @Test
    void missingCopiesAndWholeMissingFramesCountAsLostAndNotOnTime() {
        FanoutJudge judge = new FanoutJudge(4, 20, START, START + 1000 * MS);
        frame(judge, 0, START, 4);
        frame(judge, 1, START + 20 * MS, 3);    // one copy lost
        frame(judge, 3, START + 60 * MS, 4);    // frame 2 lost entirely (sequence gap)
        FanoutQuality q = judge.result();
        assertThat(q.frames()).isEqualTo(4);
        assertThat(q.packetsExpected()).isEqualTo(16);
        assertThat(q.packetsLost()).isEqualTo(5);
        assertThat(q.onTimeShare()).isEqualTo(11 / 16.0);
    }

    @Test
    void framesBeganBeforeOrAfterTheWindowAreLeftOutButLateCopiesOfCountedFramesAreKept() {
        FanoutJudge judge = new FanoutJudge(2, 20, START, START + 40 * MS);
        judge.accept(START - 1 * MS, 4_000_000_000L - SAMPLES_20MS, 99);    // frame -1, first copy before window
        judge.accept(START + 1 * MS, 4_000_000_000L - SAMPLES_20MS, 99);    // its second copy inside: not counted
        frame(judge, 0, START + 2 * MS, 2);
        frame(judge, 1, START + 22 * MS, 1);
        judge.accept(START + 41 * MS, 4_000_000_000L + SAMPLES_20MS, 101);  // frame 1's late copy after the window
        frame(judge, 2, START + 42 * MS, 2);                                // frame 2 starts after the window
        FanoutQuality q = judge.result();
        assertThat(q.frames()).isEqualTo(2);
        assertThat(q.packetsReceived()).isEqualTo(4);
        assertThat(q.late()).isEqualTo(1);
        assertThat(q.onTime()).isEqualTo(3);
    }

    @Test
    void rtpTimestampWrapAroundKeepsTheSchedule() {
        FanoutJudge judge = new FanoutJudge(1, 20, START, START + 1000 * MS);
        long nearWrap = 0xFFFFFFFFL - 500;
        judge.accept(START, nearWrap, 65535);
        judge.accept(START + 20 * MS, (nearWrap + SAMPLES_20MS) & 0xFFFFFFFFL, 0);
        FanoutQuality q = judge.result();
        assertThat(q.frames()).isEqualTo(2);
        assertThat(q.onTimeShare()).isEqualTo(1.0);
        assertThat(q.packetsLost()).isZero();
    }

    @Test
    void interDepartureJitterIsTheRootMeanSquareOfIntervalErrors() {
        FanoutJudge judge = new FanoutJudge(1, 20, START, START + 1000 * MS);
        frame(judge, 0, START, 1);
        frame(judge, 1, START + 23 * MS, 1);   // interval 23: +3
        frame(judge, 2, START + 39 * MS, 1);   // interval 16: -4
        FanoutQuality q = judge.result();
        assertThat(q.interDepartureJitterMs()).isEqualTo(Math.sqrt((9 + 16) / 2.0), within(1e-9));
        assertThat(q.worstIntervalErrorMs()).isEqualTo(4.0, within(1e-9));
    }

    @Test
    void sixtyMillisecondFramesAreScheduledByTheirTimestamps() {
        FanoutJudge judge = new FanoutJudge(1, 60, START, START + 1000 * MS);
        for (int k = 0; k < 5; k++) {
            judge.accept(START + k * 60 * MS, 1000 + k * 2880L, k);
        }
        judge.accept(START + 5 * 60 * MS + 6 * MS, 1000 + 5 * 2880L, 5);
        FanoutQuality q = judge.result();
        assertThat(q.frames()).isEqualTo(6);
        assertThat(q.late()).isEqualTo(1);
        assertThat(q.interDepartureJitterMs()).isEqualTo(Math.sqrt(36 / 5.0), within(1e-9));
    }
}
