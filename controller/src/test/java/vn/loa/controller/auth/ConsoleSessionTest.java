package vn.loa.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.events.EventRoutes;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.CookieClient;
import vn.loa.controller.testing.EventStream;
import vn.loa.controller.testing.MutableClock;
import vn.loa.controller.testing.TestServers;

/** The console's cookie session: its flags, CSRF protection, logout, the live feed and the microphone socket. */
class ConsoleSessionTest {
    private static final String CSRF_REFUSAL = "CSRF token missing or invalid";
    private static final int MAX_HOURS = 24;

    @TempDir
    static Path dataDir;
    private static LoaServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        server = TestServers.start(dataDir, Map.of("session.max.hours", String.valueOf(MAX_HOURS)), new MutableClock());
        admin = TestServers.admin(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loginSetsAnHttpOnlyStrictCookieHoldingTheSessionToken() {
        Response login = TestServers.anonymous(server).post("/api/login",
                Map.of("username", "admin", "password", TestServers.ADMIN_PASSWORD));

        String cookie = login.header("Set-Cookie");
        assertThat(CookieClient.cookieValue(cookie)).contains(login.json().get("token").asText());
        assertThat(attributes(cookie)).contains("HttpOnly", "SameSite=Strict", "Path=/",
                "Max-Age=" + Duration.ofHours(MAX_HOURS).toSeconds()).doesNotContain("Secure");
        assertThat(login.json().get("csrfToken").asText()).hasSize(43).isNotEqualTo(login.json().get("token").asText());
        JsonNode user = login.json().get("user");
        assertThat(user.get("username").asText()).isEqualTo("admin");
        assertThat(user.has("areaName")).isTrue();
        assertThat(user.has("displayName")).isTrue();
    }

    @Test
    void theCookieIsSecureWhenTheConsoleIsReachedOverTls() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/api/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.toJson(
                        Map.of("username", "admin", "password", TestServers.ADMIN_PASSWORD))))
                .build();
        Response login = ApiClient.send(request);

        assertThat(login.status()).isEqualTo(200);
        assertThat(attributes(login.header("Set-Cookie"))).contains("Secure", "HttpOnly");
    }

    @Test
    void meOverTheCookieShowsTheUserAndTheSessionsCsrfToken() {
        TestServers.createUser(server, "xem", "xem-password-1", Role.VIEWER, null);
        CookieClient viewer = CookieClient.login(server.httpPort(), "xem", "xem-password-1");

        JsonNode me = viewer.get("/api/me").json();

        assertThat(me.get("username").asText()).isEqualTo("xem");
        assertThat(me.get("role").asText()).isEqualTo("viewer");
        assertThat(me.get("areaId").isNull()).isTrue();
        assertThat(me.get("areaName").isNull()).isTrue();
        assertThat(me.has("displayName")).isTrue();
        assertThat(me.get("csrfToken").asText()).isEqualTo(viewer.csrfToken());
    }

    @Test
    void cookieChangesNeedTheSessionsCsrfTokenButReadsAndBearerClientsDoNot() {
        CookieClient console = CookieClient.login(server.httpPort(), "admin", TestServers.ADMIN_PASSWORD);
        CookieClient other = CookieClient.login(server.httpPort(), "admin", TestServers.ADMIN_PASSWORD);

        for (CookieClient forged : List.of(console.withCsrfToken(null), console.withCsrfToken("wrong"),
                console.withCsrfToken(other.csrfToken()), console.withCsrfToken(console.csrfToken() + "x"))) {
            Response refused = forged.post("/api/groups", Map.of("name", "Nhóm giả mạo"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().get("error").asText()).isEqualTo(CSRF_REFUSAL);
        }
        for (String endpoint : List.of("PUT /api/schedules/1", "PATCH /api/devices/1", "DELETE /api/media/1")) {
            String[] parts = endpoint.split(" ");
            assertThat(console.withCsrfToken(null).send(parts[0], parts[1], Map.of()).status()).as(endpoint)
                    .isEqualTo(403);
        }
        assertThat(admin.get("/api/groups").json().toString()).doesNotContain("Nhóm giả mạo");

        assertThat(console.withCsrfToken(null).get("/api/groups").status()).isEqualTo(200);
        assertThat(console.post("/api/groups", Map.of("name", "Nhóm thật")).status()).isEqualTo(201);
        assertThat(admin.post("/api/groups", Map.of("name", "Nhóm của API")).status()).isEqualTo(201);
    }

    @Test
    void logoutEndsTheCookieSessionAndClearsTheCookie() {
        CookieClient console = CookieClient.login(server.httpPort(), "admin", TestServers.ADMIN_PASSWORD);
        assertThat(console.withCsrfToken(null).post("/api/logout", null).status()).isEqualTo(403);

        Response logout = console.post("/api/logout", null);

        assertThat(logout.status()).isEqualTo(204);
        String cleared = logout.header("Set-Cookie");
        assertThat(CookieClient.cookieValue(cleared)).contains("");
        assertThat(attributes(cleared)).contains("Max-Age=0", "HttpOnly", "SameSite=Strict", "Path=/");
        assertThat(console.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void theLiveFeedAcceptsTheCookie() throws Exception {
        CookieClient console = CookieClient.login(server.httpPort(), "admin", TestServers.ADMIN_PASSWORD);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/api/events"))
                .header("Accept", "text/event-stream")
                .header("Cookie", CookieClient.COOKIE_NAME + "=" + console.sessionToken())
                .build();
        HttpResponse<Stream<String>> feed = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        try (Stream<String> lines = feed.body()) {
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(lines.filter(line -> line.startsWith("event:")).findFirst()).contains("event: ready");
        }
    }

    @Test
    void theLiveFeedEndsWithItsSession() {
        ApiClient viewer = TestServers.loggedIn(server, "feed-ends-viewer", Role.VIEWER);
        try (EventStream feed = EventStream.open(server.httpPort(), EventRoutes.PATH, viewer.token())) {
            assertThat(viewer.post("/api/logout", null).status()).isEqualTo(204);
            server.events().publish("marker", Map.of());

            assertThat(feed.typesUntilClosed(Duration.ofSeconds(10))).doesNotContain("marker");
        }
    }

    @Test
    void theMicrophoneSocketTakesTheCookieOnlyFromThisServersPages() throws Exception {
        String stream = admin.post("/api/streams", Map.of("name", "Micro", "source", Map.of("type", "live")))
                .json().get("id").asText();
        CookieClient console = CookieClient.login(server.httpPort(), "admin", TestServers.ADMIN_PASSWORD);
        String ownOrigin = "http://127.0.0.1:" + server.httpPort();

        assertThat(handshakeStatus(stream, console, "http://evil.example")).isEqualTo(403);
        assertThat(handshakeStatus(stream, console, "http://127.0.0.1:1")).isEqualTo(403);
        assertThat(handshakeStatus(stream, console, null)).isEqualTo(403);
        assertThat(handshakeStatus("s-none", console, ownOrigin)).as("authenticated, no such stream").isEqualTo(404);

        WebSocket socket = socketBuilder(console, ownOrigin).buildAsync(liveUri(stream), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    private static int handshakeStatus(String stream, CookieClient console, String origin) throws Exception {
        Throwable failure = catchThrowable(() -> socketBuilder(console, origin)
                .buildAsync(liveUri(stream), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        Throwable cause = failure instanceof ExecutionException || failure instanceof CompletionException
                ? failure.getCause() : failure;
        assertThat(cause).as("the handshake is refused").isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }

    private static WebSocket.Builder socketBuilder(CookieClient console, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Cookie", CookieClient.COOKIE_NAME + "=" + console.sessionToken());
        return origin == null ? builder : builder.header("Origin", origin);
    }

    private static URI liveUri(String stream) {
        return URI.create("ws://127.0.0.1:" + server.httpPort() + "/api/streams/" + stream + "/live");
    }

    private static List<String> attributes(String setCookie) {
        return Stream.of(setCookie.split(";")).map(String::strip).toList();
    }
}
