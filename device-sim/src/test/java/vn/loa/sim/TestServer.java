package vn.loa.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.DesiredState;
import vn.loa.protocol.message.ProvisionReply;
import vn.loa.protocol.message.ProvisionRequest;
import vn.loa.protocol.message.WireMessage;
import vn.loa.sim.mqtt.ClientCallback;

/**
 * The test's stand-in for the Loa server: a plain Paho client on the same broker that answers provisioning
 * requests by a policy, records everything devices publish, and sends commands and desired states.
 */
public final class TestServer implements AutoCloseable, ClientCallback {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final MqttClient client;
    private volatile Function<ProvisionRequest, ProvisionReply> policy;
    final List<ProvisionRequest> provisionRequests = new CopyOnWriteArrayList<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final Map<String, Integer> asksBySerial = new ConcurrentHashMap<>();

    public record Received(String topic, String payload, byte[] correlation, long atNanos, boolean retained) {
    }

    public TestServer(String uri, Function<ProvisionRequest, ProvisionReply> policy) throws MqttException {
        this.policy = policy;
        client = new MqttClient(uri, "test-server", new MemoryPersistence());
        client.setCallback(this);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
        client.subscribe(new String[] {"loa/v1/prov/+/req", "loa/v1/dev/#"}, new int[] {1, 1});
    }

    /** Approves every serial as device {@code dev-<serial lower-case>} with secret {@code s-<serial>}. */
    public static ProvisionReply approveAll(ProvisionRequest r) {
        return ProvisionReply.approved(deviceIdFor(r.serial()), "s-" + r.serial());
    }

    static String deviceIdFor(String serial) {
        return "dev-" + serial.toLowerCase();
    }

    void policy(Function<ProvisionRequest, ProvisionReply> policy) {
        this.policy = policy;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
        if (Topics.parseProvisionRequest(topic).isPresent()) {
            ProvisionRequest request;
            try {
                request = MessageCodec.decode(message.getPayload(), ProvisionRequest.class,
                        PayloadLimits.PROVISION_REQUEST_BYTES);
            } catch (InvalidMessageException e) {
                received.add(new Received(topic, payload, null, System.nanoTime(), false)); // visible, unanswered
                return;
            }
            provisionRequests.add(request);
            asksBySerial.merge(request.serial(), 1, Integer::sum);
            ProvisionReply reply = policy.apply(request);
            if (reply == null) {
                return; // the policy chose silence
            }
            // answer from another thread: a synchronous client may not publish from its own callback
            new Thread(() -> publish(Topics.provisionReply(request.serial()), reply, null, false)).start();
            return;
        }
        byte[] correlation = message.getProperties() == null ? null : message.getProperties().getCorrelationData();
        received.add(new Received(topic, payload, correlation, System.nanoTime(), message.isRetained()));
    }

    public void publish(String topic, WireMessage message, byte[] correlation, boolean retained) {
        publishRaw(topic, MessageCodec.encode(message), correlation, retained);
    }

    void publishRaw(String topic, byte[] payload, byte[] correlation, boolean retained) {
        MqttMessage m = new MqttMessage(payload, 1, retained, null);
        if (correlation != null) {
            MqttProperties p = new MqttProperties();
            p.setCorrelationData(correlation);
            m.setProperties(p);
        }
        try {
            client.publish(topic, m);
        } catch (MqttException e) {
            throw new IllegalStateException("test server cannot publish to " + topic, e);
        }
    }

    void command(String deviceId, Command command, byte[] correlation) {
        publish(Topics.device(deviceId, DeviceTopic.COMMAND), command, correlation, false);
    }

    void desired(String deviceId, long version, Integer volume, Boolean muted, List<String> groups) {
        publish(Topics.device(deviceId, DeviceTopic.DESIRED),
                new DesiredState(WireMessage.VERSION, version, volume, muted, groups), null, true);
    }

    /** Polls until a received message matches, or fails after {@link #WAIT}. */
    public Received await(String what, Predicate<Received> match) throws InterruptedException {
        return await(what, match, WAIT);
    }

    Received await(String what, Predicate<Received> match, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (Received r : received) {
                if (match.test(r)) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + wait + "; received: " + received);
    }

    public List<Received> all(Predicate<Received> match) {
        return received.stream().filter(match).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }
}
