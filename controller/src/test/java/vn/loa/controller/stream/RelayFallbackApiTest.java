package vn.loa.controller.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;
import vn.loa.protocol.rtp.RtpHeader;

/**
 * A relay with a fallback item through the API of a real server: the relay's URL answers nothing, so once it is dead
 * (after one second here) the fallback's audio reaches a listener.
 */
class RelayFallbackApiTest {
    /** The relay is dead after a second, then the fallback plays: allow for connecting and a loaded machine. */
    private static final int RECEIVE_TIMEOUT_MS = 6_000;
    /** An Opus packet of 60 ms of a tone at 32 kbit/s is a couple of hundred bytes; of silence, a handful. */
    private static final int AUDIBLE_PACKET_BYTES = 60;

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

        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(RECEIVE_TIMEOUT_MS);
            assertThat(admin.post("/api/streams/" + id + "/listeners",
                    Map.of("host", "127.0.0.1", "port", listener.getLocalPort())).status()).isEqualTo(201);
            assertThat(averagePayloadBytes(listener, 10)).as("the fallback tone").isGreaterThan(AUDIBLE_PACKET_BYTES);
        }
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

    private static double averagePayloadBytes(DatagramSocket socket, int packets) throws Exception {
        byte[] buffer = new byte[1500];
        long bytes = 0;
        for (int received = 0; received < packets; ) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("only " + received + " RTP packets arrived", e);
            }
            int type = buffer[1] & 0xFF;
            if (type < 200 || type > 204) {
                bytes += packet.getLength() - RtpHeader.SIZE;
                received++;
            }
        }
        return (double) bytes / packets;
    }
}
