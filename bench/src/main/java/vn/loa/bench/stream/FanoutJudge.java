package vn.loa.bench.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.loa.bench.support.Distribution;

/**
 * Judges one measured window of a fan-out from the receiver's arrival records, replayed in arrival order.
 *
 * <p>A frame with RTP timestamp T is due at baseline + (T - T0) / 48 ms, T0 being the first frame whose first copy
 * arrived inside the window. The baseline is the sender's best phase: the earliest any frame's first copy arrived
 * relative to its timestamp, so a pacer is never judged early, and one late frame cannot shift the schedule of the
 * others. Finding it takes a first pass over the records; the second pass judges. Every copy of every frame (one
 * per receiver) is on time when it arrives at most {@link #ON_TIME_TOLERANCE_NANOS} after its frame was due.
 * Frames whose first copy arrived after the window are left out; copies of a counted frame are counted whenever
 * they arrive. A copy that never came counts as lost and not on time.
 *
 * <p>The judging pass also measures each copy against its receiver's own phase ({@link OwnPhaseLateness}), as
 * additional information: the verdict stays on the strict figure above.
 */
final class FanoutJudge implements ArrivalLog.Sink {
    static final long ON_TIME_TOLERANCE_NANOS = 5_000_000;
    static final int RTP_CLOCK_HZ = 48_000;

    /** Plays the arrival records (arrival ns, RTP timestamp, sequence, receiver) into a judge, in arrival order. */
    interface Arrivals {
        void replayInto(FanoutJudge judge) throws IOException;
    }

    private final int receivers;
    private final int frameMillis;
    private final int samplesPerFrame;
    private final long windowStartNanos;
    private final long windowEndNanos;
    private final Long baselineNanos;
    private final Map<Integer, FrameTally> frames = new HashMap<>();
    private final Set<Integer> excludedFrames = new HashSet<>();
    private final OwnPhaseLateness ownPhase;
    private Long lastTimestampBeforeWindow;
    private long referenceTimestamp;
    private long referenceArrival;
    private boolean anchored;
    private FrameTally current;

    private FanoutJudge(int receivers, int frameMillis, long windowStartNanos, long windowEndNanos,
                        Long baselineNanos) {
        this.receivers = receivers;
        this.frameMillis = frameMillis;
        this.samplesPerFrame = RTP_CLOCK_HZ / 1000 * frameMillis;
        this.windowStartNanos = windowStartNanos;
        this.windowEndNanos = windowEndNanos;
        this.baselineNanos = baselineNanos;
        this.ownPhase = baselineNanos == null ? null : new OwnPhaseLateness(receivers);
    }

    static FanoutQuality judge(Arrivals arrivals, int receivers, int frameMillis, long windowStartNanos,
                               long windowEndNanos) throws IOException {
        FanoutJudge phase = new FanoutJudge(receivers, frameMillis, windowStartNanos, windowEndNanos, null);
        arrivals.replayInto(phase);
        FanoutJudge judge = new FanoutJudge(receivers, frameMillis, windowStartNanos, windowEndNanos,
                phase.bestPhaseBaseline());
        arrivals.replayInto(judge);
        return judge.result();
    }

    @Override
    public void accept(long arrivalNanos, long rtpTimestamp, int sequence, int receiver) {
        if (!anchored && !anchor(arrivalNanos, rtpTimestamp)) {
            return;
        }
        int offsetSamples = (int) (rtpTimestamp - referenceTimestamp); // RTP timestamps wrap at 2^32
        if (offsetSamples < 0) {
            return; // a late copy of a frame that began before the window
        }
        FrameTally tally = tallyFor(Math.floorDiv(offsetSamples, samplesPerFrame), sequence, arrivalNanos);
        if (tally != null) {
            long offset = arrivalNanos - due(offsetSamples);
            tally.count(arrivalNanos, offset);
            if (ownPhase != null) {
                ownPhase.add(receiver, offset);
            }
        }
    }

    private long due(int offsetSamples) {
        return referenceArrival + offsetSamples * 1_000_000_000L / RTP_CLOCK_HZ;
    }

    private boolean anchor(long arrivalNanos, long rtpTimestamp) {
        if (arrivalNanos < windowStartNanos) {
            lastTimestampBeforeWindow = rtpTimestamp;
            return false;
        }
        if (arrivalNanos >= windowEndNanos || Long.valueOf(rtpTimestamp).equals(lastTimestampBeforeWindow)) {
            return false;
        }
        referenceTimestamp = rtpTimestamp;
        referenceArrival = baselineNanos == null ? arrivalNanos : baselineNanos;
        anchored = true;
        return true;
    }

    private FrameTally tallyFor(int index, int sequence, long arrivalNanos) {
        if (current != null && current.index == index) {
            return current; // copies of one frame arrive together
        }
        FrameTally tally = frames.get(index);
        if (tally == null) {
            if (arrivalNanos >= windowEndNanos || excludedFrames.contains(index)) {
                excludedFrames.add(index);
                return null;
            }
            tally = new FrameTally(index, sequence, arrivalNanos, arrivalNanos - due(index * samplesPerFrame));
            frames.put(index, tally);
        }
        current = tally;
        return tally;
    }

    /** The first frame's due instant moved to the sender's best phase: its earliest first copy (first pass). */
    private long bestPhaseBaseline() {
        long earliest = frames.values().stream().mapToLong(t -> t.firstLateness).min().orElse(0);
        return referenceArrival + earliest;
    }

    private FanoutQuality result() {
        List<FrameTally> ordered = new ArrayList<>(frames.values());
        ordered.sort(Comparator.comparingInt(t -> t.index));
        long received = 0;
        long onTime = 0;
        long lost = 0;
        long missingFrames = 0;
        List<Double> spreadsMs = new ArrayList<>();
        List<Double> firstCopyLatenessMs = new ArrayList<>();
        double squaredIntervalErrors = 0;
        int intervals = 0;
        double worstIntervalErrorMs = 0;
        FrameTally previous = null;
        for (FrameTally t : ordered) {
            received += t.copies;
            onTime += t.onTime;
            lost += Math.max(0, receivers - t.copies);
            spreadsMs.add((t.lastArrival - t.firstArrival) / 1e6);
            firstCopyLatenessMs.add(t.firstLateness / 1e6);
            if (previous != null) {
                missingFrames += Math.max(0, ((t.sequence - previous.sequence) & 0xFFFF) - 1);
                if (t.index == previous.index + 1) {
                    double errorMs = (t.firstArrival - previous.firstArrival) / 1e6 - frameMillis;
                    squaredIntervalErrors += errorMs * errorMs;
                    worstIntervalErrorMs = Math.max(worstIntervalErrorMs, Math.abs(errorMs));
                    intervals++;
                }
            }
            previous = t;
        }
        lost += missingFrames * receivers;
        long expected = (ordered.size() + missingFrames) * receivers;
        return new FanoutQuality(ordered.size() + missingFrames, expected, received, lost, onTime,
                new Distribution(firstCopyLatenessMs), new Distribution(spreadsMs),
                intervals == 0 ? Double.NaN : Math.sqrt(squaredIntervalErrors / intervals), worstIntervalErrorMs,
                ownPhase.result(expected, ON_TIME_TOLERANCE_NANOS));
    }

    /** What arrived of one frame (one RTP packet sent to every receiver). */
    private static final class FrameTally {
        final int index;
        final int sequence;
        final long firstArrival;
        final long firstLateness;
        long lastArrival;
        long copies;
        long onTime;

        FrameTally(int index, int sequence, long firstArrival, long firstLateness) {
            this.index = index;
            this.sequence = sequence;
            this.firstArrival = firstArrival;
            this.firstLateness = firstLateness;
            this.lastArrival = firstArrival;
        }

        void count(long arrival, long latenessNanos) {
            copies++;
            lastArrival = Math.max(lastArrival, arrival);
            if (latenessNanos <= ON_TIME_TOLERANCE_NANOS) {
                onTime++;
            }
        }
    }
}
