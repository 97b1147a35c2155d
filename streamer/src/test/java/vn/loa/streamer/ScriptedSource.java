package vn.loa.streamer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import vn.loa.streamer.source.FrameSource;
import vn.loa.streamer.source.SourceHealth;

/**
 * A source the test drives: it yields the frames (or gaps) queued so far, one per poll, nothing when the queue is
 * empty, and ENDED once told to end and drained. Frame payloads name their number ("frame-17").
 */
final class ScriptedSource implements FrameSource {
    private final int frameMillis;
    private final ConcurrentLinkedQueue<Optional<byte[]>> script = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean ending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong stallNanos = new AtomicLong();
    private volatile SourceHealth health = SourceHealth.PLAYING;

    ScriptedSource(int frameMillis) {
        this.frameMillis = frameMillis;
    }

    static byte[] payload(long frame) {
        return ("frame-" + frame).getBytes(StandardCharsets.US_ASCII);
    }

    /** Queues numbered frames; returns the number of the first. */
    long addFrames(int count) {
        long first = queued.getAndAdd(count);
        for (long i = first; i < first + count; i++) {
            script.add(Optional.of(payload(i)));
        }
        return first;
    }

    /** Queues polls that yield nothing (a relay that fell behind). */
    void addGaps(int count) {
        for (int i = 0; i < count; i++) {
            script.add(Optional.empty());
        }
    }

    void add(byte[] payload) {
        script.add(Optional.of(payload));
    }

    /** The next poll holds the pacing thread this long, as a long GC pause would. */
    void stallNextPoll(Duration stall) {
        stallNanos.set(stall.toNanos());
    }

    void endWhenDrained() {
        ending.set(true);
    }

    void health(SourceHealth health) {
        this.health = health;
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public int frameMillis() {
        return frameMillis;
    }

    @Override
    public byte[] poll() {
        long stall = stallNanos.getAndSet(0);
        if (stall > 0) {
            long until = System.nanoTime() + stall;
            for (long left = stall; left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
        Optional<byte[]> next = script.poll();
        return next == null ? null : next.orElse(null);
    }

    @Override
    public SourceHealth health() {
        return ending.get() && script.isEmpty() ? SourceHealth.ENDED : health;
    }

    @Override
    public String describe() {
        return "scripted test source";
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
