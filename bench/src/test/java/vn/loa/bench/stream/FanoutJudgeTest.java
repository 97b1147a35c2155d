package vn.loa.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanoutJudgeTest {
    private static final long MS = 1_000_000;
    private static final long START = 1_000_000 * MS;
    private static final long BASE_TIMESTAMP = 4_000_000_000L;
    private static final int SAMPLES_20MS = 960;

    private final List<long[]> arrivals = new ArrayList<>();

    private void packet(long arrival, long rtpTimestamp, int sequence) {
        packet(arrival, rtpTimestamp, sequence, 0);
    }

    private void packet(long arrival, long rtpTimestamp, int sequence, int receiver) {
        arrivals.add(new long[] {arrival, rtpTimestamp, sequence, receiver});
    }

    /** Frame k (RTP timestamp base + k * 960, sequence 100 + k) sent to every receiver, copies 10 us apart. */
    private void frame(int k, long firstArrival, int receivers) {
        for (int r = 0; r < receivers; r++) {
            packet(firstArrival + r * 10_000L, BASE_TIMESTAMP + (long) k * SAMPLES_20MS, 100 + k, r);
        }
    }

    private FanoutQuality judge(int receivers, int frameMillis, long windowEnd) throws IOException {
        return FanoutJudge.judge(j -> arrivals.forEach(a -> j.accept(a[0], a[1], (int) a[2], (int) a[3])),
                receivers, frameMillis, START, windowEnd);
    }

    private FanoutQuality judge(int receivers) throws IOException {
        return judge(receivers, 20, START + 1000 * MS);
    }

    @Test
    void aPerfectlyPacedFanOutIsAllOnTimeWithNoJitter() throws IOException {
        for (int k = 0; k < 50; k++) {
            frame(k, START + k * 20 * MS, 3);
        }
        FanoutQuality q = judge(3);
        assertThat(q.frames()).isEqualTo(50);
        assertThat(q.packetsExpected()).isEqualTo(150);
        assertThat(q.packetsReceived()).isEqualTo(150);
        assertThat(q.packetsLost()).isZero();
        assertThat(q.onTimeShare()).isEqualTo(1.0);
        assertThat(q.interDepartureJitterMs()).isEqualTo(0.0, within(1e-9));
        assertThat(q.frameSpreadMs().max()).isEqualTo(0.02, within(1e-9));
        assertThat(q.firstCopyLatenessMs().max()).isEqualTo(0.0, within(1e-9));
    }

    @Test
    void aCopyMoreThanFiveMillisecondsAfterItsFrameWasDueIsNotOnTime() throws IOException {
        frame(0, START, 1);
        frame(1, START + 20 * MS + 5 * MS, 1);       // exactly at the tolerance: on time
        frame(2, START + 40 * MS + 5 * MS + 1, 1);   // just past it: late
        frame(3, START + 60 * MS, 1);
        FanoutQuality q = judge(1);
        assertThat(q.onTime()).isEqualTo(3);
        assertThat(q.onTimeShare()).isEqualTo(0.75);
        assertThat(q.firstCopyLatenessMs().max()).isEqualTo(5.0, within(0.05));
    }

    @Test
    void aLateFirstFrameDoesNotShiftTheScheduleOfTheOthers() throws IOException {
        frame(0, START + 8 * MS, 1);   // the window opens on a late frame
        frame(1, START + 20 * MS, 1);
        frame(2, START + 40 * MS, 1);
        frame(3, START + 60 * MS, 1);
        FanoutQuality q = judge(1);
        assertThat(q.onTime()).isEqualTo(3);
        assertThat(q.firstCopyLatenessMs().max()).isEqualTo(8.0, within(0.05));
    }

    @Test
    void theLastCopiesOfAWideFanOutAreJudgedAgainstTheFrameScheduleNotTheFirstCopy() throws IOException {
        frame(0, START, 1000);   // copies 10 us apart: the last one 9.99 ms after the first
        FanoutQuality q = judge(1000);
        assertThat(q.onTime()).isEqualTo(501);   // 0 .. 5 ms inclusive
        assertThat(q.frameSpreadMs().max()).isEqualTo(9.99, within(1e-9));
    }

    @Test
    void receiversSteadilyBehindByTheFanOutSpreadAreOnTimeAgainstTheirOwnPhaseButNotTheStrictSchedule()
            throws IOException {
        for (int k = 0; k < 20; k++) {
            frame(k, START + k * 20 * MS, 1000);   // receiver r always hears a frame r x 10 us after the first
        }
        FanoutQuality q = judge(1000);
        assertThat(q.onTimeShare()).isEqualTo(501 / 1000.0);
        assertThat(q.ownPhase().onTimeShare()).isEqualTo(1.0);
        assertThat(q.ownPhase().percentileMs(100)).isEqualTo(0.0);
        assertThat(q.ownPhase().unattributedCopies()).isZero();
    }

    @Test
    void aCopyMoreThanFiveMillisecondsBehindItsReceiversOwnPhaseIsNotOnTime() throws IOException {
        for (int k = 0; k < 5; k++) {
            long due = START + k * 20 * MS;
            packet(due, BASE_TIMESTAMP + (long) k * SAMPLES_20MS, 100 + k, 0);
            packet(due + (k == 3 ? 36 : 30) * MS, BASE_TIMESTAMP + (long) k * SAMPLES_20MS, 100 + k, 1);
        }
        FanoutQuality q = judge(2);
        assertThat(q.onTime()).isEqualTo(5);                  // receiver 1 is 30 ms behind the schedule
        assertThat(q.ownPhase().onTime()).isEqualTo(9);       // but only its 36 ms copy is behind its own phase
        assertThat(q.ownPhase().percentileMs(100)).isEqualTo(6.0);
    }

    @Test
    void againstTheOwnPhaseMissingAndUnattributedCopiesAreNotOnTime() throws IOException {
        frame(0, START, 2);
        packet(START + 20 * MS, BASE_TIMESTAMP + SAMPLES_20MS, 101, 0);   // receiver 1's copy of frame 1 lost
        packet(START + 40 * MS, BASE_TIMESTAMP + 2 * SAMPLES_20MS, 102, 0);
        packet(START + 40 * MS, BASE_TIMESTAMP + 2 * SAMPLES_20MS, 102, -1); // the recorder could not tell whose
        FanoutQuality q = judge(2);
        assertThat(q.packetsExpected()).isEqualTo(6);
        assertThat(q.ownPhase().onTime()).isEqualTo(4);
        assertThat(q.ownPhase().onTimeShare()).isEqualTo(4 / 6.0);
        assertThat(q.ownPhase().unattributedCopies()).isEqualTo(1);
    }

    @Test
    void missingCopiesAndWholeMissingFramesCountAsLostAndNotOnTime() throws IOException {
        frame(0, START, 4);
        frame(1, START + 20 * MS, 3);    // one copy lost
        frame(3, START + 60 * MS, 4);    // frame 2 lost entirely (sequence gap)
        FanoutQuality q = judge(4);
        assertThat(q.frames()).isEqualTo(4);
        assertThat(q.packetsExpected()).isEqualTo(16);
        assertThat(q.packetsLost()).isEqualTo(5);
        assertThat(q.onTimeShare()).isEqualTo(11 / 16.0);
        assertThat(q.lossShare()).isEqualTo(5 / 16.0);
    }

    @Test
    void framesBeganBeforeOrAfterTheWindowAreLeftOutButLateCopiesOfCountedFramesAreKept() throws IOException {
        packet(START - 1 * MS, BASE_TIMESTAMP - SAMPLES_20MS, 99);    // frame -1, first copy before the window
        packet(START + 1 * MS, BASE_TIMESTAMP - SAMPLES_20MS, 99);    // its second copy inside: not counted
        frame(0, START + 2 * MS, 2);
        frame(1, START + 22 * MS, 1);
        packet(START + 41 * MS, BASE_TIMESTAMP + SAMPLES_20MS, 101);  // frame 1's late copy, after the window
        frame(2, START + 42 * MS, 2);                                 // frame 2 starts after the window
        FanoutQuality q = judge(2, 20, START + 40 * MS);
        assertThat(q.frames()).isEqualTo(2);
        assertThat(q.packetsReceived()).isEqualTo(4);
        assertThat(q.onTime()).isEqualTo(3);
    }

    @Test
    void rtpTimestampWrapAroundKeepsTheSchedule() throws IOException {
        long nearWrap = 0xFFFFFFFFL - 500;
        packet(START, nearWrap, 65535);
        packet(START + 20 * MS, (nearWrap + SAMPLES_20MS) & 0xFFFFFFFFL, 0);
        FanoutQuality q = judge(1);
        assertThat(q.frames()).isEqualTo(2);
        assertThat(q.onTimeShare()).isEqualTo(1.0);
        assertThat(q.packetsLost()).isZero();
    }

    @Test
    void interDepartureJitterIsTheRootMeanSquareOfIntervalErrors() throws IOException {
        frame(0, START, 1);
        frame(1, START + 23 * MS, 1);   // interval 23: +3
        frame(2, START + 39 * MS, 1);   // interval 16: -4
        FanoutQuality q = judge(1);
        assertThat(q.interDepartureJitterMs()).isEqualTo(Math.sqrt((9 + 16) / 2.0), within(1e-9));
        assertThat(q.worstIntervalErrorMs()).isEqualTo(4.0, within(1e-9));
    }

    @Test
    void sixtyMillisecondFramesAreScheduledByTheirTimestamps() throws IOException {
        for (int k = 0; k < 5; k++) {
            packet(START + k * 60 * MS, 1000 + k * 2880L, k);
        }
        packet(START + 5 * 60 * MS + 6 * MS, 1000 + 5 * 2880L, 5);
        FanoutQuality q = judge(1, 60, START + 1000 * MS);
        assertThat(q.frames()).isEqualTo(6);
        assertThat(q.onTime()).isEqualTo(5);
        assertThat(q.interDepartureJitterMs()).isEqualTo(Math.sqrt(36 / 5.0), within(1e-9));
    }
}
