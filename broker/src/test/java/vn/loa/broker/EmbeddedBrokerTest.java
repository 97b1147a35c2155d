package vn.loa.broker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
                MAX_WILL_DELAY_SECONDS);
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
}
