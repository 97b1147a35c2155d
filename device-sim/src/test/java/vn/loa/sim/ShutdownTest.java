package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing a fleet leaves no connection behind, whatever each speaker was doing. */
class ShutdownTest {
    @TempDir
    Path dir;

    @Test
    void closingAFleetClosesEveryConnectionIncludingProvisioningOnes() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir, List.of("allow_anonymous true", "sys_interval 1"));
             TestServer server = new TestServer(broker.uri(), r -> r.serial().equals("SHT-000001")
                     ? TestServer.approveAll(r) : null)) {
            MqttClient watcher = new MqttClient(broker.uri(), "watcher", new MemoryPersistence());
            watcher.connect();
            AtomicReference<String> connected = new AtomicReference<>("");
            // (Paho 1.2.5's subscribe(String, int, listener) recurses forever; the array form works)
            watcher.subscribe(new MqttSubscription[] {new MqttSubscription("$SYS/broker/clients/connected", 0)},
                    new IMqttMessageListener[] {(topic, message) ->
                            connected.set(new String(message.getPayload(), StandardCharsets.UTF_8))});

            Fleet fleet = Fleet.create(FleetOptions.builder().count(2).serials("SHT-", 1).serverUri(broker.uri())
                    .provisioningKey("k").provisionReplyTimeout(Duration.ofMinutes(1)).build());
            fleet.start();
            assertThat(fleet.awaitConnected(1, Duration.ofSeconds(10))).isTrue();
            Eventually.until("second speaker waiting for its reply",
                    () -> server.asksBySerial.containsKey("SHT-000002"));
            // test server, watcher, one device session, one provisioning session
            Eventually.until("four clients connected, was " + connected.get(), () -> connected.get().equals("4"));

            fleet.close();
            Eventually.until("only the test's two clients left, was " + connected.get(),
                    () -> connected.get().equals("2"));
            assertThat(fleet.speakers()).allMatch(s -> s.phase() == Phase.STOPPED);
            watcher.disconnect();
            watcher.close();
        }
    }
}
