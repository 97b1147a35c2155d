package vn.loa.streamer.source;

import java.nio.ShortBuffer;
import vn.loa.streamer.opus.OpusEncoder;
import vn.loa.streamer.opus.OpusSettings;

/**
 * The common path of sources that encode as audio arrives: 48 kHz mono PCM in chunks of any size → frames (20 ms
 * unless told otherwise) → health bookkeeping → Opus with in-band FEC ({@link OpusSettings#live()}) → a bounded
 * queue the pacer drains.
 * Feeding is single-threaded (the decoder thread or the pushing caller); {@link #poll()} may run on the pacer.
 */
final class LiveOpusPipeline implements AutoCloseable {

    /** Polls over which the smallest backlog is watched before a standing backlog is trimmed (500 ms of 20 ms frames). */
    static final int STANDING_WINDOW_POLLS = 25;

    private final OpusSettings settings;
    private final OpusEncoder encoder;
    private final PcmFramer framer;
    private final SourceHealthTracker health;
    private final DroppingFrameQueue queue;
    private final int standingBacklogFrames;
    private int pollsInWindow;
    private int smallestBacklogInWindow = Integer.MAX_VALUE;

    /** Keeps whatever backlog builds up, up to {@code maxQueuedMillis}; encodes with {@code settings}. */
    LiveOpusPipeline(SourceHealthTracker health, int maxQueuedMillis, OpusSettings settings) {
        this(health, maxQueuedMillis, 0, settings);
    }

    /**
     * A pipeline that also trims a standing backlog: when every poll of a {@link #STANDING_WINDOW_POLLS} window found
     * more than {@code standingBacklogFrames} frames waiting, the oldest excess is dropped (and counted). A burst
     * drains within the window and loses nothing; a backlog that never drains (audio pushed ahead at start-up, slots
     * the pacer skipped) would otherwise add its length to the latency for the rest of the stream.
     */
    LiveOpusPipeline(SourceHealthTracker health, int maxQueuedMillis, int standingBacklogFrames) {
        this(health, maxQueuedMillis, standingBacklogFrames, OpusSettings.live());
    }

    private LiveOpusPipeline(SourceHealthTracker health, int maxQueuedMillis, int standingBacklogFrames,
                             OpusSettings settings) {
        if (standingBacklogFrames < 0) {
            throw new IllegalArgumentException("standing backlog must not be negative, got " + standingBacklogFrames);
        }
        this.standingBacklogFrames = standingBacklogFrames;
        this.settings = settings;
        this.encoder = new OpusEncoder(settings);
        this.health = health;
        this.queue = new DroppingFrameQueue(Math.max(1, maxQueuedMillis / settings.frameMillis()));
        this.framer = new PcmFramer(encoder.samplesPerFrame(), this::encodeFrame);
    }

    int frameMillis() {
        return settings.frameMillis();
    }

    void acceptLittleEndian(byte[] pcm, int offset, int length) {
        framer.acceptLittleEndian(pcm, offset, length);
    }

    void accept(ShortBuffer pcm) {
        framer.accept(pcm);
    }

    /** Forgets a partial frame, for audio that does not continue the previous chunk (a reconnect). */
    void discontinuity() {
        framer.reset();
    }

    /** The next frame for the pacer; single consumer. */
    byte[] poll() {
        if (standingBacklogFrames > 0) {
            trimStandingBacklog();
        }
        return queue.poll();
    }

    private void trimStandingBacklog() {
        smallestBacklogInWindow = Math.min(smallestBacklogInWindow, queue.size());
        if (++pollsInWindow < STANDING_WINDOW_POLLS) {
            return;
        }
        if (smallestBacklogInWindow > standingBacklogFrames) {
            queue.dropOldest(smallestBacklogInWindow - standingBacklogFrames);
        }
        pollsInWindow = 0;
        smallestBacklogInWindow = Integer.MAX_VALUE;
    }

    int queuedFrames() {
        return queue.size();
    }

    long droppedMillis() {
        return queue.droppedFrames() * settings.frameMillis();
    }

    SourceHealth health() {
        return health.health();
    }

    /** Reports ENDED at once, while the feeding thread may still be winding down. */
    void markEnded() {
        health.end();
    }

    /** Frees the encoder and marks the source ENDED; the caller makes sure no feeding is under way. */
    @Override
    public void close() {
        health.end();
        queue.clear();
        encoder.close();
    }

    private void encodeFrame(short[] frame) {
        health.frameArrived(frame);
        queue.offer(encoder.encode(frame, 0));
    }
}
