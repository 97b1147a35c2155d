package vn.loa.streamer;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.streamer.source.SourceHealth;

/** Keeps a listener's mistake from stopping a stream: what its callbacks throw is logged, not propagated. */
final class GuardedEvents implements StreamEvents {
    private static final Logger log = LoggerFactory.getLogger(GuardedEvents.class);

    private final StreamEvents delegate;

    GuardedEvents(StreamEvents delegate) {
        this.delegate = delegate;
    }

    @Override
    public void receiverJoined(String streamId, String deviceId, InetSocketAddress address) {
        guard(() -> delegate.receiverJoined(streamId, deviceId, address));
    }

    @Override
    public void receiverDropped(String streamId, String deviceId, String reason) {
        guard(() -> delegate.receiverDropped(streamId, deviceId, reason));
    }

    @Override
    public void healthChanged(String streamId, SourceHealth health) {
        guard(() -> delegate.healthChanged(streamId, health));
    }

    @Override
    public void ended(String streamId) {
        guard(() -> delegate.ended(streamId));
    }

    private static void guard(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("A stream event listener failed", e);
        }
    }
}
