package vn.loa.controller.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;

/** Every failure reaches the client as the API's error JSON with the right status, and nothing more. */
class ErrorMappingTest {
    private static final String TOKEN = "test-token";
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static final long UPLOAD_LIMIT = 2 * HttpServer.MAX_BODY_BYTES;
    private static HttpServer server;
    private static ApiClient api;

    record Volume(String name, int level, Map<String, Integer> extra) {
    }

    @BeforeAll
    static void start() {
        Routes testRoutes = app -> {
            app.post("/api/echo", ctx -> ctx.json(ctx.bodyAsClass(Volume.class)));
            app.get("/api/boom", ctx -> {
                throw new IllegalStateException("secret-internal-detail");
            });
            app.get("/api/refused", ctx -> {
                throw ApiException.conflict("already there", Map.of("code", "X1"));
            });
            app.get("/api/paged", ctx -> ctx.json(Paging.of(ctx)));
            app.get("/api/race", ctx -> {
                throw new UnableToExecuteStatementException(new SQLException("duplicate key", "23505"), null);
            });
            app.get("/api/broken-sql", ctx -> {
                throw new UnableToExecuteStatementException(new SQLException("syntax error near secret-table", "42000"), null);
            });
            app.get("/api/items/{id}", ctx -> ctx.result(String.valueOf(ctx.pathParamAsClass("id", Long.class).get())));
        };
        Routes upload = new Routes() {
            @Override
            public void register(Javalin app) {
                app.post("/api/upload/{name}", ctx -> ctx.json(
                        Map.of("bytes", ctx.bodyInputStream().transferTo(OutputStream.nullOutputStream()))));
            }

            @Override
            public Map<String, Long> bodyLimits() {
                return Map.of("POST /api/upload/{name}", UPLOAD_LIMIT);
            }
        };
        TokenAuthenticator tokens = token -> TOKEN.equals(token)
                ? Optional.of(new Caller("tester", Role.ADMIN, null)) : Optional.empty();
        server = new HttpServer("127.0.0.1", 0, true, tokens, Json.newMapper(), REGISTRY,
                Path.of(System.getProperty("java.io.tmpdir")), List.of(testRoutes, upload)).start();
        api = new ApiClient(server.port(), TOKEN);
    }

    @AfterAll
    static void stop() {
        server.close();
        server.close();
    }

    @Test
    void wellFormedBodyIsAccepted() {
        Response r = api.post("/api/echo", Map.of("name", "Loa", "level", 70));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("level").asInt()).isEqualTo(70);
    }

    @Test
    void malformedJsonIs400WithWhere() {
        Response r = api.send("POST", "/api/echo", "{\"name\": \"Loa\", ", "application/json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid JSON body");
        assertThat(r.json().get("detail").asText()).contains("line 1");

        Response nullBody = api.send("POST", "/api/echo", "null", "application/json");
        assertThat(nullBody.status()).isEqualTo(400);
        assertThat(nullBody.json().get("detail").asText()).contains("not null");

        Response empty = api.send("POST", "/api/echo", "", "application/json");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("error").asText()).isEqualTo("invalid JSON body");
    }

    @Test
    void wrongFieldTypesNameTheField() {
        Response number = api.post("/api/echo", Map.of("name", "Loa", "level", "loud"));
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().get("detail").asText()).startsWith("field 'level'");

        Response text = api.post("/api/echo", Map.of("name", 5, "level", 1));
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().get("detail").asText()).startsWith("field 'name'");

        Response nested = api.post("/api/echo", Map.of("name", "a", "level", 1, "extra", Map.of("x", "y")));
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().get("detail").asText()).startsWith("field 'extra.x'");

        Response unknown = api.post("/api/echo", Map.of("name", "a", "level", 1, "volume", 3));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asText()).contains("volume");

        Response missingPrimitive = api.post("/api/echo", Map.of("name", "a"));
        assertThat(missingPrimitive.status()).isEqualTo(400);
    }

    @Test
    void apiExceptionKeepsItsStatusAndDetail() {
        Response r = api.get("/api/refused");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.header("WWW-Authenticate")).isNull();
        assertThat(r.json().get("error").asText()).isEqualTo("already there");
        assertThat(r.json().get("detail").get("code").asText()).isEqualTo("X1");
    }

    @Test
    void uniqueViolationIsAConflictAndOtherDatabaseErrorsAreInternal() {
        Response race = api.get("/api/race");
        assertThat(race.status()).isEqualTo(409);
        assertThat(race.json().get("error").asText()).isEqualTo("conflicts with existing data");

        Response broken = api.get("/api/broken-sql");
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.body()).doesNotContain("secret-table");
    }

    @Test
    void unknownRouteIs404Json() {
        Response r = api.get("/api/no-such-thing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not found");
        assertThat(r.json().get("detail").asText()).isEqualTo("GET /api/no-such-thing");
        assertThat(api.withToken(null).get("/nowhere").status()).isEqualTo(404);
        assertThat(REGISTRY.find(RequestMetrics.METER).tag("route", RequestMetrics.UNMATCHED).tag("status", "404").timer())
                .isNotNull();
    }

    @Test
    void wrongMethodIs405Json() {
        Response r = api.send("DELETE", "/api/refused", null, null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.json().get("error").asText()).isEqualTo("method not allowed");
    }

    @Test
    void bodyOverTheLimitIs413() {
        String oversize = "{\"name\":\"" + "a".repeat((int) HttpServer.MAX_BODY_BYTES) + "\",\"level\":1}";
        Response r = api.send("POST", "/api/echo", oversize, "application/json");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("error").asText()).isEqualTo("request body too large");
        assertThat(r.json().get("detail").get("maxBytes").asLong()).isEqualTo(HttpServer.MAX_BODY_BYTES);

        String justUnder = "{\"name\":\"" + "a".repeat((int) HttpServer.MAX_BODY_BYTES - 30) + "\",\"level\":1}";
        assertThat(justUnder.length()).isLessThanOrEqualTo((int) HttpServer.MAX_BODY_BYTES);
        assertThat(api.send("POST", "/api/echo", justUnder, "application/json").status()).isEqualTo(200);
    }

    @Test
    void anEndpointMayTakeALargerBodyUpToItsOwnLimit() {
        Response large = api.sendBytes("POST", "/api/upload/a", new byte[(int) HttpServer.MAX_BODY_BYTES + 1_000],
                "application/octet-stream");
        assertThat(large.status()).isEqualTo(200);
        assertThat(large.json().get("bytes").asLong()).isEqualTo(HttpServer.MAX_BODY_BYTES + 1_000);

        Response over = api.sendBytes("POST", "/api/upload/a", new byte[(int) UPLOAD_LIMIT + 1],
                "application/octet-stream");
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.json().get("detail").get("maxBytes").asLong()).isEqualTo(UPLOAD_LIMIT);
    }

    @Test
    void chunkedBodyWithoutLengthIsRefused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/echo"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream("{\"name\":\"a\",\"level\":1}".getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.body()).contains("\"error\":\"Content-Length required\"");
    }

    @Test
    void internalErrorHidesEverything() {
        Response r = api.get("/api/boom");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("error").asText()).isEqualTo("internal error");
        assertThat(r.json().get("detail").isNull()).isTrue();
        assertThat(r.body()).doesNotContain("secret-internal-detail", "IllegalStateException", "at vn.");
        assertThat(REGISTRY.find(RequestMetrics.METER).tags("route", "/api/boom", "status", "500").timer().count()).isEqualTo(1);
    }

    @Test
    void pagingLimitsAreEnforced() {
        assertThat(api.get("/api/paged").json().get("limit").asInt()).isEqualTo(Paging.DEFAULT_LIMIT);
        assertThat(api.get("/api/paged?limit=" + Paging.MAX_LIMIT + "&offset=5").json().get("offset").asLong()).isEqualTo(5);
        Response tooMany = api.get("/api/paged?limit=" + (Paging.MAX_LIMIT + 1));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("error").asText()).isEqualTo("invalid query parameter");
        assertThat(tooMany.json().get("detail").asText()).isEqualTo("limit must be an integer within 1.." + Paging.MAX_LIMIT);
        assertThat(api.get("/api/paged?offset=-1").status()).isEqualTo(400);
        assertThat(api.get("/api/paged?limit=ten").status()).isEqualTo(400);
    }

    @Test
    void badPathParameterIs400() {
        Response r = api.get("/api/items/abc");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid request");
        assertThat(r.json().get("detail").has("id")).isTrue();
    }

    @Test
    void apiRoutesRefuseMissingOrWrongToken() {
        Response none = api.withToken(null).get("/api/refused");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).isEqualTo("authentication required");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(api.withToken("wrong").get("/api/refused").status()).isEqualTo(401);
    }
}
