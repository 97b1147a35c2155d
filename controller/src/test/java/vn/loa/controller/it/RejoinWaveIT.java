package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.it.LiveControlPlane.expect;
import static vn.loa.controller.it.LiveControlPlane.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.command.CommandService;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.sim.provision.CredentialsStore;
import vn.loa.sim.provision.DeviceCredentials;

/**
 * Speakers that report a stream lost (join-timeout, stream-lost) are answered with fresh play orders: a wave of
 * them with one command per stream, recorded against the stream; and when the server has too many commands in
 * flight to send it, the speakers wait for room instead of staying silent.
 */
class RejoinWaveIT extends LiveControlPlaneTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The filling commands stay in flight this long plus {@link CommandService#RETAIN_AFTER_EXPIRY}. */
    private static final Duration FILLER_EXPIRY = Duration.ofSeconds(5);
    /** Several rejoin rounds, well within the time the filling commands stay in flight. */
    private static final Duration WHILE_FULL = Duration.ofSeconds(1);

    @Test
    void aWaveOfSpeakersThatLostTheStreamGetsOneCommand() throws Exception {
        List<String> serials = List.of("IT-WAVE-1", "IT-WAVE-2", "IT-WAVE-3");
        CredentialsStore store = loa.provision("it-b", serials.toArray(String[]::new));
        String stream = liveStream("Bản tin sáng");
        List<Speaker> speakers = new ArrayList<>();
        try {
            for (String serial : serials) {
                speakers.add(Speaker.connect(LiveControlPlane.credentials(store, serial)));
            }
            List<String> deviceIds = speakers.stream().map(s -> s.device.deviceId()).toList();
            expect(loa.admin.post("/api/streams/" + stream + "/play", Map.of("devices", deviceIds)), 202);
            Set<String> firstTokens = new HashSet<>();
            for (Speaker speaker : speakers) {
                firstTokens.add(speaker.nextPlayToken());
            }

            for (Speaker speaker : speakers) {
                speaker.report(stream, "join-timeout");
            }
            for (Speaker speaker : speakers) {
                assertThat(speaker.nextPlayToken()).as("a fresh token for " + speaker.device.deviceId())
                        .isNotIn(firstTokens);
            }
            JsonNode rejoin = rejoinCommand(stream);
            assertThat(rejoin.get("type").asText()).isEqualTo("play");
            assertThat(rejoin.get("createdBy").asText()).isEqualTo(Caller.SERVER.username());
            assertThat(rejoin.get("results").findValuesAsText("deviceId")).containsExactlyInAnyOrderElementsOf(
                    deviceIds);
        } finally {
            for (Speaker speaker : speakers) {
                speaker.close();
            }
        }
    }

    @Test
    void aFreshPlayOrderThatCannotBeSentYetIsSentOnceThereIsRoom() throws Exception {
        CredentialsStore store = loa.provision("it-b", "IT-WAVE-9", "IT-WAVE-OFF");
        String offline = LiveControlPlane.credentials(store, "IT-WAVE-OFF").deviceId();
        String stream = liveStream("Bản tin trưa");
        try (Speaker speaker = Speaker.connect(LiveControlPlane.credentials(store, "IT-WAVE-9"))) {
            expect(loa.admin.post("/api/streams/" + stream + "/play",
                    Map.of("devices", List.of(speaker.device.deviceId()))), 202);
            String first = speaker.nextPlayToken();

            // short-lived commands fill the in-flight table until the server refuses more
            int filled = 0;
            while (loa.admin.post("/api/devices/" + offline + "/commands",
                    Map.of("type", "ping", "expiresIn", FILLER_EXPIRY.toSeconds())).status() == 202) {
                filled++;
                assertThat(filled).as("commands accepted").isLessThanOrEqualTo(
                        CommandService.MAX_COMMANDS_IN_FLIGHT);
            }
            speaker.report(stream, "stream-lost");
            Thread.sleep(WHILE_FULL.toMillis());
            assertThat(loa.admin.post("/api/devices/" + offline + "/commands", Map.of("type", "ping")).status())
                    .as("the table still full").isEqualTo(429);
            assertThat(speaker.commands).as("nothing sent while the table is full").isEmpty();

            String fresh = speaker.nextPlayToken();
            assertThat(fresh).as("the fresh play order, once the full table emptied").isNotEqualTo(first);
            assertThat(rejoinCommand(stream).get("results").findValuesAsText("deviceId"))
                    .containsExactly(speaker.device.deviceId());
        }
    }

    private static String liveStream(String name) {
        return expect(loa.admin.post("/api/streams", Map.of("name", name, "source", Map.of("type", "live"))), 201)
                .json().get("id").asText();
    }

    /** The one command recorded against the stream (the fresh play orders), with its results. */
    private static JsonNode rejoinCommand(String stream) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode command : json(loa.admin.get("/api/commands?limit=200")).get("items")) {
            JsonNode target = command.get("target");
            if ("stream".equals(target.get("kind").asText()) && stream.equals(target.get("id").asText())) {
                found.add(command);
            }
        }
        assertThat(found).as("commands recorded against stream " + stream).hasSize(1);
        return json(loa.admin.get("/api/commands/" + found.get(0).get("id").asText()));
    }

    /** A device's MQTT session, collecting the commands sent to it. */
    private static final class Speaker implements AutoCloseable {
        private final DeviceCredentials device;
        private final MqttClient client;
        private final BlockingQueue<String> commands = new LinkedBlockingQueue<>();

        private Speaker(DeviceCredentials device, MqttClient client) {
            this.device = device;
            this.client = client;
        }

        static Speaker connect(DeviceCredentials device) throws Exception {
            Speaker speaker = new Speaker(device, loa.connectAs(device));
            IMqttMessageListener collect = (topic, message) ->
                    speaker.commands.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            speaker.client.subscribe(new MqttSubscription[] {
                    new MqttSubscription(Topics.device(device.deviceId(), DeviceTopic.COMMAND), 1)},
                    new IMqttMessageListener[] {collect});
            return speaker;
        }

        /** The token of the next play order this device receives; fails after {@link #WAIT}. */
        String nextPlayToken() throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String command = commands.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                JsonNode play = command == null ? null : JSON.readTree(command).get("play");
                if (play != null) {
                    return play.get("token").asText();
                }
            }
            throw new AssertionError(device.deviceId() + " got no play order within " + WAIT);
        }

        void report(String stream, String detail) throws Exception {
            String event = "{\"v\":1,\"event\":\"playback-failed\",\"stream\":\"" + stream + "\",\"detail\":\""
                    + detail + "\"}";
            client.publish(Topics.device(device.deviceId(), DeviceTopic.EVENT),
                    event.getBytes(StandardCharsets.UTF_8), 1, false);
        }

        @Override
        public void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }
}
