package vn.loa.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;

/** A scheduled programme goes on air at its instant: its stream starts within 100 ms of it, on a real server. */
class ScheduledStartTest extends RealServerTest {
    static final Duration ON_TIME = Duration.ofMillis(100);
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void theFirstFrameOfAScheduledBroadcastLeavesWithinATenthOfASecondOfItsInstant() {
        long commune = admin.post("/api/areas", Map.of("name", "Xã Đúng Giờ", "kind", "commune")).json().get("id")
                .asLong();
        TestServers.activeSpeaker(server, "on-time-speaker", commune);
        Multipart body = new Multipart().file("file", "hieu-lenh.wav", TestAudio.toneWav(440, 1_200))
                .field("title", "Hiệu lệnh");
        long tone = admin.sendBytes("POST", "/api/media", body.bytes(), body.contentType()).json().get("id").asLong();
        ZonedDateTime at = ZonedDateTime.now(VIETNAM).plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> programme = Map.of("name", "Hiệu lệnh đúng giờ", "targets", Map.of("areas",
                        List.of(commune)), "source", Map.of("type", "media", "media", List.of(tone)),
                "recurrence", Map.of("repeat", "once", "from", at.toLocalDate().toString(),
                        "at", at.format(DateTimeFormatter.ofPattern("HH:mm:ss")), "durationMinutes", 1),
                "overrideQuietHours", true, "force", true);
        JsonNode schedule = admin.post("/api/schedules", programme).json();
        long id = schedule.get("id").asLong();

        Poll.until("the occurrence to go on air", Duration.ofSeconds(15), () -> broadcastOf(id) != null);
        JsonNode broadcast = broadcastOf(id);
        assertThat(Instant.parse(broadcast.get("occurrenceAt").asText())).isEqualTo(at.toInstant());
        JsonNode stream = admin.get("/api/streams/" + broadcast.get("onAir").get("streams").get(0).asText()).json();
        Duration late = Duration.between(at.toInstant(), Instant.parse(stream.get("startedAt").asText()));
        assertThat(late).as("stream start after the scheduled instant").isBetween(Duration.ZERO, ON_TIME);
        assertThat(stream.get("packetsSent").asLong()).isPositive();
    }

    private static JsonNode broadcastOf(long scheduleId) {
        for (JsonNode b : admin.get("/api/broadcasts?active=true").json().get("items")) {
            if (b.path("scheduleId").asLong() == scheduleId && b.has("onAir")) {
                return b;
            }
        }
        return null;
    }
}
