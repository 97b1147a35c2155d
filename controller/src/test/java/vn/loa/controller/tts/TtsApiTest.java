package vn.loa.controller.tts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.TestServers;
import vn.loa.protocol.rtp.RtpHeader;

/** Text-to-speech through the API of a real server with the real espeak-ng: previews, and streams that speak text. */
class TtsApiTest extends RealServerTest {
    private static final int RECEIVE_TIMEOUT_MS = 5_000;
    /** An Opus packet of 60 ms of speech at 32 kbit/s is a couple of hundred bytes; of silence, a handful. */
    private static final int SPEECH_PACKET_BYTES = 60;

    private static ApiClient operator;
    private static ApiClient viewer;

    @BeforeAll
    static void users() {
        operator = TestServers.loggedIn(server, "tts-operator", Role.OPERATOR);
        viewer = TestServers.loggedIn(server, "tts-viewer", Role.VIEWER);
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
        assertThat(viewer.get("/api/media/" + id + "/audio").status()).as("it can be listened to").isEqualTo(200);
        assertThat(auditedActions()).contains("tts.speak");
    }

    @Test
    void badPreviewRequestsAreRefusedWithTheirReason() {
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

        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(RECEIVE_TIMEOUT_MS);
            assertThat(admin.post("/api/streams/" + id + "/listeners",
                    Map.of("host", "127.0.0.1", "port", listener.getLocalPort())).status()).isEqualTo(201);
            List<Integer> payloads = rtpPayloadSizes(listener, 10);
            assertThat(payloads.stream().mapToInt(Integer::intValue).average().orElseThrow())
                    .as("speech, not silence").isGreaterThan(SPEECH_PACKET_BYTES);
        }
        JsonNode library = viewer.get("/api/media?limit=1000").json();
        assertThat(library.get("items").findValuesAsText("title")).containsOnlyOnce(text);
        Response preview = operator.post("/api/tts", Map.of("text", text));
        assertThat(preview.status()).as("the stream's bulletin is cached").isEqualTo(200);
    }

    private static List<Integer> rtpPayloadSizes(DatagramSocket socket, int count) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        byte[] buffer = new byte[1500];
        while (sizes.size() < count) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("only " + sizes.size() + " RTP packets arrived", e);
            }
            int type = buffer[1] & 0xFF;
            if (type < 200 || type > 204) {
                sizes.add(packet.getLength() - RtpHeader.SIZE);
            }
        }
        return sizes;
    }

    private static String refusal(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json().toString();
    }

    private static List<String> auditedActions() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log").mapTo(String.class).list());
    }
}
