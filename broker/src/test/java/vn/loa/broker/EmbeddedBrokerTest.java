package vn.loa.broker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.broker.RecordingHandler.Event;
import vn.loa.broker.RecordingHandler.Kind;
import vn.loa.broker.inbound.InboundDispatcher;
import vn.loa.broker.metrics.BrokerMetrics;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.PayloadLimits;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One real embedded broker for the class, real Paho clients on 127.0.0.1. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerTest {
    private static final int GRANTED_QOS_1 = 1;
    private static final int NOT_AUTHORIZED = 0x87;
    /** MQTT 5 reason codes from 0x80 up are failures; below (0, or 0x10 "no matching subscribers") success. */
    private static final int FIRST_FAILURE_CODE = 0x80;
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(1);
    private static final long MAX_WILL_DELAY_SECONDS = 2;

    @TempDir
    static Path dataDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestAuthenticator authenticator = new TestAuthenticator();
    private final RecordingHandler handler = new RecordingHandler();
    private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
    private EmbeddedBroker broker;
    private String uri;

    @BeforeAll
    void startBroker() {
        BrokerSettings settings = new BrokerSettings("127.0.0.1", 0, -1, dataDir, null, null,
                MAX_WILL_DELAY_SECONDS, SessionStorage.MEMORY);
        broker = new EmbeddedBroker(settings, authenticator, id -> groups.getOrDefault(id, Set.of()), handler,
                registry, BrokerLimits.DEFAULTS.withAuthTimeout(AUTH_TIMEOUT));
        broker.start();
        uri = "tcp://127.0.0.1:" + broker.mqttPort();
    }

    @AfterAll
    void stopBroker() {
        authenticator.stall.countDown();
        broker.close();
    }

    private TestClient device(String id) throws Exception {
        authenticator.add(id, "pw-" + id, new BrokerPrincipal.Device(id));
        return TestClient.connected(uri, id, id, "pw-" + id);
    }

    private TestClient service(String name) throws Exception {
        authenticator.add(name, "pw-" + name, new BrokerPrincipal.Service(name));
        return TestClient.connected(uri, name, name, "pw-" + name);
    }

    private int refusalCode(String clientId, String username, String password) throws Exception {
        try (TestClient client = new TestClient(uri, clientId)) {
            return client.connectReasonCode(TestClient.options(username, password));
        }
    }

    /**
     * HiveMQ answers a refused MQTT 5 QoS 1 PUBLISH with PUBACK "not authorized" and then disconnects the client
     * with the same reason, so each refusal is checked on a connection of its own. Paho reports either the PUBACK
     * or the disconnect that follows it first.
     */
    private void assertPublishRefused(ClientFactory connect, String topic) throws Exception {
        double refusedBefore = notAllowed();
        try (TestClient client = connect.open()) {
            assertThat(client.publish(topic, "refused", 1))
                    .isIn(NOT_AUTHORIZED, (int) MqttClientException.REASON_CODE_SERVER_DISCONNECTED);
            assertThat(client.awaitServerDisconnect()).isEqualTo(NOT_AUTHORIZED);
        }
        assertThat(notAllowed()).isEqualTo(refusedBefore + 1);
    }

    @FunctionalInterface
    private interface ClientFactory {
        TestClient open() throws Exception;
    }

    private static void assertAccepted(int reasonCode) {
        assertThat(reasonCode).isLessThan(FIRST_FAILURE_CODE);
    }

    private double counter(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    private double notAllowed() {
        return counter(BrokerMetrics.REJECTED, "reason", "not-allowed");
    }

    private ClientSession awaitConnected(String clientId) throws InterruptedException {
        Poll.until(clientId + " connected", () -> handler.of(clientId).stream().anyMatch(e -> e.kind() == Kind.CONNECTED));
        return handler.of(clientId).stream().filter(e -> e.kind() == Kind.CONNECTED).findFirst().orElseThrow()
                .session();
    }

    private void awaitDisconnected(String clientId) throws InterruptedException {
        Poll.until(clientId + " disconnected",
                () -> handler.of(clientId).stream().anyMatch(e -> e.kind() == Kind.DISCONNECTED));
    }

    // --- authentication ---

    @Test
    void deviceWithItsPasswordConnectsAndIsAnnounced() throws Exception {
        try (TestClient ignored = device("auth-ok")) {
            ClientSession session = awaitConnected("auth-ok");
            assertThat(session.principal()).isEqualTo(new BrokerPrincipal.Device("auth-ok"));
            assertThat(session.mqttVersion()).isEqualTo(5);
            assertThat(session.remoteAddress()).isEqualTo("127.0.0.1");
            assertThat(session.willDelaySeconds()).isZero();
            assertThat(authenticator.threadsByUser.get("auth-ok")).startsWith("loa-auth-");
            Poll.until("device gauge at 1",
                    () -> registry.get(BrokerMetrics.CONNECTIONS).tag("kind", "device").gauge().value() == 1);
        }
        awaitDisconnected("auth-ok");
        Poll.until("device gauge at 0",
                () -> registry.get(BrokerMetrics.CONNECTIONS).tag("kind", "device").gauge().value() == 0);
        assertThat(counter(BrokerMetrics.AUTH, "result", "ok")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void wrongPasswordAndUnknownUserAreRefused() throws Exception {
        authenticator.add("auth-wrong", "right", new BrokerPrincipal.Device("auth-wrong"));
        double refusedBefore = counter(BrokerMetrics.AUTH, "result", "refused");

        assertThat(refusalCode("auth-wrong", "auth-wrong", "wrong")).isEqualTo(NOT_AUTHORIZED);
        assertThat(refusalCode("auth-nobody", "auth-nobody", "x")).isEqualTo(NOT_AUTHORIZED);
        assertThat(refusalCode("auth-anonymous", null, null)).isEqualTo(NOT_AUTHORIZED);

        assertThat(counter(BrokerMetrics.AUTH, "result", "refused")).isEqualTo(refusedBefore + 3);
        assertThat(handler.of("auth-wrong")).isEmpty();
    }

    @Test
    void deviceMustUseItsIdAsClientId() throws Exception {
        authenticator.add("auth-owner", "pw", new BrokerPrincipal.Device("auth-owner"));
        assertThat(refusalCode("auth-impostor", "auth-owner", "pw")).isEqualTo(NOT_AUTHORIZED);
    }

    @Test
    void throwingAuthenticatorRefusesAndBrokerKeepsServing() throws Exception {
        assertThat(refusalCode("auth-throws", TestAuthenticator.THROWING, "x")).isEqualTo(NOT_AUTHORIZED);
        try (TestClient after = device("auth-after-throw")) {
            assertThat(after.isConnected()).isTrue();
        }
    }

    @Test
    void authenticationTimeoutRefuses() throws Exception {
        long started = System.nanoTime();
        assertThat(refusalCode("auth-stalls", TestAuthenticator.STALLING, "x")).isEqualTo(NOT_AUTHORIZED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(AUTH_TIMEOUT.plusSeconds(5));
        assertThat(handler.of("auth-stalls")).isEmpty();
    }

    @Test
    void sessionTakeoverKeepsTheNewConnectionAuthorisedAndTellsTheConnectionsApart() throws Exception {
        try (TestClient old = device("takeover")) {
            long oldConnection = awaitConnected("takeover").connectionId();
            try (TestClient replacement = device("takeover")) {
                old.awaitServerDisconnect();
                Poll.until("old connection closed", () -> handler.of("takeover").stream()
                        .anyMatch(e -> e.kind() == Kind.DISCONNECTED));
                List<Event> lifecycle = handler.of("takeover");
                assertThat(lifecycle).extracting(Event::kind)
                        .containsExactly(Kind.CONNECTED, Kind.CONNECTED, Kind.DISCONNECTED);
                long newConnection = lifecycle.get(1).session().connectionId();
                assertThat(newConnection).isNotEqualTo(oldConnection);
                assertThat(lifecycle.get(2).session().connectionId()).isEqualTo(oldConnection);

                assertAccepted(replacement.publish(Topics.device("takeover", DeviceTopic.STATE), "online", 1));
                assertThat(replacement.subscribe(Topics.device("takeover", DeviceTopic.COMMAND)))
                        .isEqualTo(GRANTED_QOS_1);
                Poll.until("replacement's message", () -> handler.messagesOf("takeover").size() == 1);
            }
        }
    }

    // --- ACL ---

    @Test
    void devicePublishesOnlyOnItsOwnUpstreamTopics() throws Exception {
        assertPublishRefused(() -> device("acl-pub"), Topics.device("acl-other", DeviceTopic.TELEMETRY));
        assertPublishRefused(() -> device("acl-pub"), Topics.device("acl-pub", DeviceTopic.COMMAND));
        assertPublishRefused(() -> device("acl-pub"), Topics.groupCommand("1"));
        try (TestClient device = device("acl-pub")) {
            assertAccepted(device.publish(Topics.device("acl-pub", DeviceTopic.TELEMETRY), "own", 1));
            Poll.until("own message handed over", () -> handler.messagesOf("acl-pub").size() == 1);
        }
        assertThat(handler.messagesOf("acl-pub")).extracting(Event::payload).containsExactly("own");
        assertThat(handler.of("acl-other")).isEmpty();
    }

    @Test
    void deviceSubscribesOnlyToItsOwnCommandsAndDesiredState() throws Exception {
        try (TestClient device = device("acl-sub")) {
            assertThat(device.subscribe(Topics.device("acl-sub", DeviceTopic.COMMAND))).isEqualTo(GRANTED_QOS_1);
            assertThat(device.subscribe(Topics.device("acl-sub", DeviceTopic.DESIRED))).isEqualTo(GRANTED_QOS_1);
            assertThat(device.subscribe(Topics.device("acl-neighbour", DeviceTopic.COMMAND)))
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(device.subscribe("loa/v1/dev/acl-sub/#")).isEqualTo(NOT_AUTHORIZED);
            assertThat(device.subscribe("loa/v1/dev/+/cmd")).isEqualTo(NOT_AUTHORIZED);
            assertThat(device.subscribe("#")).isEqualTo(NOT_AUTHORIZED);
            assertThat(device.subscribe("$share/fleet/loa/v1/dev/acl-sub/cmd")).isEqualTo(NOT_AUTHORIZED);
            assertThat(device.subscribe(Topics.device("acl-sub", DeviceTopic.TELEMETRY))).isEqualTo(NOT_AUTHORIZED);
        }
    }

    @Test
    void deviceFollowsItsGroupsAsTheyChange() throws Exception {
        groups.put("acl-grp", Set.of("7"));
        try (TestClient device = device("acl-grp")) {
            assertThat(device.subscribe(Topics.device("acl-grp", DeviceTopic.COMMAND))).isEqualTo(GRANTED_QOS_1);
            assertThat(device.subscribe(Topics.groupCommand("7"))).isEqualTo(GRANTED_QOS_1);
            assertThat(device.subscribe(Topics.groupCommand("8"))).isEqualTo(NOT_AUTHORIZED);

            broker.publish(OutboundMessage.command(Topics.groupCommand("7"), bytes("to group 7"), 30, null))
                    .get(5, TimeUnit.SECONDS);
            assertThat(device.next().payload()).isEqualTo("to group 7");

            groups.put("acl-grp", Set.of());
            broker.removeSubscription("acl-grp", Topics.groupCommand("7")).get(5, TimeUnit.SECONDS);
            broker.publish(OutboundMessage.command(Topics.groupCommand("7"), bytes("after removal"), 30, null))
                    .get(5, TimeUnit.SECONDS);
            broker.publish(OutboundMessage.command(Topics.device("acl-grp", DeviceTopic.COMMAND), bytes("marker"),
                    30, null)).get(5, TimeUnit.SECONDS);
            assertThat(device.next().payload()).isEqualTo("marker");
            assertThat(device.subscribe(Topics.groupCommand("7"))).isEqualTo(NOT_AUTHORIZED);
        }
    }

    @Test
    void provisioningClientIsConfinedToItsSerialAndItsRequestReachesOnlyTheServer() throws Exception {
        authenticator.add("prov-user", "pw", new BrokerPrincipal.Provisioning("SN-100"));
        try (TestClient watcher = service("acl-watcher");
             TestClient provisioning = TestClient.connected(uri, "prov-SN-100", "prov-user", "pw")) {
            assertThat(watcher.subscribe("loa/v1/prov/#")).isEqualTo(GRANTED_QOS_1);
            assertThat(provisioning.subscribe(Topics.provisionReply("SN-100"))).isEqualTo(GRANTED_QOS_1);
            assertThat(provisioning.subscribe(Topics.provisionReply("SN-200"))).isEqualTo(NOT_AUTHORIZED);
            assertAccepted(provisioning.publish(Topics.provisionRequest("SN-100"), "{\"v\":1}", 1));

            Poll.until("provision request handed over", () -> handler.of("SN-100").size() == 1);
            Event request = handler.of("SN-100").get(0);
            assertThat(request.kind()).isEqualTo(Kind.PROVISION);
            assertThat(request.payload()).isEqualTo("{\"v\":1}");
            assertThat(counter(BrokerMetrics.MESSAGES_IN, "topic", BrokerMetrics.PROVISION_TOPIC_LABEL)).isEqualTo(1);
            assertThat(handler.of("SN-200")).isEmpty();

            broker.publish(OutboundMessage.command(Topics.provisionReply("SN-100"), bytes("reply"), 30, null))
                    .get(5, TimeUnit.SECONDS);
            assertThat(provisioning.next().payload()).isEqualTo("reply");
            // The watcher sees the reply first: the request itself was never delivered to subscribers.
            assertThat(watcher.next().topic()).isEqualTo(Topics.provisionReply("SN-100"));
        }
        assertPublishRefused(() -> TestClient.connected(uri, "prov-SN-100", "prov-user", "pw"),
                Topics.provisionRequest("SN-200"));
        assertPublishRefused(() -> TestClient.connected(uri, "prov-SN-100", "prov-user", "pw"),
                Topics.device("sn-100", DeviceTopic.STATE));
        assertThat(handler.of("SN-200")).isEmpty();
    }

    @Test
    void serviceAccountWatchesEverythingAndPublishesNothing() throws Exception {
        try (TestClient watcher = service("acl-service"); TestClient device = device("acl-watched")) {
            assertThat(watcher.subscribe("loa/v1/#")).isEqualTo(GRANTED_QOS_1);
            assertThat(watcher.subscribe("#")).isEqualTo(NOT_AUTHORIZED);
            assertThat(watcher.subscribe("$SYS/#")).isEqualTo(NOT_AUTHORIZED);
            assertAccepted(device.publish(Topics.device("acl-watched", DeviceTopic.EVENT), "button", 1));
            TestClient.Received seen = watcher.next();
            assertThat(seen.topic()).isEqualTo(Topics.device("acl-watched", DeviceTopic.EVENT));
            assertThat(seen.payload()).isEqualTo("button");
        }
        assertPublishRefused(() -> service("acl-service"), Topics.device("acl-watched", DeviceTopic.COMMAND));
    }

    // --- inbound hand-off ---

    @Test
    void messagesArriveInOrderPerClientOnDispatchThreads() throws Exception {
        int count = 100;
        try (TestClient device = device("in-order")) {
            for (int i = 0; i < count; i++) {
                device.publish(Topics.device("in-order", DeviceTopic.TELEMETRY), Integer.toString(i), i % 2);
            }
            device.publish(Topics.device("in-order", DeviceTopic.STATE), "state", 1);
            device.publish(Topics.device("in-order", DeviceTopic.EVENT), "evt", 1);
            device.publish(Topics.device("in-order", DeviceTopic.RESULT), "res", 1);
            Poll.until("all messages", () -> handler.messagesOf("in-order").size() == count + 3);
        }
        awaitDisconnected("in-order");

        List<Event> events = handler.of("in-order");
        assertThat(events.get(0).kind()).isEqualTo(Kind.CONNECTED);
        assertThat(events.get(events.size() - 1).kind()).isEqualTo(Kind.DISCONNECTED);
        List<Event> messages = handler.messagesOf("in-order");
        assertThat(messages.subList(0, count)).extracting(Event::payload)
                .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(Integer::toString).toList());
        assertThat(messages.subList(0, count)).extracting(Event::topic).containsOnly(DeviceTopic.TELEMETRY);
        assertThat(messages.subList(count, count + 3)).extracting(Event::topic)
                .containsExactly(DeviceTopic.STATE, DeviceTopic.EVENT, DeviceTopic.RESULT);
        assertThat(events).extracting(Event::thread).allMatch(name -> name.startsWith("loa-inbound-"));
        assertThat(counter(BrokerMetrics.MESSAGES_IN, "topic", "tele")).isGreaterThanOrEqualTo(count);
    }

    @Test
    void slowHandlerHoldsUpOnlyItsOwnStripe() throws Exception {
        String slow = "in-slow";
        String fast = IntStream.range(0, 100).mapToObj(i -> "in-fast-" + i)
                .filter(id -> stripe(id) != stripe(slow)).findFirst().orElseThrow();
        handler.hold(slow);
        try (TestClient slowDevice = device(slow); TestClient fastDevice = device(fast)) {
            slowDevice.publish(Topics.device(slow, DeviceTopic.TELEMETRY), "stuck", 1);
            fastDevice.publish(Topics.device(fast, DeviceTopic.TELEMETRY), "flows", 1);
            Poll.until("fast client's message", () -> handler.messagesOf(fast).size() == 1);
            assertThat(handler.messagesOf(slow)).isEmpty();

            handler.release(slow);
            Poll.until("slow client's message", () -> handler.messagesOf(slow).size() == 1);
        }
    }

    private static int stripe(String clientId) {
        return InboundDispatcher.stripeOf(clientId, BrokerLimits.INBOUND_STRIPES);
    }

    @Test
    void handlerFailureIsCountedAndTheStripeGoesOn() throws Exception {
        handler.failOn("poison");
        try (TestClient device = device("in-poison")) {
            device.publish(Topics.device("in-poison", DeviceTopic.EVENT), "poison", 1);
            device.publish(Topics.device("in-poison", DeviceTopic.EVENT), "after", 1);
            Poll.until("message after the failure", () -> handler.messagesOf("in-poison").size() == 1);
        }
        assertThat(handler.messagesOf("in-poison").get(0).payload()).isEqualTo("after");
        assertThat(registry.get(BrokerMetrics.INBOUND_FAILURES).counter().count()).isEqualTo(1);
    }

    // --- Will, disconnect, packet size ---

    @Test
    void willDelayIsCappedAndTheWillIsPublished() throws Exception {
        try (TestClient watcher = service("will-watcher"); TestClient device = new TestClient(uri, "will-capped")) {
            assertThat(watcher.subscribe(Topics.device("will-capped", DeviceTopic.STATE))).isEqualTo(GRANTED_QOS_1);
            authenticator.add("will-capped", "pw", new BrokerPrincipal.Device("will-capped"));
            device.connect(withWill(TestClient.options("will-capped", "pw"),
                    Topics.device("will-capped", DeviceTopic.STATE), 3600));
            assertThat(awaitConnected("will-capped").willDelaySeconds()).isEqualTo(MAX_WILL_DELAY_SECONDS);

            device.dropConnection();
            TestClient.Received will = watcher.next();
            assertThat(will.topic()).isEqualTo(Topics.device("will-capped", DeviceTopic.STATE));
            assertThat(will.payload()).isEqualTo("offline");
        }
    }

    @Test
    void willOnAForeignTopicIsDropped() throws Exception {
        String foreign = Topics.device("will-victim", DeviceTopic.STATE);
        try (TestClient watcher = service("will-watcher-2"); TestClient device = new TestClient(uri, "will-forger")) {
            assertThat(watcher.subscribe(foreign)).isEqualTo(GRANTED_QOS_1);
            authenticator.add("will-forger", "pw", new BrokerPrincipal.Device("will-forger"));
            device.connect(withWill(TestClient.options("will-forger", "pw"), foreign, 0));
            assertThat(awaitConnected("will-forger").willDelaySeconds()).isZero();

            device.dropConnection();
            awaitDisconnected("will-forger");
            broker.publish(OutboundMessage.command(foreign, bytes("marker"), 30, null)).get(5, TimeUnit.SECONDS);
            assertThat(watcher.next().payload()).isEqualTo("marker");
        }
    }

    private static MqttConnectionOptions withWill(MqttConnectionOptions options, String topic, long delaySeconds) {
        MqttMessage will = new MqttMessage(bytes("offline"));
        will.setQos(1);
        options.setWill(topic, will);
        MqttProperties properties = new MqttProperties();
        properties.setWillDelayInterval(delaySeconds);
        options.setWillMessageProperties(properties);
        options.setSessionExpiryInterval(3600L);
        return options;
    }

    @Test
    void serverDisconnectClosesTheClient() throws Exception {
        try (TestClient device = device("kick-me")) {
            awaitConnected("kick-me");
            broker.disconnect("kick-me").get(5, TimeUnit.SECONDS);
            assertThat(device.disconnectedByServer.await(10, TimeUnit.SECONDS)).isTrue();
            awaitDisconnected("kick-me");
        }
    }

    @Test
    void packetOverTheLimitIsRefusedAndOthersAreStillServed() throws Exception {
        authenticator.add("big-raw", "pw", new BrokerPrincipal.Device("big-raw"));
        try (TestClient other = device("big-neighbour");
             RawMqtt3Client raw = RawMqtt3Client.connect("127.0.0.1", broker.mqttPort(), "big-raw", "pw")) {
            assertThat(awaitConnected("big-raw").mqttVersion()).isEqualTo(3);
            raw.publishQos0(Topics.device("big-raw", DeviceTopic.TELEMETRY), new byte[PayloadLimits.MAX_PACKET_BYTES]);
            assertThat(raw.closedByServer(Duration.ofSeconds(10))).isTrue();
            awaitDisconnected("big-raw");
            assertThat(handler.messagesOf("big-raw")).isEmpty();

            assertAccepted(other.publish(Topics.device("big-neighbour", DeviceTopic.TELEMETRY), "still here", 1));
            Poll.until("neighbour's message", () -> handler.messagesOf("big-neighbour").size() == 1);
        }
    }

    // --- server-side publishing ---

    @Test
    void commandCarriesCorrelationAndRetainedStateCanBeCleared() throws Exception {
        double outBefore = registry.get(BrokerMetrics.MESSAGES_OUT).counter().count();
        String desired = Topics.device("out-dev", DeviceTopic.DESIRED);
        broker.publish(OutboundMessage.retained(desired, bytes("volume 70"))).get(5, TimeUnit.SECONDS);
        try (TestClient device = device("out-dev")) {
            assertThat(device.subscribe(desired)).isEqualTo(GRANTED_QOS_1);
            TestClient.Received retained = device.next();
            assertThat(retained.payload()).isEqualTo("volume 70");
            assertThat(retained.retained()).isTrue();

            assertThat(device.subscribe(Topics.device("out-dev", DeviceTopic.COMMAND))).isEqualTo(GRANTED_QOS_1);
            broker.publish(OutboundMessage.command(Topics.device("out-dev", DeviceTopic.COMMAND), bytes("ping"), 30,
                    bytes("cmd-1"))).get(5, TimeUnit.SECONDS);
            TestClient.Received command = device.next();
            assertThat(command.payload()).isEqualTo("ping");
            assertThat(command.correlationData()).isEqualTo(bytes("cmd-1"));
        }
        broker.publish(OutboundMessage.clearRetained(desired)).get(5, TimeUnit.SECONDS);
        try (TestClient watcher = service("out-watcher")) {
            assertThat(watcher.subscribe(desired)).isEqualTo(GRANTED_QOS_1);
            broker.publish(OutboundMessage.command(desired, bytes("live"), 30, null)).get(5, TimeUnit.SECONDS);
            TestClient.Received first = watcher.next();
            assertThat(first.payload()).isEqualTo("live");
            assertThat(first.retained()).isFalse();
        }
        assertThat(registry.get(BrokerMetrics.MESSAGES_OUT).counter().count()).isEqualTo(outBefore + 4);
    }

    @Test
    void invalidOutboundMessageFailsItsFuture() {
        assertThat(broker.publish(OutboundMessage.command("loa/v1/dev/+/cmd", bytes("x"), 30, null)))
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().havingRootCause().isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> broker.start()).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
