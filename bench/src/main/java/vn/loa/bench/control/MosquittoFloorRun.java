package vn.loa.bench.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import vn.loa.bench.support.BareMosquitto;
import vn.loa.bench.support.ChildProcess;
import vn.loa.bench.support.Distribution;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandType;
import vn.loa.sim.mqtt.ClientCallback;
import vn.loa.sim.mqtt.NoDelaySockets;

/**
 * The floor: a bare Mosquitto broker, the same simulated speakers in bare mode (no provisioning, no
 * authentication, no registry), one plain publish on the group topic, answers collected straight off the
 * broker. Whatever Loa adds on top of an MQTT round trip shows as the ratio against this.
 */
final class MosquittoFloorRun {
    static final String GROUP_TOPIC = Topics.groupCommand("1");

    private final FleetLauncher fleet;
    private final Path workDir;
    private final int singleRoundTrips;

    MosquittoFloorRun(FleetLauncher fleet, Path workDir, int singleRoundTrips) {
        this.fleet = fleet;
        this.workDir = workDir;
        this.singleRoundTrips = singleRoundTrips;
    }

    Map<String, Object> run(int count) throws Exception {
        Path dir = workDir.resolve("mosquitto-" + count);
        Map<String, Object> result = new LinkedHashMap<>();
        try (BareMosquitto broker = BareMosquitto.start(dir);
             Observer observer = new Observer(broker.port())) {
            long start = System.nanoTime();
            try (ChildProcess speakers = fleet.start("fleet", count, broker.port(), List.of("--bare", GROUP_TOPIC),
                    dir.resolve("fleet.log"))) {
                observer.awaitConnected(count + 1, speakers, broker.process());
                result.put("connectSeconds", (System.nanoTime() - start) / 1e9);
                Thread.sleep(2_000);
                result.put("brokerRssMb", broker.process().rssBytes() / 1_048_576);
                for (int i = 0; i < ControlBench.WARM_UP_ROUNDS; i++) {
                    observer.groupCommand(count); // untimed, as in the Loa run
                }
                result.put("groupCommand", observer.groupCommand(count));
                result.put("singleDeviceRoundTrip", observer.singleRoundTrips(count, singleRoundTrips));
            }
        }
        return result;
    }

    /** The benchmark's own MQTT client: publishes the commands and timestamps every answer. */
    private static final class Observer implements AutoCloseable {
        private final MqttAsyncClient client;
        private final AtomicLong connected = new AtomicLong();
        private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        private final AtomicReference<CountDownLatch> pending = new AtomicReference<>(new CountDownLatch(0));
        private final AtomicReference<String> expectedId = new AtomicReference<>("");

        Observer(int port) throws Exception {
            client = new MqttAsyncClient("tcp://127.0.0.1:" + port, "bench-observer", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setSocketFactory(NoDelaySockets.plain());
            client.setCallback(new ClientCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    onMessage(topic, message);
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {
                    // the benchmark notices through missing answers and reports them
                }
            });
            awaitConnect(options);
            client.subscribe(new MqttSubscription[] {
                    new MqttSubscription(BareMosquitto.CONNECTED_TOPIC, 0), new MqttSubscription(Topics.DEVICE_PREFIX + "+/res", 1)})
                    .waitForCompletion(10_000);
        }

        private void onMessage(String topic, MqttMessage message) {
            long now = System.nanoTime();
            String text = new String(message.getPayload(), StandardCharsets.UTF_8);
            if (topic.equals(BareMosquitto.CONNECTED_TOPIC)) {
                connected.set(Long.parseLong(text.trim()));
            } else if (text.contains(expectedId.get()) && answeredAt.putIfAbsent(topic, now) == null) {
                pending.get().countDown();
            }
        }

        private void awaitConnect(MqttConnectionOptions options) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    client.connect(options).waitForCompletion(5_000);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw notYet;
                    }
                    Thread.sleep(200);
                }
            }
        }

        void awaitConnected(long expected, ChildProcess speakers, ChildProcess broker) throws Exception {
            long deadline = System.nanoTime() + LoaControlRun.CONNECT_TIMEOUT.toNanos();
            while (connected.get() < expected) {
                speakers.requireAlive();
                broker.requireAlive();
                if (System.nanoTime() > deadline) {
                    throw new IOException("only " + connected.get() + " of " + expected + " clients connected");
                }
                Thread.sleep(100);
            }
        }

        Map<String, Object> groupCommand(int count) throws Exception {
            long start = System.nanoTime();
            publishAndAwait(GROUP_TOPIC, "floor-group-" + System.nanoTime(), count);
            double untilAllMs = (System.nanoTime() - start) / 1e6;
            List<Double> latencies = new ArrayList<>();
            answeredAt.values().forEach(t -> latencies.add((t - start) / 1e6));
            Map<String, Object> m = new LinkedHashMap<>(new Distribution(latencies).summary());
            m.put("targets", count);
            m.put("untilAllResultsMs", Math.round(untilAllMs));
            return m;
        }

        Map<String, Object> singleRoundTrips(int count, int rounds) throws Exception {
            Random random = new Random(42);
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                String deviceId = FleetLauncher.serial(1 + random.nextInt(count)).toLowerCase();
                long start = System.nanoTime();
                publishAndAwait(Topics.DEVICE_PREFIX + deviceId + "/cmd", "floor-single-" + i, 1);
                samples.add((System.nanoTime() - start) / 1e6);
            }
            return new Distribution(samples).summary();
        }

        private void publishAndAwait(String topic, String id, int answers) throws Exception {
            answeredAt.clear();
            expectedId.set("\"" + id + "\"");
            CountDownLatch latch = new CountDownLatch(answers);
            pending.set(latch);
            Command command = Command.of(id, CommandType.volume, 55, System.currentTimeMillis() + 60_000);
            IMqttToken token = client.publish(topic, new MqttMessage(MessageCodec.encode(command), 1, false, null));
            token.waitForCompletion(10_000);
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IOException(latch.getCount() + " of " + answers + " answers missing for " + id);
            }
        }

        @Override
        public void close() throws Exception {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }
}
