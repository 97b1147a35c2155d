package vn.loa.broker;

import java.util.concurrent.CompletableFuture;

/** The controller's way out to the devices. */
public interface DevicePublisher {
    /** Publishes through the broker; completes when the broker has accepted the message for delivery. */
    CompletableFuture<Void> publish(OutboundMessage message);

    /** Closes the client's connection now, if it has one (a revoked device). */
    CompletableFuture<Void> disconnect(String clientId);

    /** Removes a subscription the server no longer allows (a device taken out of a group). */
    CompletableFuture<Void> removeSubscription(String clientId, String topicFilter);
}
