package vn.loa.controller.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.rtp.RtpHeader;
import vn.loa.protocol.rtp.StreamSdp;

/** The streams API on a real server: requests refused with reasons, live PCM heard by a static listener over UDP. */
class StreamApiTest extends RealServerTest {
    private static final int RECEIVE_TIMEOUT_MS = 5_000;
    /** An Opus frame of digital silence is a few bytes; one of a tone is tens. */
    private static final int SILENCE_PAYLOAD_MAX_BYTES = 20;

    private static ApiClient operator;
    private static ApiClient viewer;

    @BeforeAll
    static void users() {
        operator = TestServers.loggedIn(server, "stream-operator", Role.OPERATOR);
        viewer = TestServers.loggedIn(server, "stream-viewer", Role.VIEWER);
    }

    @Test
    void aLiveStreamIsCreatedListedReadAndDeleted() {
        JsonNode created = created(operator, "Phát thanh trực tiếp");
        String id = created.get("id").asText();
        assertThat(created.get("name").asText()).isEqualTo("Phát thanh trực tiếp");
        assertThat(created.get("source").get("type").asText()).isEqualTo("live");
        assertThat(created.get("frameMs").asInt()).isEqualTo(20);
        assertThat(created.get("delayMs").asInt()).isEqualTo(100);
        assertThat(created.get("receivers").asInt()).isZero();

        JsonNode listed = viewer.get("/api/streams").json();
        assertThat(listed.get("items").findValuesAsText("id")).contains(id);
        JsonNode one = viewer.get("/api/streams/" + id).json();
        assertThat(one.get("id").asText()).isEqualTo(id);
        assertThat(one.get("receiverStats").isArray()).isTrue();
        assertThat(one.get("devicesToldToPlay").asInt()).isZero();

        Response deleted = operator.send("DELETE", "/api/streams/" + id, null, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("commands").size()).isZero();
        assertThat(viewer.get("/api/streams/" + id).status()).isEqualTo(404);
    }

    @Test
    void badStreamRequestsAreRefusedWithTheirReason() {
        assertThat(refusal(operator.post("/api/streams", Map.of("source", Map.of("type", "live"))), 400))
                .contains("name");
        assertThat(refusal(operator.post("/api/streams", Map.of("name", "x", "source", Map.of("type", "tape"))), 400))
                .contains("media, relay, live or tts");
        assertThat(refusal(operator.post("/api/streams", Map.of("name", "x",
                "source", Map.of("type", "relay", "url", "file:///etc/passwd"))), 400)).contains("source.url");
        assertThat(refusal(operator.post("/api/streams", Map.of("name", "x",
                "source", Map.of("type", "media", "media", List.of()))), 400)).contains("source.media");
        assertThat(refusal(operator.post("/api/streams", Map.of("name", "x",
                "source", Map.of("type", "media", "media", List.of(987654)))), 404)).contains("987654");
        assertThat(refusal(operator.post("/api/streams", Map.of("name", "x", "colour", "red",
                "source", Map.of("type", "live"))), 400)).contains("unknown fields");
        assertThat(viewer.post("/api/streams", Map.of("name", "x", "source", Map.of("type", "live"))).status())
                .isEqualTo(403);
        assertThat(operator.post("/api/streams/s-none/play", Map.of("devices", List.of("a"))).status())
                .isEqualTo(404);
    }

    @Test
    void anSrtpStreamSaysSoAndOnlyAnOperatorReadsTheSdpWithItsKey() {
        Response r = operator.post("/api/streams", Map.of("name", "Bản tin mật", "srtp", true,
                "source", Map.of("type", "live")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().get("id").asText();
        assertThat(r.json().get("srtp").asBoolean()).isTrue();
        assertThat(created(operator, "Bản tin thường").get("srtp").asBoolean()).as("the server's default")
                .isFalse();
        assertThat(auditedActions()).contains("stream.create");

        String sdpPath = "/api/streams/" + id + "/sdp?listener=127.0.0.1:5006";
        assertThat(viewer.get(sdpPath).status()).as("a viewer may not learn the key").isEqualTo(403);
        String sdp = operator.get(sdpPath).body();
        assertThat(sdp).contains("m=audio 5006 RTP/SAVP 96\r\n").containsPattern(
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[A-Za-z0-9+/]{40}\r\n");
        assertThat(refusal(operator.post("/api/streams", Map.of("name", "x", "srtp", "yes",
                "source", Map.of("type", "live"))), 400)).contains("srtp");
    }

    @Test
    void playAndStopNeedTargets() {
        String id = created(operator, "Bản tin").get("id").asText();
        assertThat(refusal(operator.post("/api/streams/" + id + "/play", Map.of()), 400)).contains("at least one");
        assertThat(refusal(operator.post("/api/streams/" + id + "/play", Map.of("devices", "abc")), 400))
                .contains("devices");
        assertThat(operator.post("/api/streams/" + id + "/play", Map.of("devices", List.of("no-such-device")))
                .status()).isEqualTo(404);
        assertThat(viewer.post("/api/streams/" + id + "/stop", Map.of("areas", List.of("1"))).status())
                .isEqualTo(403);
    }

    @Test
    void playTargetsMustLieInTheCallersArea() {
        long province = admin.post("/api/areas", Map.of("name", "Tỉnh Phạm Vi", "kind", "province")).json()
                .get("id").asLong();
        long communeA = admin.post("/api/areas", Map.of("name", "Xã A", "kind", "commune", "parentId", province))
                .json().get("id").asLong();
        long communeB = admin.post("/api/areas", Map.of("name", "Xã B", "kind", "commune", "parentId", province))
                .json().get("id").asLong();
        TestServers.createUser(server, "scoped-operator", "scoped-password-1", Role.OPERATOR, communeA);
        ApiClient scoped = TestServers.anonymous(server).login("scoped-operator", "scoped-password-1");
        String id = created(scoped, "Loa xã A").get("id").asText();

        assertThat(scoped.post("/api/streams/" + id + "/play", Map.of("areas", List.of(communeB))).status())
                .as("another commune").isEqualTo(404);
        assertThat(refusal(scoped.post("/api/streams/" + id + "/play", Map.of("areas", List.of(communeA))), 409))
                .as("no active speaker yet").contains("no active devices");
    }

    @Test
    void onlyAnAdminAimsAStreamAtAListenerAndTheAddressIsChecked() {
        String id = created(operator, "Giám sát").get("id").asText();
        String path = "/api/streams/" + id + "/listeners";
        assertThat(operator.post(path, Map.of("host", "127.0.0.1", "port", 40000)).status()).isEqualTo(403);
        assertThat(refusal(admin.post(path, Map.of("host", "127.0.0.1", "port", 0)), 400)).contains("port");
        assertThat(refusal(admin.post(path, Map.of("host", "127.0.0.1", "port", 70000)), 400)).contains("port");
        assertThat(refusal(admin.post(path, Map.of("host", "0.0.0.0", "port", 40000)), 400)).contains("wildcard");
        assertThat(refusal(admin.post(path, Map.of("host", "no-such-host.invalid", "port", 40000)), 400))
                .contains("resolve");
        assertThat(refusal(admin.post(path, Map.of("port", 40000)), 400)).contains("host");
        assertThat(refusal(viewer.get("/api/streams/" + id + "/sdp"), 400)).contains("listener");

        assertThat(admin.post(path, Map.of("host", "127.0.0.1", "port", 40000)).status()).isEqualTo(201);
        assertThat(viewer.get("/api/streams/" + id).json().get("listeners").asInt()).isEqualTo(1);
        assertThat(admin.send("DELETE", path, ApiClient.toJson(Map.of("host", "127.0.0.1", "port", 40000)),
                "application/json").status()).isEqualTo(204);
        assertThat(admin.send("DELETE", path, ApiClient.toJson(Map.of("host", "127.0.0.1", "port", 40000)),
                "application/json").status()).isEqualTo(404);
        assertThat(auditedActions()).contains("stream.listener.add", "stream.listener.remove", "stream.create");
    }

    @Test
    void aMulticastGroupIsAListenerAndItsSdpCarriesTheTtl() throws Exception {
        String id = created(operator, "Loa trong mạng LAN").get("id").asText();
        String group = "239.255.42.9";
        int port;
        try (MulticastSocket member = new MulticastSocket(0)) {
            port = member.getLocalPort();
            member.joinGroup(new InetSocketAddress(group, 0),
                    NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
            member.setSoTimeout(RECEIVE_TIMEOUT_MS);
            assertThat(admin.post("/api/streams/" + id + "/listeners", Map.of("host", group, "port", port))
                    .status()).isEqualTo(201);
            byte[] buffer = new byte[1500];
            DatagramPacket report = new DatagramPacket(buffer, buffer.length);
            member.receive(report);
            assertThat(RtcpPacket.isRtcpPacketType(buffer[1] & 0xFF)).as("the group's first sender report").isTrue();
        }
        assertThat(viewer.get("/api/streams/" + id + "/sdp?listener=" + group + ":" + port).body())
                .contains("c=IN IP4 239.255.42.9/1\r\n", "m=audio " + port + " RTP/AVP 96\r\n");
    }

    @Test
    void pcmPushedIntoALiveStreamReachesAStaticListenerAsTheSdpDescribes() throws Exception {
        JsonNode stream = created(operator, "Micro xã");
        String id = stream.get("id").asText();
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(RECEIVE_TIMEOUT_MS);
            String address = "127.0.0.1:" + listener.getLocalPort();
            assertThat(admin.post("/api/streams/" + id + "/listeners",
                    Map.of("host", "127.0.0.1", "port", listener.getLocalPort())).status()).isEqualTo(201);

            Response sdp = viewer.get("/api/streams/" + id + "/sdp");
            assertThat(sdp.header("Content-Type")).startsWith("application/sdp");
            StreamSdp parsed = StreamSdp.parse(sdp.body());
            assertThat(parsed.connectionHost()).isEqualTo("127.0.0.1");
            assertThat(parsed.port()).isEqualTo(listener.getLocalPort());
            assertThat(parsed.payloadType()).isEqualTo(stream.get("payloadType").asInt());
            assertThat(parsed.frameMillis()).isEqualTo(20);
            assertThat(parsed.name()).isEqualTo("Micro xã");
            assertThat(StreamSdp.parse(viewer.get("/api/streams/" + id + "/sdp?listener=" + address).body()))
                    .isEqualTo(parsed);

            Response pushed = operator.sendBytes("POST", "/api/streams/" + id + "/pcm", TestAudio.tonePcm(440, 1_000),
                    "application/octet-stream");
            assertThat(pushed.status()).isEqualTo(200);
            assertThat(pushed.json().get("millis").asLong()).isEqualTo(1_000);

            List<RtpHeader> headers = receive(listener, 10);
            assertThat(headers).allSatisfy(h -> {
                assertThat(h.ssrc()).isEqualTo(stream.get("ssrc").asLong());
                assertThat(h.payloadType()).isEqualTo(parsed.payloadType());
            });
            for (int i = 1; i < headers.size(); i++) {
                assertThat(headers.get(i).sequence()).isEqualTo((headers.get(i - 1).sequence() + 1) & 0xFFFF);
            }
        }
        assertThat(viewer.get("/api/streams/" + id).json().get("packetsSent").asLong()).isPositive();
        String metrics = TestServers.anonymous(server).get("/metrics").body();
        assertThat(metrics).contains("loa_streamer_packets_sent_total", "loa_streamer_frames_skipped_total",
                "loa_streamer_rtcp_unauthenticated_total",
                "loa_stream_receivers{stream=\"" + id + "\"}",
                "loa_streamer_joins_rejected_total{reason=\"forged\"}");
    }

    @Test
    void theConsoleMicrophoneWebSocketFeedsALiveStream() throws Exception {
        JsonNode stream = created(operator, "Micro trên trình duyệt");
        String id = stream.get("id").asText();
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(RECEIVE_TIMEOUT_MS);
            assertThat(admin.post("/api/streams/" + id + "/listeners",
                    Map.of("host", "127.0.0.1", "port", listener.getLocalPort())).status()).isEqualTo(201);
            Closes closes = new Closes();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(liveUri(id, operator.token()), closes).get(10, TimeUnit.SECONDS);
            assertThat(handshakeFails(liveUri(id, operator.token()))).as("a second microphone").isTrue();
            byte[] tone = TestAudio.tonePcm(440, 1_000);
            for (int at = 0; at < tone.length; at += 1_920) {
                socket.sendBinary(ByteBuffer.wrap(tone, at, 1_920), true).get(5, TimeUnit.SECONDS);
            }
            assertThat(receive(listener, 10)).allSatisfy(h -> assertThat(h.ssrc()).isEqualTo(stream.get("ssrc").asLong()));

            socket.sendBinary(ByteBuffer.wrap(new byte[LivePcmSocket.MAX_FRAME_BYTES + 2]), true);
            assertThat(closes.code.get(10, TimeUnit.SECONDS)).as("closed for a frame over the limit").isEqualTo(1009);
        }
    }

    @Test
    void aMicrophoneStillSpeakingWhenItsStreamStopsIsToldTheStreamEnded() throws Exception {
        String id = created(operator, "Micro khi dừng").get("id").asText();
        Closes closes = new Closes();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(liveUri(id, operator.token()), closes).get(10, TimeUnit.SECONDS);
        socket.sendBinary(ByteBuffer.wrap(TestAudio.tonePcm(440, 20)), true).get(5, TimeUnit.SECONDS);
        assertThat(operator.send("DELETE", "/api/streams/" + id, null, null).status()).isEqualTo(200);

        socket.sendBinary(ByteBuffer.wrap(TestAudio.tonePcm(440, 20)), true);
        assertThat(closes.code.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(closes.reason.get()).isEqualTo(LivePcmSocket.STREAM_ENDED);
    }

    @Test
    void theLiveWebSocketNeedsAValidTokenAndALiveStream() {
        String live = created(operator, "Micro").get("id").asText();
        assertThat(handshakeFails(liveUri(live, null))).isTrue();
        assertThat(handshakeFails(liveUri(live, "not-a-token"))).isTrue();
        assertThat(handshakeFails(liveUri(live, viewer.token()))).as("a viewer may not speak").isTrue();
        assertThat(handshakeFails(liveUri("s-none", operator.token()))).isTrue();
    }

    @Test
    void pcmGoesOnlyIntoLiveStreams() {
        String relay = created(operator, "Tiếp sóng", Map.of("type", "relay", "url", "http://127.0.0.1:9/none"))
                .get("id").asText();
        assertThat(refusal(operator.sendBytes("POST", "/api/streams/" + relay + "/pcm", TestAudio.tonePcm(440, 20),
                "application/octet-stream"), 409)).contains("not live");
        assertThat(viewer.sendBytes("POST", "/api/streams/" + relay + "/pcm", TestAudio.tonePcm(440, 20),
                "application/octet-stream").status()).isEqualTo(403);
    }

    @Test
    void pcmStillBeingPushedWhenItsStreamStopsIsRefusedWithWhatGotThrough() throws Exception {
        String id = created(operator, "Nói dở").get("id").asText();
        Response refused;
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(RECEIVE_TIMEOUT_MS);
            assertThat(admin.post("/api/streams/" + id + "/listeners",
                    Map.of("host", "127.0.0.1", "port", listener.getLocalPort())).status()).isEqualTo(201);
            CompletableFuture<Response> pushing = CompletableFuture.supplyAsync(() -> operator.sendBytes("POST",
                    "/api/streams/" + id + "/pcm", TestAudio.tonePcm(440, 10_000), "application/octet-stream"));
            awaitTone(listener);
            assertThat(operator.send("DELETE", "/api/streams/" + id, null, null).status()).isEqualTo(200);
            refused = pushing.get(15, TimeUnit.SECONDS);
        }
        assertThat(refusal(refused, 409)).contains("ended while its audio was being pushed");
        assertThat(refused.json().get("detail").get("millis").asLong()).isBetween(1L, 9_999L);
    }

    /** Waits for a packet larger than the near-empty ones silence encodes to: the pushed tone is on air. */
    private static void awaitTone(DatagramSocket listener) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        do {
            listener.receive(packet);
        } while (packet.getLength() < RtpHeader.SIZE + SILENCE_PAYLOAD_MAX_BYTES);
    }

    private static URI liveUri(String stream, String token) {
        return URI.create("ws://127.0.0.1:" + server.httpPort() + "/api/streams/" + stream + "/live"
                + (token == null ? "" : "?token=" + token));
    }

    private static boolean handshakeFails(URI uri) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Closes()).get(10, TimeUnit.SECONDS)
                    .abort();
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof WebSocketHandshakeException;
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer to the WebSocket handshake", e);
        }
    }

    /** Remembers the close code the server sends. */
    private static final class Closes implements WebSocket.Listener {
        final CompletableFuture<Integer> code = new CompletableFuture<>();
        final AtomicReference<String> reason = new AtomicReference<>();

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            this.reason.set(reason);
            code.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            code.completeExceptionally(error);
        }
    }

    private static JsonNode created(ApiClient client, String name) {
        return created(client, name, Map.of("type", "live"));
    }

    private static JsonNode created(ApiClient client, String name, Map<String, Object> source) {
        Response r = client.post("/api/streams", Map.of("name", name, "source", source));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static String refusal(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json().toString();
    }

    private static List<String> auditedActions() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log").mapTo(String.class).list());
    }

    private static List<RtpHeader> receive(DatagramSocket socket, int count) throws Exception {
        List<RtpHeader> headers = new ArrayList<>();
        byte[] buffer = new byte[1500];
        while (headers.size() < count) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("only " + headers.size() + " RTP packets arrived", e);
            }
            ByteBuffer datagram = ByteBuffer.wrap(buffer, 0, packet.getLength());
            if ((buffer[1] & 0xFF) < 200 || (buffer[1] & 0xFF) > 204) {
                headers.add(RtpHeader.readFrom(datagram));
            }
        }
        return headers;
    }
}
