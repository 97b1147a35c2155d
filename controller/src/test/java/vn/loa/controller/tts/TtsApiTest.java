package vn.loa.controller.tts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.RtpPayloads;
import vn.loa.controller.testing.TestServers;

/** Text-to-speech through the API of a real server with the real espeak-ng: previews, and streams that speak text. */
class TtsApiTest extends RealServerTest {
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(5);

    private static ApiClient operator;

    @BeforeAll
    static void operator() {
        operator = TestServers.loggedIn(server, "tts-operator", Role.OPERATOR);
    }

    @Test
    void aPreviewIsCreatedOnceAndThenFoundAgain() {
        String text = "Kính mời bà con đến nhà văn hoá thôn dự họp lúc 19 giờ.";
        Response first = operator.post("/api/tts", Map.of("text", text));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode item = first.json();
        assertThat(item.get("title").asText()).isEqualTo(text);
        assertThat(item.get("durationMs").asLong()).isGreaterThan(1_000);

        Response again = operator.post("/api/tts", Map.of("text", text.replace(" ", "  ") + "\n"));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(item.get("id").asLong());

        long id = item.get("id").asLong();
        assertThat(operator.get("/api/media/" + id + "/audio").status()).as("it can be listened to").isEqualTo(200);
        assertThat(auditedActions()).contains("tts.speak");
    }

    @Test
    void badPreviewRequestsAreRefusedWithTheirReason() {
        ApiClient viewer = TestServers.loggedIn(server, "tts-viewer", Role.VIEWER);
        assertThat(viewer.post("/api/tts", Map.of("text", "Xin chào")).status()).isEqualTo(403);
        assertThat(refusal(operator.post("/api/tts", Map.of()), 400)).contains("text");
        assertThat(refusal(operator.post("/api/tts", Map.of("text", 42)), 400)).contains("text");
        assertThat(refusal(operator.post("/api/tts", Map.of("text", "   ")), 400)).contains("1..5000");
        assertThat(refusal(operator.post("/api/tts", Map.of("text", "x".repeat(5_001))), 400)).contains("1..5000");
        assertThat(refusal(operator.post("/api/tts", Map.of("text", "Xin chào", "voice", "en")), 400))
                .contains("unknown fields");
    }

    @Test
    void aStreamOfTextIsSpokenAndReachesAListener() throws Exception {
        String text = "Thông báo: ngày mai xã tổ chức tiêm phòng cho trẻ em.";
        Response created = operator.post("/api/streams", Map.of("name", "Bản tin tiêm phòng",
                "source", Map.of("type", "tts", "text", text)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode stream = created.json();
        assertThat(stream.get("source").get("type").asText()).isEqualTo("tts");
        assertThat(stream.get("frameMs").asInt()).isEqualTo(60);
        String id = stream.get("id").asText();

        assertThat(RtpPayloads.averageBytesHeard(admin, id, 10, RECEIVE_TIMEOUT)).as("speech, not silence")
                .isGreaterThan(RtpPayloads.AUDIBLE_PACKET_BYTES);
        JsonNode library = operator.get("/api/media?limit=1000").json();
        assertThat(library.get("items").findValuesAsText("title")).containsOnlyOnce(text);
        Response preview = operator.post("/api/tts", Map.of("text", text));
        assertThat(preview.status()).as("the stream's bulletin is cached").isEqualTo(200);
    }

    private static String refusal(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json().toString();
    }

    private static List<String> auditedActions() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log").mapTo(String.class).list());
    }
}
