package vn.loa.streamer.source;

import java.nio.ShortBuffer;
import vn.loa.streamer.opus.OpusEncoder;
import vn.loa.streamer.opus.OpusSettings;

/**
 * The common path of sources that encode as audio arrives: 48 kHz mono PCM in chunks of any size → 20 ms frames →
 * health bookkeeping → Opus with in-band FEC ({@link OpusSettings#live()}) → a bounded queue the pacer drains.
 * Feeding is single-threaded (the decoder thread or the pushing caller); {@link #poll()} may run on the pacer.
 */
final class LiveOpusPipeline implements AutoCloseable {

    private final OpusSettings settings = OpusSettings.live();
    private final OpusEncoder encoder = new OpusEncoder(settings);
    private final PcmFramer framer;
    private final SourceHealthTracker health;
    private final DroppingFrameQueue queue;

    LiveOpusPipeline(SourceHealthTracker health, int maxQueuedMillis) {
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

    byte[] poll() {
        return queue.poll();
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
