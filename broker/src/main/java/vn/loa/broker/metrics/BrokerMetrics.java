package vn.loa.broker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.codec.RejectReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker's meters. Names are Micrometer's dotted form; the Prometheus registry renders them as
 * {@code loa_mqtt_messages_in_total}, {@code loa_mqtt_rejected_total}, {@code loa_mqtt_connections} and so on.
 */
public final class BrokerMetrics {
    public static final String MESSAGES_IN = "loa.mqtt.messages.in";
    public static final String MESSAGES_OUT = "loa.mqtt.messages.out";
    public static final String REJECTED = "loa.mqtt.rejected";
    public static final String CONNECTIONS = "loa.mqtt.connections";
    public static final String AUTH = "loa.mqtt.auth";
    public static final String INBOUND_FAILURES = "loa.mqtt.inbound.failures";
    /** The {@code topic} label of provisioning requests on {@link #MESSAGES_IN}. */
    public static final String PROVISION_TOPIC_LABEL = "prov";

    private final Map<DeviceTopic, Counter> messagesIn = new EnumMap<>(DeviceTopic.class);
    private final Counter provisionRequestsIn;
    private final Counter messagesOut;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter inboundFailures;
    private final Counter authOk;
    private final Counter authRefused;
    private final Map<ConnectionKind, AtomicInteger> connections = new EnumMap<>(ConnectionKind.class);

    public BrokerMetrics(MeterRegistry registry) {
        for (DeviceTopic topic : DeviceTopic.values()) {
            if (topic.fromDevice()) {
                messagesIn.put(topic, messagesInCounter(registry, topic.level()));
            }
        }
        provisionRequestsIn = messagesInCounter(registry, PROVISION_TOPIC_LABEL);
        messagesOut = Counter.builder(MESSAGES_OUT).description("Messages the server published to devices")
                .register(registry);
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder(REJECTED).description("Inbound MQTT traffic refused or dropped")
                    .tag("reason", reason.label()).register(registry));
        }
        inboundFailures = Counter.builder(INBOUND_FAILURES)
                .description("Inbound events the server's handler failed on (logged, then skipped)").register(registry);
        authOk = authCounter(registry, "ok");
        authRefused = authCounter(registry, "refused");
        for (ConnectionKind kind : ConnectionKind.values()) {
            // A broker started after another on the same registry takes the gauge over; counters carry on.
            Gauge previous = registry.find(CONNECTIONS).tag("kind", kind.label()).gauge();
            if (previous != null) {
                registry.remove(previous);
            }
            AtomicInteger count = new AtomicInteger();
            connections.put(kind, count);
            Gauge.builder(CONNECTIONS, count, AtomicInteger::get).description("Open authenticated MQTT connections")
                    .tag("kind", kind.label()).register(registry);
        }
    }

    private static Counter messagesInCounter(MeterRegistry registry, String topicLabel) {
        return Counter.builder(MESSAGES_IN).description("Messages received from devices and handed to the server")
                .tag("topic", topicLabel).register(registry);
    }

    private static Counter authCounter(MeterRegistry registry, String result) {
        return Counter.builder(AUTH).description("MQTT connection authentications")
                .tag("result", result).register(registry);
    }

    public void deviceMessageIn(DeviceTopic topic) {
        messagesIn.get(topic).increment();
    }

    public void provisionRequestIn() {
        provisionRequestsIn.increment();
    }

    public void messageOut() {
        messagesOut.increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void inboundFailed() {
        inboundFailures.increment();
    }

    public void authenticated(boolean ok) {
        (ok ? authOk : authRefused).increment();
    }

    public void connectionOpened(BrokerPrincipal principal) {
        connections.get(ConnectionKind.of(principal)).incrementAndGet();
    }

    public void connectionClosed(BrokerPrincipal principal) {
        connections.get(ConnectionKind.of(principal)).decrementAndGet();
    }

    /** The {@code kind} label of the connections gauge. */
    public enum ConnectionKind {
        DEVICE("device"), PROVISIONING("provisioning"), SERVICE("service");

        private final String label;

        ConnectionKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static ConnectionKind of(BrokerPrincipal principal) {
            if (principal instanceof BrokerPrincipal.Device) {
                return DEVICE;
            }
            return principal instanceof BrokerPrincipal.Provisioning ? PROVISIONING : SERVICE;
        }
    }
}
