package vn.loa.controller.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.EventStream;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;

/**
 * The broadcasts API on a real server whose speakers are registered but offline: refusals with reasons, who may
 * send and see what, windows and sources ending, proof of play of speakers that were offline.
 */
class BroadcastApiTest extends RealServerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static long communeA;
    private static long communeB;
    private static long tone;
    private static ApiClient operator;
    private static ApiClient approver;
    private static ApiClient viewer;
    private static ApiClient operatorOfA;

    @BeforeAll
    static void province() {
        JsonNode tree = admin.post("/api/areas/import", Map.of("name", "Tỉnh Phát Thử", "kind", "province",
                "code", "bt", "children", List.of(Map.of("name", "Xã Một", "kind", "commune", "code", "bt-a"),
                        Map.of("name", "Xã Hai", "kind", "commune", "code", "bt-b")))).json();
        Map<String, Long> areas = new HashMap<>();
        for (JsonNode area : admin.get("/api/areas?limit=1000").json().get("items")) {
            areas.put(area.path("code").asText(), area.get("id").asLong());
        }
        assertThat(tree).isNotNull();
        communeA = areas.get("bt-a");
        communeB = areas.get("bt-b");
        TestServers.activeSpeaker(server, "bt-dev-a1", communeA);
        TestServers.activeSpeaker(server, "bt-dev-a2", communeA);
        TestServers.activeSpeaker(server, "bt-dev-b1", communeB);
        Multipart body = new Multipart().file("file", "chuong.wav", TestAudio.toneWav(660, 1_200))
                .field("title", "Chuông báo");
        tone = admin.sendBytes("POST", "/api/media", body.bytes(), body.contentType()).json().get("id").asLong();
        operator = TestServers.loggedIn(server, "bc-operator", Role.OPERATOR);
        approver = TestServers.loggedIn(server, "bc-approver", Role.APPROVER);
        viewer = TestServers.loggedIn(server, "bc-viewer", Role.VIEWER);
        TestServers.createUser(server, "bc-operator-a", "bc-operator-a-password", Role.OPERATOR, communeA);
        operatorOfA = TestServers.anonymous(server).login("bc-operator-a", "bc-operator-a-password");
    }

    @Test
    void badBroadcastRequestsAreRefusedWithTheirReason() {
        Map<String, Object> good = request("Bản tin", Map.of("areas", List.of(Long.toString(communeA))), "NORMAL");
        assertThat(refused(operator.post("/api/broadcasts", without(good, "name")), 400)).contains("name");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "priority", "URGENT")), 400))
                .contains("NORMAL, PRIORITY or EMERGENCY");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "volume", 101)), 400)).contains("0..100");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "endsAt", "2020-01-01T00:00:00Z")), 400))
                .contains("future");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "endsAt", "tomorrow")), 400))
                .contains("ISO-8601");
        assertThat(refused(operator.post("/api/broadcasts", with(with(good, "endsAt", "2030-01-01T00:00:00Z"),
                "durationSeconds", 60)), 400)).contains("not both");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "durationSeconds", 86_401)), 400))
                .contains("durationSeconds");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "colour", "red")), 400)).contains("colour");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "targets", Map.of())), 400))
                .contains("devices, groups or areas");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "targets", Map.of("streets", List.of("1")))),
                400)).contains("streets");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "targets", Map.of("areas", List.of("999999")))),
                404)).contains("area");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "source", Map.of("type", "media",
                "media", List.of(987_654)))), 404)).contains("media");
        assertThat(refused(operator.post("/api/broadcasts", with(good, "source", Map.of("type", "tts", "text",
                "x".repeat(5_001)))), 400)).contains("5000");
        assertThat(refused(viewer.post("/api/broadcasts", good), 403)).contains("operator");
        assertThat(refused(operator.get("/api/broadcasts/bnothere"), 404)).contains("broadcast");
    }

    @Test
    void anEmergencyNeedsTheEmergencyRoleToStartAndToStop() {
        Map<String, Object> emergency = request("Lũ quét", Map.of("areas", List.of(Long.toString(communeB))),
                "EMERGENCY");
        assertThat(refused(operator.post("/api/broadcasts", emergency), 403)).contains("approver");
        JsonNode started;
        try (EventStream feed = EventStream.open(server.httpPort(), "/api/events", viewer.token())) {
            started = created(approver, emergency);
            JsonNode announced = feed.next("emergency.started", WAIT).json();
            assertThat(announced.get("id").asText()).isEqualTo(started.get("id").asText());
            assertThat(announced.get("name").asText()).isEqualTo("Lũ quét");
            assertThat(announced.get("by").asText()).isEqualTo("bc-approver");
        }
        assertThat(started.get("volume").asInt()).isEqualTo(100);
        assertThat(started.get("onAir").get("targeted").asInt()).isEqualTo(1);
        String id = started.get("id").asText();
        assertThat(refused(operator.send("DELETE", "/api/broadcasts/" + id, null, null), 403)).contains("approver");
        JsonNode stopped = approver.send("DELETE", "/api/broadcasts/" + id, null, null).json();
        assertThat(stopped.get("status").asText()).isEqualTo("ended");
        assertThat(stopped.get("endReason").asText()).isEqualTo("stopped");
        assertThat(stopped.get("endedBy").asText()).isEqualTo("bc-approver");
        assertThat(refused(approver.send("DELETE", "/api/broadcasts/" + id, null, null), 409)).contains("ended");
        long audited = server.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE target = :t"
                + " AND action IN ('broadcast.start', 'broadcast.end')").bind("t", "broadcast:" + id)
                .mapTo(Long.class).one());
        assertThat(audited).isEqualTo(2);
    }

    @Test
    void aCommuneOperatorActsOnItsCommuneOnly() {
        Map<String, Object> toB = request("Xã Hai", Map.of("areas", List.of(Long.toString(communeB))), "NORMAL");
        assertThat(refused(operatorOfA.post("/api/broadcasts", toB), 404)).contains("area");
        JsonNode inB = created(operator, toB);
        String id = inB.get("id").asText();
        assertThat(refused(operatorOfA.get("/api/broadcasts/" + id), 404)).contains("broadcast");
        assertThat(operatorOfA.get("/api/broadcasts?active=true").json().get("items").findValuesAsText("id"))
                .doesNotContain(id);
        assertThat(refused(operatorOfA.send("DELETE", "/api/broadcasts/" + id, null, null), 404)).contains("broadcast");

        JsonNode inA = created(operatorOfA, request("Xã Một", Map.of("areas", List.of(Long.toString(communeA))),
                "NORMAL"));
        assertThat(operatorOfA.get("/api/broadcasts?active=true").json().get("items").findValuesAsText("id"))
                .contains(inA.get("id").asText());
        assertThat(viewer.get("/api/broadcasts?active=true").json().get("items").findValuesAsText("id"))
                .contains(id, inA.get("id").asText());
        operator.send("DELETE", "/api/broadcasts/" + id, null, null);
        operatorOfA.send("DELETE", "/api/broadcasts/" + inA.get("id").asText(), null, null);
    }

    @Test
    void aWindowClosesOnTimeAndAPlaylistEndsOnItsOwn() {
        JsonNode windowed = created(operator, with(request("Một giây", Map.of("devices", List.of("bt-dev-a1")),
                "PRIORITY"), "durationSeconds", 1));
        JsonNode once = created(operator, with(request("Một lần", Map.of("devices", List.of("bt-dev-a2")), "NORMAL"),
                "source", Map.of("type", "media", "media", List.of(tone))));
        String windowId = windowed.get("id").asText();
        String onceId = once.get("id").asText();
        Poll.until("the window to close", WAIT, () -> "ended".equals(status(windowId)));
        Poll.until("the playlist to end", WAIT, () -> "ended".equals(status(onceId)));
        JsonNode closed = admin.get("/api/broadcasts/" + windowId).json();
        assertThat(closed.get("endReason").asText()).isEqualTo("window-closed");
        assertThat(Duration.between(Instant.parse(closed.get("createdAt").asText()),
                Instant.parse(closed.get("endedAt").asText()))).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        assertThat(admin.get("/api/broadcasts/" + onceId).json().get("endReason").asText()).isEqualTo("source-ended");

        JsonNode rows = admin.get("/api/broadcasts/" + onceId + "/deliveries").json();
        assertThat(rows.get("total").asInt()).isEqualTo(1);
        JsonNode row = rows.get("items").get(0);
        assertThat(row.get("deviceId").asText()).isEqualTo("bt-dev-a2");
        assertThat(row.get("outcome").asText()).isEqualTo("offline");
        assertThat(row.get("secondsPlayed").asDouble()).isZero();
        Poll.until("the outcome counts, written behind, to show the offline speaker", WAIT, () -> admin.get(
                "/api/broadcasts/" + onceId).json().get("outcomes").path("offline").asInt() == 1);
        Response csv = admin.get("/api/broadcasts/" + onceId + "/deliveries", "text/csv");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body()).contains("device,area,outcome").contains("bt-dev-a2," + communeA + ",offline");
    }

    @Test
    void withdrawingAnItemFromTheAirEndsTheBroadcastsPlayingItButNotAnEmergency() {
        long withdrawn = upload(550, "Tin cần rút");
        long kept = upload(770, "Tin giữ lại");
        String playingIt = created(operator, request("Bản tin rút", Map.of("devices", List.of("bt-dev-a1")),
                "NORMAL", withdrawn)).get("id").asText();
        String playingOther = created(operator, request("Bản tin khác", Map.of("devices", List.of("bt-dev-a2")),
                "NORMAL", kept)).get("id").asText();
        String emergency = created(approver, request("Khẩn cấp", Map.of("devices", List.of("bt-dev-b1")),
                "EMERGENCY", withdrawn)).get("id").asText();

        Response rejected = approver.post("/api/media/" + withdrawn + "/reject", Map.of("note", "sai thông tin"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        Poll.until("the broadcast playing the withdrawn item to end", WAIT, () -> "ended".equals(status(playingIt)));
        JsonNode ended = admin.get("/api/broadcasts/" + playingIt).json();
        assertThat(ended.get("endReason").asText()).isEqualTo(BroadcastService.MEDIA_WITHDRAWN);
        assertThat(status(playingOther)).isEqualTo("active");
        assertThat(status(emergency)).as("an emergency may play unreviewed content").isEqualTo("active");
        assertThat(operator.post("/api/broadcasts", request("Lại", Map.of("devices", List.of("bt-dev-a1")),
                "NORMAL", withdrawn)).status()).as("the item no longer goes on air").isEqualTo(409);

        assertThat(operator.send("DELETE", "/api/broadcasts/" + playingOther, null, null).status()).isEqualTo(200);
        assertThat(approver.send("DELETE", "/api/broadcasts/" + emergency, null, null).status()).isEqualTo(200);
    }

    private static long upload(double frequencyHz, String title) {
        Multipart body = new Multipart().file("file", title + ".wav", TestAudio.toneWav(frequencyHz, 1_200))
                .field("title", title);
        return admin.sendBytes("POST", "/api/media", body.bytes(), body.contentType()).json().get("id").asLong();
    }

    private static String status(String id) {
        return admin.get("/api/broadcasts/" + id).json().get("status").asText();
    }

    private static Map<String, Object> request(String name, Map<String, List<String>> targets, String priority) {
        return request(name, targets, priority, tone);
    }

    private static Map<String, Object> request(String name, Map<String, List<String>> targets, String priority,
                                               long media) {
        return Map.of("name", name, "priority", priority, "targets", targets,
                "source", Map.of("type", "media", "media", List.of(media), "loop", true));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.remove(field);
        return copy;
    }

    private static JsonNode created(ApiClient client, Map<String, Object> body) {
        Response r = client.post("/api/broadcasts", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static String refused(Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r.body();
    }
}
