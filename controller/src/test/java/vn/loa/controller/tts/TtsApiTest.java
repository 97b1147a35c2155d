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
import vn.loa.controller.testing.Province;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.RtpPayloads;
import vn.loa.controller.testing.TestServers;

/**
 * Text-to-speech through the API of a real server with the real espeak-ng: bulletins written by editors (drafts) and
 * approvers (approved at once), and streams that speak text.
 */
class TtsApiTest extends RealServerTest {
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(5);
    private static final String BULLETINS = "/api/media/tts";

    private static ApiClient editor;

    @BeforeAll
    static void editor() {
        editor = TestServers.loggedIn(server, "tts-editor", Role.EDITOR);
    }

    @Test
    void anEditorsBulletinIsADraftSpokenOnceAndThenFoundAgain() {
        String text = "Kính mời bà con đến nhà văn hoá thôn dự họp lúc 19 giờ.";
        Response first = editor.post(BULLETINS, Map.of("text", text));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        JsonNode item = first.json();
        assertThat(item.get("title").asText()).isEqualTo(text);
        assertThat(item.get("durationMs").asLong()).isGreaterThan(1_000);
        assertThat(item.get("kind").asText()).isEqualTo("tts");
        assertThat(item.get("text").asText()).isEqualTo(text);
        assertThat(item.get("voice").asText()).isEqualTo(EspeakTextToSpeech.VOICE);
        assertThat(item.get("approval").asText()).isEqualTo("draft");
        assertThat(item.get("uploadedBy").asText()).isEqualTo("tts-editor");

        Response again = editor.post(BULLETINS, Map.of("text", text.replace(" ", "  ") + "\n"));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(item.get("id").asLong());

        long id = item.get("id").asLong();
        assertThat(editor.get("/api/media/" + id + "/audio").status()).as("it can be listened to").isEqualTo(200);
        assertThat(auditedActions()).contains("tts.speak");
    }

    @Test
    void anApproversBulletinInAnotherVoiceIsApprovedAtOnceUnderItsTitle() {
        ApiClient approver = TestServers.loggedIn(server, "tts-approver", Role.APPROVER);
        Response r = approver.post(BULLETINS, Map.of("title", "Lịch tiêm phòng", "voice", "vi-vn-x-south",
                "text", "Sáng thứ Bảy trạm y tế xã tiêm phòng dại cho chó mèo."));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode item = r.json();
        assertThat(item.get("title").asText()).isEqualTo("Lịch tiêm phòng");
        assertThat(item.get("voice").asText()).isEqualTo("vi-vn-x-south");
        assertThat(item.get("approval").asText()).isEqualTo("approved");
        assertThat(item.get("approvedBy").asText()).isEqualTo("tts-approver");
        assertThat(item.get("approvedAt").asText()).isNotBlank();
    }

    @Test
    void aBulletinOfAnotherAreaIsNotHandedToAnAuthorWhoCannotSeeIt() {
        Province province = new Province(server, admin, "tts");
        ApiClient editorA = province.user("tts-editor-a", Role.EDITOR, "a");
        ApiClient editorB = province.user("tts-editor-b", Role.EDITOR, "b");
        String text = "Chiều nay xã cắt điện để sửa đường dây.";
        Response first = editorA.post(BULLETINS, Map.of("text", text));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("areaId").asLong()).isEqualTo(province.area("a"));

        assertThat(refusal(editorB.post(BULLETINS, Map.of("text", text)), 409)).contains("another area");
        ApiClient editorP = province.user("tts-editor-p", Role.EDITOR, "p");
        Response above = editorP.post(BULLETINS, Map.of("text", text));
        assertThat(above.status()).as("the province sees its communes' bulletins").isEqualTo(200);
        assertThat(above.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
    }

    @Test
    void badBulletinsAreRefusedWithTheirReason() {
        ApiClient viewer = TestServers.loggedIn(server, "tts-viewer", Role.VIEWER);
        ApiClient operator = TestServers.loggedIn(server, "tts-operator", Role.OPERATOR);
        assertThat(viewer.post(BULLETINS, Map.of("text", "Xin chào")).status()).isEqualTo(403);
        assertThat(operator.post(BULLETINS, Map.of("text", "Xin chào")).status()).as("operators write no content")
                .isEqualTo(403);
        assertThat(refusal(editor.post(BULLETINS, Map.of()), 400)).contains("text");
        assertThat(refusal(editor.post(BULLETINS, Map.of("text", 42)), 400)).contains("text");
        assertThat(refusal(editor.post(BULLETINS, Map.of("text", "   ")), 400)).contains("1..5000");
        assertThat(refusal(editor.post(BULLETINS, Map.of("text", "x".repeat(5_001))), 400)).contains("1..5000");
        assertThat(refusal(editor.post(BULLETINS, Map.of("text", "Xin chào", "voice", "en")), 400))
                .contains("voice must be one of");
        assertThat(refusal(editor.post(BULLETINS, Map.of("text", "Xin chào", "speed", 2)), 400))
                .contains("unknown fields");
    }

    @Test
    void aStreamOfTextIsSpokenAndReachesAListener() throws Exception {
        String text = "Thông báo: ngày mai xã tổ chức tiêm phòng cho trẻ em.";
        Response created = admin.post("/api/streams", Map.of("name", "Bản tin tiêm phòng",
                "source", Map.of("type", "tts", "text", text)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode stream = created.json();
        assertThat(stream.get("source").get("type").asText()).isEqualTo("tts");
        assertThat(stream.get("frameMs").asInt()).isEqualTo(60);
        String id = stream.get("id").asText();

        assertThat(RtpPayloads.averageBytesHeard(admin, id, 10, RECEIVE_TIMEOUT)).as("speech, not silence")
                .isGreaterThan(RtpPayloads.AUDIBLE_PACKET_BYTES);
        JsonNode library = editor.get("/api/media?limit=1000").json();
        assertThat(library.get("items").findValuesAsText("title")).containsOnlyOnce(text);
        Response preview = editor.post(BULLETINS, Map.of("text", text));
        assertThat(preview.status()).as("the stream's bulletin is cached").isEqualTo(200);
    }

    @Test
    void theItemAStreamOfTextPlaysIsNotDeletedUnderIt() {
        String text = "Chiều nay loa phát thanh thử nghiệm hệ thống cảnh báo lũ.";
        Response created = admin.post("/api/streams", Map.of("name", "Phát thử", "source", Map.of("type", "tts",
                "text", text)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String stream = created.json().get("id").asText();
        long spoken = admin.post(BULLETINS, Map.of("text", text)).json().get("id").asLong();

        Response playing = admin.send("DELETE", "/api/media/" + spoken, null, null);
        assertThat(playing.status()).as(playing.body()).isEqualTo(409);
        assertThat(playing.json().get("error").asText()).isEqualTo("the media item is playing in a stream");
        assertThat(playing.json().get("detail").get("streams").get(0).asText()).isEqualTo(stream);

        assertThat(admin.send("DELETE", "/api/streams/" + stream, null, null).status()).isEqualTo(200);
        Response ended = admin.send("DELETE", "/api/media/" + spoken, null, null);
        assertThat(ended.status()).as(ended.body()).isEqualTo(204);
    }

    private static String refusal(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json().toString();
    }

    private static List<String> auditedActions() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log").mapTo(String.class).list());
    }
}
