package vn.loa.controller.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.RtpPayloads;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;

/**
 * A relay with a fallback item through the API of a real server: the relay's URL answers nothing, so once it is dead
 * (after one second here) the fallback's audio reaches a listener.
 */
class RelayFallbackApiTest {
    /** The relay is dead after a second, then the fallback plays: allow for connecting and a loaded machine. */
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(6);

    @TempDir
    static Path dataDir;
    private static LoaServer server;
    private static ApiClient admin;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(dataDir, Map.of("relay.dead.seconds", "1"), Clock.systemUTC());
        admin = TestServers.admin(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aDeadRelayPlaysItsFallbackItem() throws Exception {
        long fallback = upload(TestAudio.toneWav(880, 2_000));
        Response created = admin.post("/api/streams", Map.of("name", "VOV1 hoặc nhạc chờ",
                "source", Map.of("type", "relay", "url", "http://127.0.0.1:" + closedPort() + "/vov1.mp3",
                        "fallback", fallback)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode stream = created.json();
        assertThat(stream.get("source").get("fallback").asLong()).isEqualTo(fallback);
        assertThat(stream.get("frameMs").asInt()).as("the stored item's frame period").isEqualTo(60);
        String id = stream.get("id").asText();

        assertThat(RtpPayloads.averageBytesHeard(admin, id, 10, RECEIVE_TIMEOUT)).as("the fallback tone")
                .isGreaterThan(RtpPayloads.AUDIBLE_PACKET_BYTES);
        JsonNode now = admin.get("/api/streams/" + id).json();
        assertThat(now.get("health").asText()).isEqualTo("DEAD");
        assertThat(now.get("description").asText()).contains("fallback while", "vov1.mp3");
    }

    @Test
    void anUnknownFallbackIsNotFound() {
        Response refused = admin.post("/api/streams", Map.of("name", "x",
                "source", Map.of("type", "relay", "url", "http://127.0.0.1:9/radio.mp3", "fallback", 987654)));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.body()).contains("987654");
    }

    private static long upload(byte[] wav) {
        Multipart body = new Multipart().file("file", "nhac-cho.wav", wav);
        Response r = admin.sendBytes("POST", "/api/media", body.bytes(), body.contentType());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** A port on 127.0.0.1 that nothing listens on: connections to it are refused. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
