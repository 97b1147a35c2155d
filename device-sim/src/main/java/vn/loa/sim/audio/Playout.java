package vn.loa.sim.audio;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The jitter buffer and the playout clock of one stream. A frame with RTP timestamp T is due at
 * NTP(T) + delay, NTP(T) extrapolated from the latest sender report; until the first one arrives frames are
 * buffered and nothing plays. At each instant the frame due is played if it is here; if it is missing but a
 * later one is buffered it is concealed; if the buffer is empty the source has paused (the streamer sends
 * nothing while it has no audio) and playout resumes, after that much silence, with the next frame that comes in
 * time. The schedule itself never shifts. Used from one thread.
 */
final class Playout {
    /** 10 s of 20 ms frames: more waiting means the sender runs far ahead of the clock; the excess is dropped. */
    static final int MAX_BUFFERED_FRAMES = 500;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Where frames go when their instant comes. */
    interface Dac {
        void play(long timestamp, byte[] frame, long nowNanos);

        /** {@code next} is the following frame if it has arrived (its in-band FEC may rebuild this one), else null. */
        void conceal(long timestamp, byte[] next, long nowNanos);

        /** The source paused (nothing to play) for this many samples before the frame now coming. */
        void pause(long samples);
    }

    private final NavigableMap<Long, byte[]> frames = new TreeMap<>();
    private final int clockRate;
    private final long samplesPerFrame;
    private final long delayNanos;
    private final long toleranceNanos;
    private boolean synced;
    private long reportTimestamp;
    private long reportEpochNanos;
    private Long cursor;
    /** Where playout stopped when the buffer ran dry; null if it never did. */
    private Long pausedAt;
    private long late;
    private long skipped;
    private long overflow;
    private long concealed;

    /** @param toleranceNanos how far past its instant a frame may still be played (the playout tick) */
    Playout(int clockRate, int samplesPerFrame, long delayNanos, long toleranceNanos) {
        this.clockRate = clockRate;
        this.samplesPerFrame = samplesPerFrame;
        this.delayNanos = delayNanos;
        this.toleranceNanos = toleranceNanos;
    }

    /** A sender report: RTP timestamp {@code timestamp} (extended) is wall-clock {@code epochNanos}. */
    void sync(long timestamp, long epochNanos) {
        synced = true;
        reportTimestamp = timestamp;
        reportEpochNanos = epochNanos;
    }

    boolean synced() {
        return synced;
    }

    /** Wall-clock instant at which the frame with this (extended) timestamp is handed to the DAC. */
    long dueNanos(long timestamp) {
        return reportEpochNanos + (timestamp - reportTimestamp) * NANOS_PER_SECOND / clockRate + delayNanos;
    }

    /** Buffers a frame; false (and counted late) if its instant has passed, or dropped if the buffer is full. */
    boolean offer(long timestamp, byte[] frame, long nowNanos) {
        if (synced && (tooLate(timestamp, nowNanos) || (cursor != null && timestamp < cursor))) {
            late++;
            return false;
        }
        if (frames.size() >= MAX_BUFFERED_FRAMES) {
            overflow++;
            return false;
        }
        frames.putIfAbsent(timestamp, frame);
        return true;
    }

    /** Hands every frame whose instant has come to the DAC. */
    void playDue(long nowNanos, Dac dac) {
        if (!synced) {
            return;
        }
        if (cursor == null) {
            while (!frames.isEmpty() && tooLate(frames.firstKey(), nowNanos)) {
                frames.pollFirstEntry(); // buffered before the first sender report, and its instant has passed
                skipped++;
            }
            if (frames.isEmpty()) {
                return;
            }
            cursor = frames.firstKey();
            if (pausedAt != null && cursor > pausedAt) {
                dac.pause(cursor - pausedAt);
            }
        }
        while (dueNanos(cursor) <= nowNanos) {
            byte[] frame = frames.remove(cursor);
            if (frame != null) {
                dac.play(cursor, frame, nowNanos);
            } else if (!frames.isEmpty()) {
                concealed++;
                dac.conceal(cursor, frames.get(cursor + samplesPerFrame), nowNanos);
            } else {
                pausedAt = cursor;
                cursor = null;
                return;
            }
            cursor += samplesPerFrame;
        }
    }

    /** Forgets every buffered frame: the playback has ended. */
    void clear() {
        frames.clear();
        cursor = null;
    }

    private boolean tooLate(long timestamp, long nowNanos) {
        return dueNanos(timestamp) + toleranceNanos < nowNanos;
    }

    long late() {
        return late;
    }

    /**
     * Frames that came in time but before the first sender report, and whose instant had passed when it came:
     * playout starts with the first frame still ahead, as the device protocol asks.
     */
    long skipped() {
        return skipped;
    }

    /** Frames dropped because the buffer was full. */
    long overflow() {
        return overflow;
    }

    long concealed() {
        return concealed;
    }
}
