package vn.loa.streamer.source;

/**
 * A source that can be held still: while paused, every poll yields nothing (the pacer keeps time, nobody is sent
 * anything) and the wrapped source is not polled, so a media playlist resumes exactly where it was held. A
 * broadcast pauses a media stream while every speaker it had is taken by a higher-priority one.
 */
public final class PausableSource implements FrameSource {
    private final FrameSource inner;
    private volatile boolean paused;

    public PausableSource(FrameSource inner) {
        this.inner = inner;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public boolean paused() {
        return paused;
    }

    @Override
    public int frameMillis() {
        return inner.frameMillis();
    }

    @Override
    public byte[] poll() {
        return paused ? null : inner.poll();
    }

    @Override
    public SourceHealth health() {
        return inner.health();
    }

    @Override
    public String describe() {
        return paused ? inner.describe() + " (paused)" : inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
