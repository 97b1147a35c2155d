package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.it.LiveControlPlane.expect;
import static vn.loa.controller.it.LiveControlPlane.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import vn.loa.controller.stream.JoinKey;
import vn.loa.controller.testing.Poll;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.rtp.JoinPacket;
import vn.loa.protocol.rtp.JoinTokens;
import vn.loa.sim.provision.DeviceCredentials;

/**
 * Joins from a raw UDP socket: only the device's own, unexpired token from its first address latches; forged,
 * expired and replayed tokens are dropped and counted in /metrics, and their sender never becomes a receiver.
 * A device that reports the stream lost gets a fresh token, which latches its new address.
 */
class JoinSpoofingIT extends LiveControlPlaneTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onlyTheDevicesOwnTokenFromItsOwnSocketIsLatched() throws Exception {
        DeviceCredentials device = LiveControlPlane.credentials(loa.provision("it-b", "IT-JOIN-1"), "IT-JOIN-1");
        String stream = expect(loa.admin.post("/api/streams", Map.of("name", "Khẩn cấp",
                "source", Map.of("type", "live"))), 201).json().get("id").asText();
        double forgedBefore = rejected("forged");
        double expiredBefore = rejected("expired");
        double replayedBefore = rejected("replayed");

        MqttClient client = loa.connectAs(device);
        try (DatagramSocket speaker = socket(); DatagramSocket attacker = socket(); DatagramSocket moved = socket()) {
            BlockingQueue<String> commands = new LinkedBlockingQueue<>();
            IMqttMessageListener collect = (topic, message) ->
                    commands.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            client.subscribe(new MqttSubscription[] {
                    new MqttSubscription(Topics.device(device.deviceId(), DeviceTopic.COMMAND), 1)},
                    new IMqttMessageListener[] {collect});
            expect(loa.admin.post("/api/streams/" + stream + "/play", Map.of("devices", List.of(device.deviceId()))),
                    202);
            String command = commands.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(command).as("the play command").isNotNull();
            JsonNode play = JSON.readTree(command).get("play");
            assertThat(play.get("stream").asText()).isEqualTo(stream);
            InetSocketAddress streamer = new InetSocketAddress(play.get("host").asText(), play.get("port").asInt());
            String token = play.get("token").asText();

            byte[] forgedKey = new byte[JoinTokens.MIN_KEY_BYTES];
            new SecureRandom().nextBytes(forgedKey);
            long inAMinute = Instant.now().plusSeconds(60).getEpochSecond();
            send(attacker, streamer, new JoinTokens(forgedKey).issue(stream, device.deviceId(), inAMinute));
            send(attacker, streamer, new JoinTokens(JoinKey.readOrCreate(loa.server.dataDir()))
                    .issue(stream, device.deviceId(), Instant.now().minusSeconds(5).getEpochSecond()));
            Poll.until("forged and expired joins counted", WAIT,
                    () -> rejected("forged") > forgedBefore && rejected("expired") > expiredBefore);

            send(speaker, streamer, token);
            Poll.until("the device latched", WAIT, () -> json(loa.admin.get("/api/streams/" + stream))
                    .get("receivers").asInt() == 1);
            send(attacker, streamer, token);
            Poll.until("the replayed join counted", WAIT, () -> rejected("replayed") > replayedBefore);

            JsonNode receivers = json(loa.admin.get("/api/streams/" + stream)).get("receiverStats");
            assertThat(receivers).hasSize(1);
            assertThat(receivers.get(0).get("deviceId").asText()).isEqualTo(device.deviceId());
            assertThat(receivers.get(0).get("address").asText()).isEqualTo("127.0.0.1:" + speaker.getLocalPort());

            // the device's address changed behind its NAT: it reports the stream lost and gets a fresh token
            String lost = "{\"v\":1,\"event\":\"playback-failed\",\"stream\":\"" + stream
                    + "\",\"detail\":\"stream-lost\"}";
            client.publish(Topics.device(device.deviceId(), DeviceTopic.EVENT), lost.getBytes(StandardCharsets.UTF_8),
                    1, false);
            String replay = commands.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(replay).as("a fresh play command").isNotNull();
            JsonNode fresh = JSON.readTree(replay).get("play");
            assertThat(fresh.get("stream").asText()).isEqualTo(stream);
            assertThat(fresh.get("token").asText()).isNotEqualTo(token);
            send(moved, streamer, fresh.get("token").asText());
            Poll.until("the fresh token latching the new address", WAIT, () -> json(loa.admin.get("/api/streams/"
                    + stream)).get("receiverStats").findValuesAsText("address")
                    .contains("127.0.0.1:" + moved.getLocalPort()));

            // a device that heard nothing after joining gives up and is told to play again, with another token
            String timedOut = "{\"v\":1,\"event\":\"playback-failed\",\"stream\":\"" + stream
                    + "\",\"detail\":\"join-timeout\"}";
            client.publish(Topics.device(device.deviceId(), DeviceTopic.EVENT),
                    timedOut.getBytes(StandardCharsets.UTF_8), 1, false);
            String again = commands.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(again).as("a play command after the join timed out").isNotNull();
            assertThat(JSON.readTree(again).get("play").get("token").asText())
                    .isNotIn(token, fresh.get("token").asText());
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private static double rejected(String reason) {
        return loa.metric("loa_streamer_joins_rejected_total", "reason=\"" + reason + "\"");
    }

    private static DatagramSocket socket() throws Exception {
        return new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    private static void send(DatagramSocket from, InetSocketAddress to, String token) throws Exception {
        byte[] join = JoinPacket.encode(token);
        from.send(new DatagramPacket(join, join.length, to));
    }
}
