package vn.loa.streamer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.loa.streamer.source.SourceHealth;

/** Keeps every stream event as a line such as "joined s1 dev-1" or "dropped s1 dev-1 timeout". */
final class RecordingEvents implements StreamEvents {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void receiverJoined(String streamId, String deviceId, InetSocketAddress address) {
        lines.add("joined " + streamId + " " + deviceId + " " + address.getPort());
    }

    @Override
    public void receiverDropped(String streamId, String deviceId, String reason) {
        lines.add("dropped " + streamId + " " + deviceId + " " + reason);
    }

    @Override
    public void healthChanged(String streamId, SourceHealth health) {
        lines.add("health " + streamId + " " + health);
    }

    @Override
    public void ended(String streamId) {
        lines.add("ended " + streamId);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    void await(String line, Duration within) {
        Eventually.await(within, () -> lines.contains(line), () -> "event '" + line + "' among " + lines);
    }
}
