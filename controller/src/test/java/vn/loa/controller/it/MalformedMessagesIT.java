package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.testing.Poll;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.PayloadLimits;
import vn.loa.sim.Fleet;
import vn.loa.sim.provision.CredentialsStore;
import vn.loa.sim.provision.DeviceCredentials;

/** Bad payloads from an authenticated device are dropped and counted; nothing else is harmed. */
class MalformedMessagesIT extends LiveControlPlaneTest {
    private static DeviceCredentials device;

    @BeforeAll
    static void provisionSpeakers() throws Exception {
        CredentialsStore store = loa.provision("it-a-1", "IT-BAD-1");
        device = LiveControlPlane.credentials(store, "IT-BAD-1");
    }

    @Test
    void badPayloadsAreDroppedAndCountedAndTheConnectionCarriesOn() throws Exception {
        MqttClient client = loa.connectAs(device);
        try {
            String tele = Topics.device(device.deviceId(), DeviceTopic.TELEMETRY);
            Map<String, String> bad = Map.of(
                    "malformed-json", "volume=12",
                    "unsupported-version", "{\"v\":2,\"volume\":12}",
                    "invalid-field", "{\"v\":1,\"volume\":500}",
                    "too-large", "{\"v\":1,\"playing\":null,\"pad\":\"" + "x".repeat(PayloadLimits.TELEMETRY_BYTES)
                            + "\"}");
            Map<String, Double> before = new HashMap<>();
            bad.keySet().forEach(reason -> before.put(reason, rejected(reason)));

            for (String payload : bad.values()) {
                client.publish(tele, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            }
            client.publish(Topics.device(device.deviceId(), DeviceTopic.EVENT), new byte[0], 1, false);
            client.publish(tele, "{\"v\":1,\"volume\":12}".getBytes(StandardCharsets.UTF_8), 1, false);

            Poll.until("the valid report after the bad ones", LiveControlPlane.CONNECT,
                    () -> loa.device("IT-BAD-1").path("state").path("volume").asInt() == 12);
            for (String reason : bad.keySet()) {
                assertThat(rejected(reason)).as(reason).isGreaterThan(before.get(reason));
            }
            assertThat(client.isConnected()).as("the connection survives bad payloads").isTrue();
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void aPacketOverTheBrokerLimitCostsOnlyItsOwnConnection() throws Exception {
        loa.importSerials("it-b", "IT-BAD-WITNESS");
        try (Fleet witness = loa.onlineFleet(loa.fleetOptions("IT-BAD-WITNESS").build())) {
            MqttClient client = loa.connectAs(device);
            try {
                client.publish(Topics.device(device.deviceId(), DeviceTopic.TELEMETRY),
                        new byte[PayloadLimits.MAX_PACKET_BYTES + 1], 1, false);
            } catch (Exception refused) {
                // the broker closes the connection; Paho reports it as a failed publish or a lost connection
            }
            Poll.until("the oversized sender to be disconnected", LiveControlPlane.CONNECT,
                    () -> !client.isConnected());
            client.close(true);

            String witnessId = witness.speakers().get(0).deviceId();
            assertThat(loa.command("/api/devices/" + witnessId, Map.of("type", "ping")).get("summary").get("ok")
                    .asInt()).as("other devices unharmed").isEqualTo(1);
            MqttClient again = loa.connectAs(device);
            assertThat(again.isConnected()).as("the offender may come back with proper messages").isTrue();
            again.disconnect();
            again.close();
        }
    }

    private static double rejected(String reason) {
        return loa.metric("loa_mqtt_rejected_total", "reason=\"" + reason + "\"");
    }

}
