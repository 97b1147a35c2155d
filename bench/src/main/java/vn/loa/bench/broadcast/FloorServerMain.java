package vn.loa.bench.broadcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import vn.loa.bench.support.PreEncodedTone;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.codec.MessageCodec;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.PlayOrder;
import vn.loa.sim.mqtt.NoDelaySockets;
import vn.loa.streamer.RtpStream;
import vn.loa.streamer.RtpStreamer;
import vn.loa.streamer.StreamEvents;
import vn.loa.streamer.StreamOptions;
import vn.loa.streamer.StreamerSettings;
import vn.loa.streamer.source.MediaFrameSource;

/**
 * The broadcast benchmark's floor server, in its own JVM like Loa's: Loa's RTP streamer and one plain MQTT
 * client on a bare broker, and nothing in between: no API, no arbitration, no database. Told on stdin (one JSON
 * object a line) to {@code {"open": id}} a looping tone stream, to {@code {"play": [{"stream", "volume",
 * "devices"}]}} (a play order per device on its command topic, as Loa sends them), and to {@code {"close": id}};
 * answers each on stdout. End of input ends it.
 *
 * <p>Usage: FloorServerMain BROKER_URI
 */
public final class FloorServerMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JOIN_KEY_BYTES = 32;
    /** Loa's default playout delay for media streams ({@code stream.delay.ms}). */
    static final int DELAY_MILLIS = 150;
    /** Loa's default join-token and command lifetime. */
    static final Duration ORDER_LIFETIME = Duration.ofSeconds(60);
    static final int TONE_SECONDS = 10;

    private final RtpStreamer streamer;
    private final MqttAsyncClient mqtt;
    private final List<List<byte[]>> tone = List.of(PreEncodedTone.frames(BroadcastRun.COMMUNE_TONE_HZ,
            TONE_SECONDS));
    private int commands;

    private FloorServerMain(RtpStreamer streamer, MqttAsyncClient mqtt) {
        this.streamer = streamer;
        this.mqtt = mqtt;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: FloorServerMain BROKER_URI");
        }
        byte[] joinKey = new byte[JOIN_KEY_BYTES];
        new SecureRandom().nextBytes(joinKey);
        StreamerSettings settings = new StreamerSettings("127.0.0.1", 0, joinKey, Duration.ofSeconds(30),
                StreamerSettings.DEFAULT_SENDER_REPORT_INTERVAL, 20_000);
        MqttAsyncClient mqtt = new MqttAsyncClient(args[0], "floor-server", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSocketFactory(NoDelaySockets.plain());
        mqtt.connect(options).waitForCompletion(30_000);
        try (RtpStreamer streamer = RtpStreamer.start(settings, StreamEvents.NONE)) {
            new FloorServerMain(streamer, mqtt).serve();
        } finally {
            mqtt.disconnect().waitForCompletion(5_000);
            mqtt.close();
        }
    }

    private void serve() throws Exception {
        answer(Map.of("ready", true));
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = requests.readLine(); line != null; line = requests.readLine()) {
            JsonNode request = JSON.readTree(line);
            if (request.has("open")) {
                String id = request.get("open").asText();
                streamer.open(id, new MediaFrameSource(id, tone, true), StreamOptions.DEFAULT);
                answer(Map.of("opened", id));
            } else if (request.has("play")) {
                answer(play(request.get("play")));
            } else if (request.has("close")) {
                streamer.stream(request.get("close").asText()).ifPresent(RtpStream::close);
                answer(Map.of("closed", request.get("close").asText()));
            } else {
                throw new IllegalArgumentException("unknown request " + line);
            }
        }
    }

    /** Builds every play order first, then publishes them all, as Loa's command path does. */
    private Map<String, Object> play(JsonNode plays) throws Exception {
        long start = System.nanoTime();
        String commandId = "floor-" + (++commands);
        Instant now = Instant.now();
        long expires = now.plus(ORDER_LIFETIME).toEpochMilli();
        long tokenExpires = now.plus(ORDER_LIFETIME).getEpochSecond();
        Map<String, byte[]> orders = new LinkedHashMap<>();
        for (JsonNode play : plays) {
            RtpStream stream = streamer.stream(play.get("stream").asText()).orElseThrow();
            Integer volume = play.path("volume").isInt() ? play.get("volume").asInt() : null;
            for (JsonNode device : play.get("devices")) {
                String deviceId = device.asText();
                PlayOrder order = new PlayOrder(stream.id(), "127.0.0.1", streamer.port(),
                        streamer.joinTokens().issue(stream.id(), deviceId, tokenExpires), stream.ssrc(),
                        stream.payloadType(), stream.frameMillis(), DELAY_MILLIS, volume);
                orders.put(deviceId, MessageCodec.encode(Command.play(commandId, order, expires)));
            }
        }
        for (Map.Entry<String, byte[]> order : orders.entrySet()) {
            mqtt.publish(Topics.device(order.getKey(), DeviceTopic.COMMAND), new MqttMessage(order.getValue(), 1,
                    false, null));
        }
        return Map.of("published", orders.size(), "ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static void answer(Map<String, Object> message) throws Exception {
        System.out.println(JSON.writeValueAsString(message));
        System.out.flush();
    }
}
