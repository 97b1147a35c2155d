package vn.loa.broker.inbound;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.loa.broker.BrokerLimits;
import vn.loa.broker.BrokerPrincipal;
import vn.loa.broker.ClientSession;
import vn.loa.broker.InboundHandler;
import vn.loa.broker.metrics.BrokerMetrics;
import vn.loa.protocol.DeviceTopic;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InboundDispatcherTest {
    private static final int CAPACITY = BrokerLimits.INBOUND_QUEUE_CAPACITY;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstMessageTaken = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final InboundDispatcher dispatcher = new InboundDispatcher(BrokerLimits.INBOUND_STRIPES, CAPACITY,
            new BlockingHandler(), new BrokerMetrics(registry));

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        dispatcher.close();
    }

    @Test
    void fullStripeDropsAndCountsMessagesButNeverLifecycleEvents() throws Exception {
        ClientSession session = new ClientSession(1, "spk-1", new BrokerPrincipal.Device("spk-1"), 5, 30, "10.0.0.1");
        dispatcher.connected(session);
        dispatcher.deviceMessage("spk-1", DeviceTopic.TELEMETRY, "held".getBytes());
        assertThat(firstMessageTaken.await(10, TimeUnit.SECONDS)).isTrue();

        int extra = 25;
        for (int i = 0; i < CAPACITY + extra; i++) {
            dispatcher.deviceMessage("spk-1", DeviceTopic.TELEMETRY, Integer.toString(i).getBytes());
        }
        dispatcher.disconnected(session);
        assertThat(overloaded()).isEqualTo(extra);

        release.countDown();
        dispatcher.close();
        assertThat(delivered).hasSize(1 + 1 + CAPACITY + 1);
        assertThat(delivered.get(0)).isEqualTo("connected");
        assertThat(delivered.get(1)).isEqualTo("held");
        assertThat(delivered.get(2)).isEqualTo("0");
        assertThat(delivered.get(CAPACITY + 1)).isEqualTo(Integer.toString(CAPACITY - 1));
        assertThat(delivered.get(CAPACITY + 2)).isEqualTo("disconnected");
        assertThat(registry.get(BrokerMetrics.MESSAGES_IN).tag("topic", "tele").counter().count())
                .isEqualTo(1 + CAPACITY + extra);
    }

    @Test
    void eachClientAlwaysUsesTheSameStripe() {
        int stripes = BrokerLimits.INBOUND_STRIPES;
        assertThat(InboundDispatcher.stripeOf("spk-1", stripes)).isEqualTo(InboundDispatcher.stripeOf("spk-1", stripes))
                .isBetween(0, stripes - 1);
        assertThat(List.of("a", "b", "c", "d", "e", "f", "g", "h").stream()
                .map(id -> InboundDispatcher.stripeOf(id, stripes)).distinct().count()).isGreaterThan(1);
    }

    private double overloaded() {
        return registry.get(BrokerMetrics.REJECTED).tag("reason", "overloaded").counter().count();
    }

    private final class BlockingHandler implements InboundHandler {
        @Override
        public void onDeviceMessage(String deviceId, DeviceTopic topic, byte[] payload) {
            String text = new String(payload);
            if (text.equals("held")) {
                firstMessageTaken.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            delivered.add(text);
        }

        @Override
        public void onProvisionRequest(String serial, byte[] payload) {
            delivered.add("provision " + serial);
        }

        @Override
        public void onConnected(ClientSession session) {
            delivered.add("connected");
        }

        @Override
        public void onDisconnected(ClientSession session) {
            delivered.add("disconnected");
        }
    }
}
