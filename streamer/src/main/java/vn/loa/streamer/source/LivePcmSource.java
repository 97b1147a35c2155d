package vn.loa.streamer.source;

import java.util.Objects;

/**
 * Live audio pushed by the caller (the console's microphone): s16le mono 48 kHz PCM in chunks of any size, encoded on
 * the pushing thread into 20 ms Opus frames with in-band FEC, so the pacer only dequeues. At most
 * {@link #MAX_QUEUED_MILLIS} wait for the pacer; a pusher that runs ahead loses its oldest audio, counted in
 * {@link #droppedMillis()}. Live audio must stay close to real time: a backlog of more than
 * {@link #STANDING_BACKLOG_FRAMES} frames that does not drain within half a second is trimmed to that (oldest audio
 * dropped, counted), while bursts of any chunk size pass whole.
 */
public final class LivePcmSource extends EncodingFrameSource {

    public static final int MAX_QUEUED_MILLIS = 2_000;
    /** Frames allowed to wait for the pacer for good: a cushion for a pusher's timing jitter, 40 ms of latency. */
    public static final int STANDING_BACKLOG_FRAMES = 2;
    /**
     * The playout delay a live stream asks of speakers (PlayOrder.delayMs): jitter-buffer room for a LAN, so that
     * PCM pushed here is heard about this plus one frame later.
     */
    public static final int PLAYOUT_DELAY_MILLIS = 100;

    private boolean closed;

    public LivePcmSource(String description) {
        this(description, SilenceRule.standard());
    }

    public LivePcmSource(String description, SilenceRule silence) {
        super(description,
                new LiveOpusPipeline(SourceHealthTracker.forLive(description, silence), MAX_QUEUED_MILLIS,
                        STANDING_BACKLOG_FRAMES));
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
