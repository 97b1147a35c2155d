package vn.loa.streamer.source;

import java.util.Objects;

/** What the live and relay sources share: frames and health come from a {@link LiveOpusPipeline}. */
abstract class EncodingFrameSource implements FrameSource {

    private final String description;
    final LiveOpusPipeline pipeline;

    EncodingFrameSource(String description, LiveOpusPipeline pipeline) {
        this.description = Objects.requireNonNull(description, "description");
        this.pipeline = pipeline;
    }

    /** Audio lost because the pacer did not drain the queue in time. */
    public long droppedMillis() {
        return pipeline.droppedMillis();
    }

    /** Audio encoded and waiting for the pacer. */
    public long queuedMillis() {
        return (long) pipeline.queuedFrames() * pipeline.frameMillis();
    }

    @Override
    public int frameMillis() {
        return pipeline.frameMillis();
    }

    @Override
    public byte[] poll() {
        return pipeline.poll();
    }

    @Override
    public SourceHealth health() {
        return pipeline.health();
    }

    @Override
    public String describe() {
        return description;
    }
}
