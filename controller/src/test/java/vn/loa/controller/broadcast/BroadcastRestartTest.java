package vn.loa.controller.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.storage.Database;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;

/** Broadcasts on air when the server stops are on air again when it starts on the same data directory. */
class BroadcastRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void aMediaBroadcastGoesBackOnAirAndALiveOneEnds() {
        String media;
        String live;
        String windowed;
        try (LoaServer server = TestServers.start(dataDir)) {
            ApiClient admin = TestServers.admin(server);
            TestServers.activeSpeaker(server, "rs-dev-1", null);
            long tone = upload(admin, 440, "Nhạc nền");
            Map<String, Object> targets = Map.of("devices", List.of("rs-dev-1"));
            media = admin.post("/api/broadcasts", Map.of("name", "Chương trình", "targets", targets,
                    "source", Map.of("type", "media", "media", List.of(tone), "loop", true))).json().get("id").asText();
            live = admin.post("/api/broadcasts", Map.of("name", "Trực tiếp", "targets", targets, "priority",
                    "PRIORITY", "source", Map.of("type", "live"))).json().get("id").asText();
            windowed = admin.post("/api/broadcasts", Map.of("name", "Một giờ", "targets", targets, "durationSeconds",
                    3600, "source", Map.of("type", "media", "media", List.of(tone), "loop", true))).json().get("id")
                    .asText();
            assertThat(admin.get("/api/broadcasts?active=true").json().get("total").asInt()).isEqualTo(3);
        }
        try (LoaServer server = TestServers.start(dataDir)) {
            ApiClient admin = TestServers.admin(server);
            JsonNode back = admin.get("/api/broadcasts/" + media).json();
            assertThat(back.get("status").asText()).isEqualTo("active");
            assertThat(back.get("onAir").get("streams")).hasSize(1);
            assertThat(back.get("onAir").get("targeted").asInt()).isEqualTo(1);
            JsonNode stream = admin.get("/api/streams/" + back.get("onAir").get("streams").get(0).asText()).json();
            assertThat(stream.get("health").asText()).isEqualTo("PLAYING");
            assertThat(admin.get("/api/broadcasts/" + windowed).json().get("onAir")).isNotNull();

            JsonNode ended = admin.get("/api/broadcasts/" + live).json();
            assertThat(ended.get("status").asText()).isEqualTo("ended");
            assertThat(ended.get("endReason").asText()).isEqualTo("server-restart");
            Poll.until("the settled outcome, written behind", Duration.ofSeconds(10), () -> admin.get(
                    "/api/broadcasts/" + live).json().get("outcomes").path("offline").asInt() == 1);
            assertThat(admin.get("/api/broadcasts/" + media + "/deliveries").json().get("total").asInt())
                    .isEqualTo(1);
        }
    }

    /** Approvals are checked again: content that lost its approval while the server was down stays off the air. */
    @Test
    void aBroadcastWhoseMediaLostItsApprovalDoesNotGoBackOnAir() {
        String broadcast;
        long tone;
        try (LoaServer server = TestServers.start(dataDir)) {
            ApiClient admin = TestServers.admin(server);
            TestServers.activeSpeaker(server, "rs-dev-2", null);
            tone = upload(admin, 520, "Bản tin");
            broadcast = admin.post("/api/broadcasts", Map.of("name", "Bản tin sáng", "targets",
                    Map.of("devices", List.of("rs-dev-2")), "source", Map.of("type", "media", "media", List.of(tone),
                            "loop", true))).json().get("id").asText();
        }
        try (Database database = new Database(Database.h2FileUrl(dataDir), "sa", "", 2)) {
            database.jdbi().useHandle(h -> h.createUpdate("UPDATE media SET approval = 'rejected' WHERE id = :id")
                    .bind("id", tone).execute());
        }
        try (LoaServer server = TestServers.start(dataDir)) {
            JsonNode ended = TestServers.admin(server).get("/api/broadcasts/" + broadcast).json();
            assertThat(ended.get("status").asText()).isEqualTo("ended");
            assertThat(ended.get("endReason").asText()).startsWith("failed: ").contains("not approved");
        }
    }

    /** A 1.2 s tone, approved as the admin uploads it. */
    private static long upload(ApiClient admin, int frequencyHz, String title) {
        Multipart body = new Multipart().file("file", title + ".wav", TestAudio.toneWav(frequencyHz, 1_200))
                .field("title", title);
        return admin.sendBytes("POST", "/api/media", body.bytes(), body.contentType()).json().get("id").asLong();
    }
}
