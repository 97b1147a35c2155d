package vn.loa.controller.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.area.AreaScopes;
import vn.loa.controller.auth.Caller;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.HttpServer;
import vn.loa.controller.http.Json;
import vn.loa.controller.storage.Database;
import vn.loa.controller.testing.EventStream;
import vn.loa.controller.testing.Poll;

/**
 * The live feed over real HTTP: what a console receives, what it may not see, heartbeats, refusals, and consoles
 * that read too slowly or go away. The bearer token names the caller as {@code role[:areaId]}.
 */
class EventFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration SHORT_HEARTBEAT = Duration.ofMillis(200);

    @TempDir
    Path dir;
    private Database database;
    private EventHub hub;
    private HttpServer http;
    private SimpleMeterRegistry meters;
    private String communeA;
    private String communeB;
    private long areaA;
    private final Set<String> endedSessions = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() {
        database = new Database(Database.h2FileUrl(dir), "sa", "", 4);
        long province = area(null, "p");
        areaA = area(province, "a");
        long areaB = area(province, "b");
        communeA = "/" + province + "/" + areaA + "/";
        communeB = "/" + province + "/" + areaB + "/";
        meters = new SimpleMeterRegistry();
        hub = new EventHub(Json.newMapper(), meters, SHORT_HEARTBEAT);
        http = new HttpServer("127.0.0.1", 0, true, this::caller, Json.newMapper(), meters, dir,
                List.of(new EventRoutes(hub, new AreaScopes(database.jdbi()), this::caller))).start();
    }

    @AfterEach
    void stop() {
        hub.close();
        http.close();
        database.close();
    }

    @Test
    void aConsoleReceivesEachEventWithItsTypeDataAndId() {
        try (EventStream stream = open("viewer")) {
            hub.publish("broadcast.started", Map.of("id", "b1", "name", "Bản tin sáng"));
            hub.publish("broadcast.ended", Map.of("id", "b1"));

            EventStream.Message started = stream.next("broadcast.started", WAIT);
            assertThat(started.json().get("id").asText()).isEqualTo("b1");
            assertThat(started.json().get("name").asText()).isEqualTo("Bản tin sáng");
            EventStream.Message ended = stream.next("broadcast.ended", WAIT);
            assertThat(Long.parseLong(ended.id())).isEqualTo(Long.parseLong(started.id()) + 1);
        }
    }

    @Test
    void aQuietStreamCarriesHeartbeatComments() {
        try (EventStream stream = open("viewer")) {
            assertThat(stream.nextComment(WAIT)).isEqualTo(EventClient.HEARTBEAT_COMMENT);
        }
    }

    @Test
    void eventsAboutADeviceReachOnlyUsersWhoseAreaHoldsIt() {
        try (EventStream scopedToA = open("viewer:" + areaA); EventStream everything = open("viewer")) {
            Poll.until("both consoles attached", WAIT, () -> hub.clients() == 2);
            hub.publish("device.online", Map.of("deviceId", "in-b", EventScope.AREA_PATH, communeB));
            hub.publish("device.offline", Map.of("deviceId", "in-a", EventScope.AREA_PATH, communeA));
            Map<String, Object> unplaced = new HashMap<>();
            unplaced.put("deviceId", "no-area");
            unplaced.put(EventScope.AREA_PATH, null);
            hub.publish("device.unplaced", unplaced);
            hub.publish("marker", Map.of());

            assertThat(scopedToA.typesBefore("marker", WAIT)).containsExactly("device.offline");
            assertThat(everything.typesBefore("marker", WAIT))
                    .containsExactly("device.online", "device.offline", "device.unplaced");
        }
    }

    @Test
    void theTokenMayComeInTheQueryForEventSource() {
        assertThat(EventStream.status(http.port(), EventRoutes.PATH, null, "text/event-stream")).isEqualTo(401);
        try (EventStream stream = EventStream.open(http.port(), EventRoutes.PATH + "?token=viewer", null)) {
            hub.publish("marker", Map.of());
            assertThat(stream.next("marker", WAIT).data()).isEqualTo("{}");
        }
    }

    @Test
    void aStreamWhoseSessionEndedIsClosedBeforeTheNextEvent() {
        try (EventStream ending = open("viewer:" + areaA); EventStream staying = open("viewer")) {
            endedSessions.add("viewer:" + areaA);
            hub.publish("marker", Map.of());

            assertThat(ending.typesUntilClosed(WAIT)).doesNotContain("marker");
            assertThat(staying.next("marker", WAIT)).isNotNull();
            Poll.until("its place given back", WAIT, () -> hub.clients() == 1);
        }
    }

    @Test
    void refusesRequestsThatAreNotForAnEventStreamOrFromUsersWithoutRights() {
        assertThat(EventStream.status(http.port(), EventRoutes.PATH, "viewer", "application/json")).isEqualTo(406);
        assertThat(EventStream.status(http.port(), EventRoutes.PATH, "service", "text/event-stream")).isEqualTo(403);
        assertThat(hub.clients()).isZero();
    }

    @Test
    void refusesOneConsoleMoreThanTheLimit() {
        for (int i = 0; i < EventHub.MAX_CLIENTS; i++) {
            hub.reserve();
        }
        assertThat(EventStream.status(http.port(), EventRoutes.PATH, "viewer", "text/event-stream")).isEqualTo(503);

        hub.release();
        try (EventStream stream = open("viewer")) {
            hub.publish("marker", Map.of());
            assertThat(stream.next("marker", WAIT)).isNotNull();
        }
    }

    @Test
    void aConsoleThatGoesAwayGivesBackItsPlace() throws IOException {
        try (Socket socket = rawConsole()) {
            Poll.until("console attached", WAIT, () -> hub.clients() == 1);
        }
        Poll.until("console let go after the next heartbeat fails", WAIT, () -> hub.clients() == 0);
    }

    @Test
    @Timeout(60)
    void aConsoleThatStopsReadingIsDroppedWhilePublishersCarryOn() throws IOException {
        String filler = "x".repeat(16 * 1024);
        try (Socket stalled = rawConsole()) {
            Poll.until("console attached", WAIT, () -> hub.clients() == 1);
            int published = 0;
            while (hub.clients() > 0 && published < 20_000) {
                hub.publish("filler", Map.of("text", filler, "n", published++));
            }
            assertThat(hub.clients()).as("dropped after %d events", published).isZero();
            assertThat(published).isGreaterThan(EventHub.CLIENT_QUEUE_EVENTS);
            assertThat(meters.get("loa.events.clients.dropped").counter().count()).isEqualTo(1);
        }
        try (EventStream stream = open("viewer")) {
            hub.publish("marker", Map.of());
            assertThat(stream.next("marker", WAIT)).isNotNull();
        }
    }

    @Test
    void anEventOverTheSizeLimitIsNotSent() {
        try (EventStream stream = open("viewer")) {
            hub.publish("huge", Map.of("text", "x".repeat(EventHub.MAX_EVENT_BYTES)));
            hub.publish("marker", Map.of());
            assertThat(stream.typesBefore("marker", WAIT)).isEmpty();
        }
    }

    private EventStream open(String token) {
        return EventStream.open(http.port(), EventRoutes.PATH, token);
    }

    /** A console that sends its request and then never reads. */
    private Socket rawConsole() throws IOException {
        Socket socket = new Socket("127.0.0.1", http.port());
        socket.setReceiveBufferSize(4096);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + EventRoutes.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer viewer\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private long area(Long parent, String code) {
        return database.jdbi().withHandle(h -> {
            String parentPath = parent == null ? "/" : h.createQuery("SELECT path FROM areas WHERE id = :id")
                    .bind("id", parent).mapTo(String.class).one();
            long id = h.createUpdate("INSERT INTO areas (parent_id, code, name, kind, path, created_at)"
                            + " VALUES (:parent, :code, :code, 'commune', '/', CURRENT_TIMESTAMP)")
                    .bind("parent", parent).bind("code", code).executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class).one();
            h.createUpdate("UPDATE areas SET path = :path WHERE id = :id").bind("path", parentPath + id + "/")
                    .bind("id", id).execute();
            return id;
        });
    }

    private Optional<Caller> caller(String token) {
        if (endedSessions.contains(token)) {
            return Optional.empty();
        }
        String[] parts = token.split(":");
        Long area = parts.length > 1 ? Long.valueOf(parts[1]) : null;
        return Optional.of(new Caller("test-" + parts[0], Role.valueOf(parts[0].toUpperCase(Locale.ROOT)), area));
    }
}
