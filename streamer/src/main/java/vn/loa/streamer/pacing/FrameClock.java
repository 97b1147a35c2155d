package vn.loa.streamer.pacing;

/**
 * A stream's timeline on the monotonic clock: frame n is due at {@code start + n * frame}, computed afresh each time
 * so that no error accumulates however long the stream runs. Times are {@link System#nanoTime()} values.
 */
public final class FrameClock {
    /** A late tick sends at most this many frames; older overdue frames are skipped rather than burst out. */
    public static final int MAX_FRAMES_PER_TICK = 3;
    public static final int RTP_CLOCK_RATE = 48_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final long startNanos;
    private final long frameNanos;
    private final int samplesPerFrame;

    public FrameClock(long startNanos, int frameMillis) {
        if (frameMillis <= 0) {
            throw new IllegalArgumentException("frame duration must be positive");
        }
        this.startNanos = startNanos;
        this.frameNanos = frameMillis * NANOS_PER_MILLI;
        this.samplesPerFrame = RTP_CLOCK_RATE / 1000 * frameMillis;
    }

    public long dueNanos(long frameIndex) {
        return startNanos + frameIndex * frameNanos;
    }

    /** RTP clock ticks from the start of the stream to frame {@code frameIndex}. */
    public long samplesAtFrame(long frameIndex) {
        return frameIndex * samplesPerFrame;
    }

    /** RTP clock ticks from the start of the stream to the instant {@code nowNanos} (exact for any stream length). */
    public long samplesAt(long nowNanos) {
        long elapsed = nowNanos - startNanos;
        long seconds = Math.floorDiv(elapsed, NANOS_PER_SECOND);
        long nanos = Math.floorMod(elapsed, NANOS_PER_SECOND);
        return seconds * RTP_CLOCK_RATE + nanos * RTP_CLOCK_RATE / NANOS_PER_SECOND;
    }

    /** What a tick at {@code nowNanos} does when {@code nextFrame} is the first frame not yet handled. */
    public TickPlan plan(long nextFrame, long nowNanos) {
        long due = nowNanos < startNanos ? 0 : (nowNanos - startNanos) / frameNanos + 1 - nextFrame;
        if (due <= 0) {
            return TickPlan.IDLE;
        }
        int send = (int) Math.min(due, MAX_FRAMES_PER_TICK);
        return new TickPlan(due - send, send);
    }
}
