package vn.loa.broker.presence;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import vn.loa.broker.inbound.InboundDispatcher;
import vn.loa.broker.metrics.BrokerMetrics;
import vn.loa.broker.session.ConnectedClients;

/**
 * Turns HiveMQ's client lifecycle into Loa's connect and disconnect events, queued through the client's inbound
 * stripe so they stay in order with its messages. Every kind of disconnect (client, server, lost connection)
 * lands in {@link #onDisconnect}, which HiveMQ's default methods delegate to.
 */
public record PresenceListener(ConnectedClients clients, InboundDispatcher dispatcher, BrokerMetrics metrics) implements ClientLifecycleEventListener {
    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // Nothing is known about the client until it has authenticated.
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        clients.announce(input).ifPresent(session -> {
            metrics.connectionOpened(session.principal());
            dispatcher.connected(session);
        });
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        clients.remove(input).ifPresent(session -> {
            metrics.connectionClosed(session.principal());
            dispatcher.disconnected(session);
        });
    }
}
