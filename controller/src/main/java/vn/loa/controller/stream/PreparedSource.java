package vn.loa.controller.stream;

/**
 * A stream's source made ready ahead of its start (a scheduled programme's playlist read and positioned), so that
 * opening the stream at the instant costs nothing; relays and live sources open only when the stream does.
 */
public final class PreparedSource implements AutoCloseable {
    private final SourceSpec source;
    private final long startAtMillis;
    private OpenedSource opened;

    PreparedSource(SourceSpec source, long startAtMillis, OpenedSource opened) {
        this.source = source;
        this.startAtMillis = startAtMillis;
        this.opened = opened;
    }

    SourceSpec source() {
        return source;
    }

    long startAtMillis() {
        return startAtMillis;
    }

    /** The opened source, handed over once; null when it opens with the stream. */
    OpenedSource take() {
        OpenedSource taken = opened;
        opened = null;
        return taken;
    }

    /** Releases the source if it was never streamed. */
    @Override
    public void close() {
        OpenedSource unused = take();
        if (unused != null) {
            unused.frames().close();
        }
    }
}
