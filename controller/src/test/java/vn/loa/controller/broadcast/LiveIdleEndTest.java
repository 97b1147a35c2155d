package vn.loa.controller.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;

/**
 * A live broadcast ends by itself ({@code microphone-gone}) once no microphone has fed it for
 * {@code broadcast.live.idle.seconds}, counted from its start or from the last microphone leaving; a microphone
 * speaking keeps it on air.
 */
class LiveIdleEndTest {
    private static final int IDLE_SECONDS = 2;
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** The idle check runs twice a second: an idle broadcast ends this long after its idle time at most. */
    private static final Duration CHECK_SLACK = BroadcastService.LIVE_IDLE_CHECK.multipliedBy(2);
    private static final int FRAME_BYTES = 1_920;
    @TempDir
    static Path dataDir;
    private static LoaServer server;
    private static ApiClient admin;
    private static long area;

    @BeforeAll
    static void start() {
        server = TestServers.start(dataDir, Map.of("broadcast.live.idle.seconds", Integer.toString(IDLE_SECONDS)),
                Clock.systemUTC());
        admin = TestServers.admin(server);
        area = admin.post("/api/areas", Map.of("name", "Xã Micro", "kind", "commune")).json().get("id").asLong();
        TestServers.activeSpeaker(server, "idle-speaker", area);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLiveBroadcastNobodySpeaksIntoEndsAfterTheIdleTime() {
        JsonNode live = startLive("Không ai nói");
        Instant started = Instant.parse(live.get("createdAt").asText());
        assertThat(live.get("status").asText()).isEqualTo("active");

        JsonNode ended = awaitEnded(live.get("id").asText());
        assertThat(ended.get("endReason").asText()).isEqualTo(BroadcastService.MICROPHONE_GONE);
        assertThat(ended.get("endedBy").asText()).isEqualTo("(server)");
        assertThat(Duration.between(started, Instant.parse(ended.get("endedAt").asText())))
                .isBetween(Duration.ofSeconds(IDLE_SECONDS), Duration.ofSeconds(IDLE_SECONDS).plus(CHECK_SLACK)
                        .plusSeconds(1));
    }

    @Test
    void aMicrophoneKeepsItOnAirAndItsLeavingStartsTheIdleTime() throws Exception {
        JsonNode live = startLive("Có người nói");
        String id = live.get("id").asText();
        String stream = live.get("onAir").get("streams").get(0).asText();
        WebSocket microphone = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/api/streams/" + stream
                        + "/live?token=" + admin.token()), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        speakInRealTime(microphone, Duration.ofSeconds(IDLE_SECONDS + 1));
        assertThat(broadcast(id).get("status").asText()).as("on air after speaking longer than the idle time")
                .isEqualTo("active");

        microphone.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        Instant left = Instant.now();
        JsonNode ended = awaitEnded(id);
        assertThat(ended.get("endReason").asText()).isEqualTo(BroadcastService.MICROPHONE_GONE);
        assertThat(Duration.between(left, Instant.parse(ended.get("endedAt").asText())))
                .as("counted from the microphone leaving")
                .isGreaterThan(Duration.ofSeconds(IDLE_SECONDS).minus(CHECK_SLACK));
    }

    /** Sends a tone in 20 ms frames, each when it is due, for the duration. */
    private static void speakInRealTime(WebSocket microphone, Duration duration) throws Exception {
        byte[] tone = TestAudio.tonePcm(440, (int) duration.toMillis());
        long startNanos = System.nanoTime();
        for (int at = 0, frame = 0; at + FRAME_BYTES <= tone.length; at += FRAME_BYTES, frame++) {
            long dueNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(20L * frame);
            long waitNanos = dueNanos - System.nanoTime();
            if (waitNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            }
            microphone.sendBinary(ByteBuffer.wrap(tone, at, FRAME_BYTES), true).get(5, TimeUnit.SECONDS);
        }
    }

    private static JsonNode startLive(String name) {
        Response r = admin.post("/api/broadcasts", Map.of("name", name, "source", Map.of("type", "live"),
                "targets", Map.of("areas", List.of(Long.toString(area)))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static JsonNode awaitEnded(String id) {
        Poll.until("broadcast " + id + " ended", WAIT, () -> !broadcast(id).get("status").asText().equals("active"));
        return broadcast(id);
    }

    private static JsonNode broadcast(String id) {
        Response r = admin.get("/api/broadcasts/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
