package vn.loa.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import vn.loa.controller.http.HttpServer;
import vn.loa.controller.http.Json;
import vn.loa.controller.http.Routes;
import vn.loa.controller.http.TokenAuthenticator;

/**
 * A feature's routes served by the real {@link HttpServer} (the API's JSON rules, bearer authentication and error
 * mapping) on an ephemeral port of 127.0.0.1, without the rest of the server. The bearer token names the caller:
 * {@code callers} reads it as the test likes, and a request without a token is refused as in production.
 */
public final class RouteServer implements AutoCloseable {
    private final HttpServer server;

    public RouteServer(TokenAuthenticator callers, Routes... routes) {
        server = new HttpServer("127.0.0.1", 0, true, callers, Json.newMapper(), new SimpleMeterRegistry(),
                Path.of(System.getProperty("java.io.tmpdir")), List.of(routes)).start();
    }

    /** A response with its body as JSON, or null when the body is empty. */
    public record Response(int status, JsonNode body) {
    }

    /** Sends {@code body} (UTF-8 text, bytes or null for none) with {@code token} as the bearer token, if any. */
    public Response send(String token, String method, String path, String contentType, Object body) {
        byte[] bytes = body == null ? null
                : body instanceof byte[] raw ? raw : body.toString().getBytes(StandardCharsets.UTF_8);
        ApiClient.Response response = new ApiClient(server.port(), token).sendBytes(method, path, bytes, contentType);
        return new Response(response.status(), response.body().isEmpty() ? null : response.json());
    }

    @Override
    public void close() {
        server.close();
    }
}
