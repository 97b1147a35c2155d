package vn.loa.streamer.source;

/**
 * Where a stream's Opus frames come from: a media item or playlist (pre-encoded), a relayed URL or live PCM
 * (encoded as they arrive). The stream's pacer polls it once per frame period from a single thread.
 */
public interface FrameSource extends AutoCloseable {

    /** Duration of every frame this source yields: 20 or 60 ms. */
    int frameMillis();

    /**
     * The next frame's Opus packet, or null when none is ready at this tick (a live or relayed source that fell
     * behind: the pacer sends nothing and keeps time, receivers conceal). Never blocks.
     */
    byte[] poll();

    /** What the source is doing now; {@link SourceHealth#ENDED} once no frame will ever come again. */
    SourceHealth health();

    /** Human-readable origin for logs and the API (file title, URL, "live"). */
    String describe();

    /** Releases decoders, files and threads; polling afterwards is not allowed. */
    @Override
    void close();
}
