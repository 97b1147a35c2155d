package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.HttpServer;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.RealServerTest;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;

/** The media library through the API on a real server: uploads, listening, refusals that leave nothing behind. */
class MediaApiTest extends RealServerTest {
    private static final String VIETNAMESE_TITLE = "Bản tin sáng thứ Hai – Phòng chống lụt bão";

    private static ApiClient editor;
    private static ApiClient viewer;

    @BeforeAll
    static void users() {
        editor = TestServers.loggedIn(server, "media-editor", Role.EDITOR);
        viewer = TestServers.loggedIn(server, "media-viewer", Role.VIEWER);
    }

    @Test
    void anUploadKeepsItsVietnameseTitleAndCanBeListenedTo() throws Exception {
        Response r = upload(editor, "ban-tin.wav", TestAudio.toneWav(440, 1_500), VIETNAMESE_TITLE);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode item = r.json();
        assertThat(item.get("title").asText()).isEqualTo(VIETNAMESE_TITLE);
        assertThat(item.get("originalFileName").asText()).isEqualTo("ban-tin.wav");
        assertThat(item.get("format").asText()).isNotBlank();
        assertThat(item.get("durationMs").asLong()).isBetween(1_400L, 1_600L);
        assertThat(item.get("frameMs").asInt()).isEqualTo(60);
        assertThat(item.get("uploadedBy").asText()).isEqualTo("media-editor");
        assertThat(item.get("sha256").asText()).hasSize(64);

        long id = item.get("id").asLong();
        assertThat(viewer.get("/api/media/" + id).json().get("title").asText()).isEqualTo(VIETNAMESE_TITLE);
        assertThat(viewer.get("/api/media").json().get("items").findValuesAsText("title")).contains(VIETNAMESE_TITLE);

        Response audio = viewer.get("/api/media/" + id + "/audio");
        assertThat(audio.status()).isEqualTo(200);
        assertThat(audio.header("Content-Type")).startsWith("audio/ogg");
        assertThat(audio.body()).startsWith("OggS");
        HttpResponse<byte[]> range = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/api/media/" + id + "/audio"))
                .header("Authorization", "Bearer " + viewer.token()).header("Range", "bytes=0-3").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("bytes 0-"));
        assertThat(new String(range.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("OggS");
        assertThat(auditedActions()).contains("media.upload");
    }

    @Test
    void anUploadLargerThanOrdinaryRequestBodiesIsTaken() {
        byte[] wav = TestAudio.toneWav(330, 92_000);
        assertThat((long) wav.length).isGreaterThan(HttpServer.MAX_BODY_BYTES);
        Response r = upload(editor, "ban-tin-dai.wav", wav, "Bản tin dài");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().get("durationMs").asLong()).isBetween(91_000L, 93_000L);
    }

    @Test
    void theSameAudioTwiceIsADuplicateNamingTheFirst() {
        byte[] wav = TestAudio.toneWav(523, 1_000);
        long first = upload(editor, "a.wav", wav, null).json().get("id").asLong();
        Response again = upload(editor, "copy-of-a.wav", wav, "Khác tên");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").get("id").asLong()).isEqualTo(first);
    }

    @Test
    void emptyAndCorruptFilesAreRefusedWithTheirReasonAndLeaveNothingBehind() throws IOException {
        long before = mediaCount();
        List<Path> stored = libraryEntries();

        Response empty = upload(editor, "empty.mp3", new byte[0], null);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.json().get("detail").get("reason").asText()).isEqualTo("EMPTY");

        byte[] garbage = new byte[50_000];
        new Random(7).nextBytes(garbage);
        Response corrupt = upload(editor, "song.mp3", garbage, null);
        assertThat(corrupt.status()).isEqualTo(422);
        assertThat(corrupt.json().get("detail").get("reason").asText()).isIn("CORRUPT", "UNSUPPORTED");
        assertThat(corrupt.json().get("error").asText()).isNotBlank();

        assertThat(mediaCount()).isEqualTo(before);
        assertThat(libraryEntries()).isEqualTo(stored);
        assertThat(spooled()).isEmpty();
    }

    @Test
    void anOversizeUploadIsRefusedBeforeItsBodyIsSent() throws IOException {
        long claimed = (long) server.config().mediaMaxUploadMb() * 1024 * 1024 + MediaService.MULTIPART_OVERHEAD_BYTES
                + 1;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/media HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + editor.token()
                    + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + claimed
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // not one byte of the body is sent: only a refusal from the headers can come back
            String answer = readHead(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void rolesAndRequestShapesAreChecked() {
        assertThat(upload(viewer, "a.wav", TestAudio.toneWav(440, 200), null).status()).isEqualTo(403);
        assertThat(editor.post("/api/media", Map.of("file", "x")).status()).isEqualTo(400);
        assertThat(upload(editor, "a.wav", TestAudio.toneWav(440, 200), "x".repeat(MediaService.MAX_TITLE_LENGTH + 1))
                .status()).isEqualTo(400);
        assertThat(viewer.get("/api/media/999999").status()).isEqualTo(404);
        assertThat(viewer.get("/api/media/abc").status()).isEqualTo(404);
    }

    @Test
    void anItemPlayingInAStreamCannotBeDeletedUntilTheStreamIsGone() throws IOException {
        JsonNode item = upload(editor, "loop.wav", TestAudio.toneWav(660, 1_000), "Nhạc hiệu").json();
        long id = item.get("id").asLong();
        assertThat(admin.post("/api/media/" + id + "/approve", Map.of()).status()).isEqualTo(200);
        Response stream = admin.post("/api/streams", Map.of("name", "Nhạc hiệu",
                "source", Map.of("type", "media", "media", List.of(id), "loop", true)));
        assertThat(stream.status()).as(stream.toString()).isEqualTo(201);
        String streamId = stream.json().get("id").asText();

        Response refused = editor.send("DELETE", "/api/media/" + id, null, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").get("streams").get(0).asText()).isEqualTo(streamId);
        assertThat(viewer.send("DELETE", "/api/media/" + id, null, null).status()).isEqualTo(403);

        assertThat(admin.send("DELETE", "/api/streams/" + streamId, null, null).status()).isEqualTo(200);
        assertThat(editor.send("DELETE", "/api/media/" + id, null, null).status()).isEqualTo(204);
        assertThat(viewer.get("/api/media/" + id).status()).isEqualTo(404);
        assertThat(libraryEntries()).noneMatch(p -> p.getFileName().toString().equals(item.get("sha256").asText()));
        assertThat(auditedActions()).contains("media.delete");
    }

    private static Response upload(ApiClient client, String fileName, byte[] content, String title) {
        Multipart body = new Multipart().file("file", fileName, content);
        if (title != null) {
            body.field("title", title);
        }
        return client.sendBytes("POST", "/api/media", body.bytes(), body.contentType());
    }

    private static long mediaCount() {
        return viewer.get("/api/media").json().get("total").asLong();
    }

    private static List<Path> libraryEntries() throws IOException {
        try (Stream<Path> entries = Files.list(server.dataDir().resolve(LoaServer.MEDIA_DIR))) {
            return entries.sorted().toList();
        }
    }

    private static List<Path> spooled() throws IOException {
        try (Stream<Path> entries = Files.list(server.dataDir().resolve(LoaServer.SPOOL_DIR))) {
            return entries.toList();
        }
    }

    private static List<String> auditedActions() {
        return server.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_log").mapTo(String.class).list());
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int c = in.read(); c >= 0 && !head.toString().endsWith("\r\n\r\n"); c = in.read()) {
            head.append((char) c);
        }
        return head.toString();
    }
}
