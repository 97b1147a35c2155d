package vn.loa.broker.session;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.parameter.ClientBasedInput;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.broker.ClientSession;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The authenticated connections, keyed by a connection id kept in each connection's attribute store. Keying by
 * connection rather than client id means a client that takes over its own session (reconnects before the old
 * connection is noticed dead) does not lose its principal when the old connection's disconnect arrives.
 */
public final class ConnectedClients {
    private static final String CONNECTION_ID_ATTRIBUTE = "loa.connection-id";

    private final AtomicLong nextConnectionId = new AtomicLong();
    private final Map<Long, Tracked> byConnection = new ConcurrentHashMap<>();

    /** Remembers an authenticated connection; called before the broker is told the client may connect. */
    public void register(ConnectionInformation connection, String clientId, BrokerPrincipal principal,
                                  long willDelaySeconds) {
        long id = nextConnectionId.incrementAndGet();
        connection.getConnectionAttributeStore().put(CONNECTION_ID_ATTRIBUTE,
                ByteBuffer.allocate(Long.BYTES).putLong(0, id));
        ClientSession session = new ClientSession(id, clientId, principal, mqttVersion(connection), willDelaySeconds,
                remoteAddress(connection));
        byConnection.put(id, new Tracked(session, new AtomicBoolean()));
    }

    public Optional<BrokerPrincipal> principalOf(ClientBasedInput input) {
        return tracked(input).map(t -> t.session().principal());
    }

    /** The session whose connection has just been accepted, once per connection. */
    public Optional<ClientSession> announce(ClientBasedInput input) {
        return tracked(input).filter(t -> t.announced().compareAndSet(false, true)).map(Tracked::session);
    }

    /** Forgets a closed connection; returns its session if it had been announced. */
    public Optional<ClientSession> remove(ClientBasedInput input) {
        return connectionId(input.getConnectionInformation().getConnectionAttributeStore())
                .map(byConnection::remove)
                .filter(t -> t.announced().get())
                .map(Tracked::session);
    }

    public static String remoteAddress(ConnectionInformation connection) {
        return connection.getInetAddress().map(InetAddress::getHostAddress).orElse("unknown");
    }

    private static int mqttVersion(ConnectionInformation connection) {
        return connection.getMqttVersion() == MqttVersion.V_5 ? 5 : 3;
    }

    private Optional<Tracked> tracked(ClientBasedInput input) {
        return connectionId(input.getConnectionInformation().getConnectionAttributeStore()).map(byConnection::get);
    }

    private static Optional<Long> connectionId(ConnectionAttributeStore store) {
        return store.get(CONNECTION_ID_ATTRIBUTE).map(buffer -> buffer.getLong(0));
    }

    private record Tracked(ClientSession session, AtomicBoolean announced) {
    }
}
