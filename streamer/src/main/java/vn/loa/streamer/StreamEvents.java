package vn.loa.streamer;

import java.net.InetSocketAddress;
import vn.loa.streamer.source.SourceHealth;

/**
 * What happens to streams, for the controller's proof of play and arbitration. Called on the streamer's event loop:
 * implementations must return quickly and never block.
 */
public interface StreamEvents {
    String DROPPED_TIMEOUT = "timeout";
    String DROPPED_STREAM_CLOSED = "stream-closed";
    String DROPPED_REMOVED = "removed";
    String DROPPED_REPLACED = "replaced";

    /** A device latched (or moved to a new address with a fresh token). */
    void receiverJoined(String streamId, String deviceId, InetSocketAddress address);

    /** A device stopped receiving; reason is one of the DROPPED_* constants. */
    void receiverDropped(String streamId, String deviceId, String reason);

    void healthChanged(String streamId, SourceHealth health);

    /** The source ended (the stream closed itself) or the stream was closed. */
    void ended(String streamId);

    StreamEvents NONE = new StreamEvents() {
        @Override
        public void receiverJoined(String streamId, String deviceId, InetSocketAddress address) {
        }

        @Override
        public void receiverDropped(String streamId, String deviceId, String reason) {
        }

        @Override
        public void healthChanged(String streamId, SourceHealth health) {
        }

        @Override
        public void ended(String streamId) {
        }
    };
}
