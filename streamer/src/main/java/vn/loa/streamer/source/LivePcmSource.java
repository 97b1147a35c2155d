package vn.loa.streamer.source;

import java.util.Objects;

/**
 * Live audio pushed by the caller (the console's microphone): s16le mono 48 kHz PCM in chunks of any size, encoded on
 * the pushing thread into 20 ms Opus frames with in-band FEC, so the pacer only dequeues. At most
 * {@link #MAX_QUEUED_MILLIS} wait for the pacer; a pusher that runs ahead loses its oldest audio, counted in
 * {@link #droppedMillis()}.
 */
public final class LivePcmSource extends EncodingFrameSource {

    public static final int MAX_QUEUED_MILLIS = 2_000;

    private boolean closed;

    public LivePcmSource(String description) {
        this(description, SilenceRule.standard());
    }

    public LivePcmSource(String description, SilenceRule silence) {
        super(description,
                new LiveOpusPipeline(SourceHealthTracker.forLive(description, silence), MAX_QUEUED_MILLIS));
    }

    /**
     * Appends PCM; every completed 20 ms frame is encoded before this returns.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void push(byte[] pcmS16leMono48k, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcmS16leMono48k.length);
        if (closed) {
            throw new IllegalStateException("live source " + describe() + " is closed");
        }
        pipeline.acceptLittleEndian(pcmS16leMono48k, offset, length);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            pipeline.close();
        }
    }
}
