package vn.loa.streamer.source;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded queue of encoded frames between one producer (decoder or pusher) and the pacer. When full, the oldest
 * frame makes room and is counted: a listener hears a skip instead of a delay that would grow without bound.
 */
final class DroppingFrameQueue {

    private final ArrayBlockingQueue<byte[]> frames;
    private final AtomicLong dropped = new AtomicLong();

    DroppingFrameQueue(int capacityFrames) {
        if (capacityFrames <= 0) {
            throw new IllegalArgumentException("queue capacity must be positive, got " + capacityFrames);
        }
        this.frames = new ArrayBlockingQueue<>(capacityFrames);
    }

    void offer(byte[] frame) {
        while (!frames.offer(frame)) {
            if (frames.poll() != null) {
                dropped.incrementAndGet();
            }
        }
    }

    /** The oldest frame, or null when empty. Never blocks. */
    byte[] poll() {
        return frames.poll();
    }

    /** Drops up to {@code count} of the oldest frames, counted like overflow; returns how many went. */
    int dropOldest(int count) {
        int droppedNow = 0;
        while (droppedNow < count && frames.poll() != null) {
            droppedNow++;
        }
        dropped.addAndGet(droppedNow);
        return droppedNow;
    }

    int size() {
        return frames.size();
    }

    long droppedFrames() {
        return dropped.get();
    }

    void clear() {
        frames.clear();
    }
}
