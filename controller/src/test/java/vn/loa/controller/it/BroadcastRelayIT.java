package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.it.LiveControlPlane.expect;
import static vn.loa.controller.it.LiveControlPlane.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.TestAudio;

/**
 * Relayed broadcasts are watched: a relay that dies stops a broadcast without a fallback cleanly and leaves an
 * alarm; with a fallback item the broadcast plays it (the alarm raised) until the station is back.
 */
class BroadcastRelayIT extends LiveControlPlaneTest {
    /** relay.dead.seconds is 5 by default; a few more for the reconnect attempts around it. */
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void aDeadRelayStopsItsBroadcastOrPlaysTheFallbackUntilItIsBack() throws Exception {
        loa.provision("it-b", "BC-RELAY-1");
        String speaker = loa.device("BC-RELAY-1").get("id").asText();
        Map<String, List<String>> targets = Map.of("devices", List.of(speaker));

        String plain;
        try (RadioStation radio = RadioStation.onAir(work, 880, 120)) {
            plain = start("VOV1", Map.of("type", "relay", "url", radio.url()), targets);
            Poll.until("the relay to play", WAIT, () -> health(plain).equals("PLAYING"));
        }
        Poll.until("the broadcast without fallback to stop", WAIT, () -> status(plain).equals("ended"));
        assertThat(json(loa.admin.get("/api/broadcasts/" + plain)).get("endReason").asText()).isEqualTo("relay-dead");
        assertThat(alarm(plain)).isNotNull();
        assertThat(alarm(plain).get("kind").asText()).isEqualTo("relay-dead");

        Multipart body = new Multipart().file("file", "du-phong.wav", TestAudio.toneWav(440, 2_400))
                .field("title", "Nhạc dự phòng");
        long fallback = expect(loa.admin.sendBytes("POST", "/api/media", body.bytes(), body.contentType()), 201)
                .json().get("id").asLong();
        RadioStation radio = RadioStation.onAir(work, 880, 120);
        int port = radio.port();
        String guarded = start("VOV1 có dự phòng", Map.of("type", "relay", "url", radio.url(), "fallback", fallback),
                targets);
        Poll.until("the relay to play", WAIT, () -> health(guarded).equals("PLAYING"));
        radio.close();
        Poll.until("an alarm for the dead relay", WAIT, () -> alarm(guarded) != null);
        assertThat(alarm(guarded).get("message").asText()).contains("fallback");
        assertThat(status(guarded)).isEqualTo("active");
        long sent = packetsSent(guarded);
        Poll.until("the fallback to keep the stream going", WAIT, () -> packetsSent(guarded) > sent + 20);

        try (RadioStation back = RadioStation.onAir(work, 880, 120, port)) {
            Poll.until("the alarm to clear when the station is back", WAIT, () -> alarm(guarded) == null);
            assertThat(health(guarded)).isEqualTo("PLAYING");
            assertThat(back.port()).isEqualTo(port);
        }
        expect(loa.admin.send("DELETE", "/api/broadcasts/" + guarded, null, null), 200);
    }

    private static String start(String name, Map<String, Object> source, Map<String, List<String>> targets) {
        return expect(loa.admin.post("/api/broadcasts", Map.of("name", name, "source", source, "targets", targets)),
                201).json().get("id").asText();
    }

    private static String status(String broadcast) {
        return json(loa.admin.get("/api/broadcasts/" + broadcast)).get("status").asText();
    }

    private static JsonNode mainStream(String broadcast) {
        String stream = json(loa.admin.get("/api/broadcasts/" + broadcast)).get("onAir").get("streams").get(0)
                .asText();
        return json(loa.admin.get("/api/streams/" + stream));
    }

    private static String health(String broadcast) {
        return mainStream(broadcast).get("health").asText();
    }

    private static long packetsSent(String broadcast) {
        return mainStream(broadcast).get("packetsSent").asLong();
    }

    /** The broadcast's relay alarm on the board, or null. */
    private static JsonNode alarm(String broadcast) {
        for (JsonNode alarm : json(loa.admin.get("/api/alarms")).get("items")) {
            if (alarm.get("subject").asText().equals("broadcast:" + broadcast)) {
                return alarm;
            }
        }
        return null;
    }
}
