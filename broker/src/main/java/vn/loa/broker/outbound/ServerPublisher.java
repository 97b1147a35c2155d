package vn.loa.broker.outbound;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.builder.PublishBuilder;
import com.hivemq.extension.sdk.api.services.publish.Publish;
import com.hivemq.extension.sdk.api.services.publish.PublishService;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import com.hivemq.extension.sdk.api.services.subscription.SubscriptionStore;
import vn.loa.broker.DevicePublisher;
import vn.loa.broker.OutboundMessage;
import vn.loa.broker.metrics.BrokerMetrics;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** Publishes, disconnects and unsubscribes through the services of one running broker. */
public final class ServerPublisher implements DevicePublisher {
    private final PublishService publishService;
    private final ClientService clientService;
    private final SubscriptionStore subscriptionStore;
    private final BrokerMetrics metrics;

    public ServerPublisher(PublishService publishService, ClientService clientService,
                           SubscriptionStore subscriptionStore, BrokerMetrics metrics) {
        this.publishService = publishService;
        this.clientService = clientService;
        this.subscriptionStore = subscriptionStore;
        this.metrics = metrics;
    }

    /** An invalid message (bad topic, QoS) fails the returned future; it never throws. */
    @Override
    public CompletableFuture<Void> publish(OutboundMessage message) {
        Publish publish;
        try {
            publish = toPublish(message);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("Cannot publish to '" + message.topic() + "': " + e.getMessage(), e));
        }
        return publishService.publish(publish).thenRun(metrics::messageOut);
    }

    private static Publish toPublish(OutboundMessage message) {
        PublishBuilder builder = Publish.builder()
                .topic(message.topic())
                .qos(Qos.valueOf(message.qos()))
                .retain(message.retain())
                .payload(ByteBuffer.wrap(message.payload()));
        if (message.expirySeconds() > 0) {
            builder.messageExpiryInterval(message.expirySeconds());
        }
        if (message.correlationData() != null) {
            builder.correlationData(ByteBuffer.wrap(message.correlationData()));
        }
        return builder.build();
    }

    @Override
    public CompletableFuture<Void> disconnect(String clientId) {
        return clientService.disconnectClient(clientId).thenApply(wasConnected -> null);
    }

    @Override
    public CompletableFuture<Void> removeSubscription(String clientId, String topicFilter) {
        return subscriptionStore.removeSubscription(clientId, topicFilter);
    }
}
