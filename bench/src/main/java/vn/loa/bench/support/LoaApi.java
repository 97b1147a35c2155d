package vn.loa.bench.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Loa HTTP API as the benchmark uses it. */
public final class LoaApi {
    private static final Logger LOG = LoggerFactory.getLogger(LoaApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often {@link #awaitOnline} reads the online count, and how often it says how far it got. */
    private static final Duration ONLINE_POLL = Duration.ofMillis(100);
    private static final Duration ONLINE_PROGRESS = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    public LoaApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public void awaitHealthy(ChildProcess server, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            server.requireAlive();
            try {
                if (http.send(request("/api/health").GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(250);
        }
        throw new IOException("server not healthy within " + timeout);
    }

    public void login(String username, String password) throws IOException, InterruptedException {
        token = post("/api/login", Map.of("username", username, "password", password)).get("token").asText();
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
    }

    public JsonNode postCsv(String path, String csv) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build());
    }

    /** Uploads one file as the multipart part {@code file} (as {@code POST /api/media} takes it). */
    public JsonNode postFile(String path, String fileName, String contentType, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "loa-bench-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(content), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build());
    }

    /**
     * Seconds from {@code startNanos} until the server counts {@code expected} speakers online (0: none), failing
     * early if {@code watched} exits.
     */
    public double awaitOnline(int expected, ChildProcess watched, long startNanos, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        double online = -1;
        long lastLog = 0;
        while (System.nanoTime() < deadline) {
            online = metric("loa_devices_online");
            if ((expected > 0 && online >= expected) || (expected == 0 && online == 0)) {
                return (System.nanoTime() - startNanos) / 1e9;
            }
            watched.requireAlive();
            if (System.nanoTime() - lastLog > ONLINE_PROGRESS.toNanos()) {
                LOG.info("{} speakers online, waiting for {}", (long) online, expected);
                lastLog = System.nanoTime();
            }
            Thread.sleep(ONLINE_POLL.toMillis());
        }
        throw new IOException("only " + online + " of " + expected + " speakers online after " + timeout);
    }

    public JsonNode delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    /** Sum of every sample of a Prometheus metric whose line contains all of {@code labelParts}. */
    public double metric(String name, String... labelParts) throws IOException, InterruptedException {
        String text = http.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                boolean all = true;
                for (String part : labelParts) {
                    all &= line.contains(part);
                }
                if (all) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new ApiStatusException(request.method() + " " + request.uri() + " → " + response.statusCode()
                    + ": " + new String(response.body(), StandardCharsets.UTF_8), response.statusCode());
        }
        return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
