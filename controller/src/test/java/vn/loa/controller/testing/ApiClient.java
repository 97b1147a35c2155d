package vn.loa.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real HTTP client for the API on 127.0.0.1, optionally carrying a bearer token. */
public final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String token;

    public ApiClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** The bearer token this client sends, or null. */
    public String token() {
        return token;
    }

    public ApiClient withToken(String newToken) {
        return new ApiClient(port, newToken);
    }

    /** Logs in and returns a client carrying the new token; fails the test if the login is refused. */
    public ApiClient login(String username, String password) {
        Response r = post("/api/login", Map.of("username", username, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("login as " + username + " failed: " + r);
        }
        return withToken(r.json().get("token").asText());
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    /** A GET with an Accept header, for endpoints that negotiate their format. */
    public Response get(String path, String accept) {
        return exchange("GET", path, null, null, accept);
    }

    public Response post(String path, Object body) {
        return send("POST", path, toJson(body), "application/json");
    }

    public Response send(String method, String path, String body, String contentType) {
        return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public Response sendBytes(String method, String path, byte[] body, String contentType) {
        return exchange(method, path, body, contentType, null);
    }

    private Response exchange(String method, String path, byte[] body, String contentType, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Sends a request built elsewhere (another way of signing in) and reads the answer as text. */
    public static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String toJson(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response with its body, parsed as JSON on demand. */
    public record Response(int status, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
