package vn.loa.controller.device;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.loa.broker.DevicePublisher;
import vn.loa.broker.OutboundMessage;

/** Stands in for the broker (not on this branch): remembers what the server published and whom it cut off. */
public final class RecordingPublisher implements DevicePublisher {
    public final List<OutboundMessage> published = new CopyOnWriteArrayList<>();
    public final List<String> disconnected = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Void> publish(OutboundMessage message) {
        published.add(message);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> disconnect(String clientId) {
        disconnected.add(clientId);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> removeSubscription(String clientId, String topicFilter) {
        return CompletableFuture.completedFuture(null);
    }

    public List<OutboundMessage> on(String topic) {
        return published.stream().filter(m -> m.topic().equals(topic)).toList();
    }
}
