package vn.loa.controller.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import vn.loa.broker.DevicePublisher;
import vn.loa.broker.OutboundMessage;

/**
 * Stands in for the broker: remembers what the server published, whom it cut off and which subscriptions it
 * removed. A test may make it refuse a topic, or hand every accepted message on to play the devices' part.
 */
public final class RecordingPublisher implements DevicePublisher {
    public final List<OutboundMessage> published = new CopyOnWriteArrayList<>();
    public final List<String> disconnected = new CopyOnWriteArrayList<>();
    public final List<String> removedSubscriptions = new CopyOnWriteArrayList<>();
    private final Set<String> refusedTopics = ConcurrentHashMap.newKeySet();
    private volatile Consumer<OutboundMessage> receivers = message -> { };

    /** Publishes on this topic fail, as when the broker will not take a message. */
    public void refuse(String topic) {
        refusedTopics.add(topic);
    }

    /** Hands every message the broker takes to {@code receivers}, as if delivered to the subscribers. */
    public void deliverTo(Consumer<OutboundMessage> receivers) {
        this.receivers = receivers;
    }

    public List<OutboundMessage> on(String topic) {
        return published.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    @Override
    public CompletableFuture<Void> publish(OutboundMessage message) {
        published.add(message);
        if (refusedTopics.contains(message.topic())) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker refused " + message.topic()));
        }
        receivers.accept(message);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> disconnect(String clientId) {
        disconnected.add(clientId);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> removeSubscription(String clientId, String topicFilter) {
        removedSubscriptions.add(clientId + " " + topicFilter);
        return CompletableFuture.completedFuture(null);
    }
}
