package vn.loa.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.ApiClient.Response;
import vn.loa.controller.testing.CookieClient;
import vn.loa.controller.testing.EventStream;
import vn.loa.controller.testing.MutableClock;
import vn.loa.controller.testing.Province;
import vn.loa.controller.testing.TestServers;

/**
 * Rights through the real API: a viewer changes nothing, whichever endpoint (the list comes from the server, so
 * an endpoint added later is covered), a commune operator neither acts on nor sees another commune, and every
 * change, refused or done, is in the audit log.
 */
class PermissionTest {
    /**
     * Changes a viewer may make, each for a reason: logging in (public), ending its own session, changing its own
     * password. Nothing else.
     */
    private static final Set<String> VIEWER_MAY = Set.of("POST /api/login", "POST /api/logout", "PUT /api/me/password");
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Map<String, Object> RELAY = Map.of("type", "relay", "url", "http://127.0.0.1:9/vov1");

    @TempDir
    static Path dataDir;
    private static LoaServer server;
    private static ApiClient admin;
    private static Province province;
    private static ApiClient operatorA;

    @BeforeAll
    static void start() {
        server = TestServers.start(dataDir, Map.of(), new MutableClock());
        admin = TestServers.admin(server);
        province = new Province(server, admin, "pm");
        province.speaker("pm-loa-a", "a1", Instant.now());
        province.speaker("pm-loa-b", "b", Instant.now());
        operatorA = province.user("pm-van-hanh-a", Role.OPERATOR, "a");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aViewerGets403OnEveryMutatingEndpointAndEachRefusalIsAudited() {
        ApiClient viewer = province.user("pm-xem", Role.VIEWER, null);
        CookieClient viewerInBrowser = CookieClient.login(server.httpPort(), "pm-xem", "pm-xem-password-1");
        List<String> mutating = server.http().endpoints().stream()
                .filter(e -> MUTATING.contains(method(e)) && !VIEWER_MAY.contains(e)).toList();
        assertThat(mutating).as("the server's endpoints").contains("POST /api/broadcasts", "DELETE /api/media/{id}",
                "PATCH /api/users/{username}", "PUT /api/schedules/{id}", "POST /api/devices/{id}/commands");

        for (String endpoint : mutating) {
            String path = path(endpoint).replaceAll("\\{[^}]+}", "1");
            Response bearer = viewer.send(method(endpoint), path, "{}", "application/json");
            assertThat(bearer.status()).as(endpoint + " " + bearer).isEqualTo(403);
            Response cookie = viewerInBrowser.send(method(endpoint), path, Map.of());
            assertThat(cookie.status()).as(endpoint + " over the cookie " + cookie).isEqualTo(403);
        }

        List<String> audited = server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT action FROM audit_log WHERE actor = 'pm-xem' AND detail = 'status 403'")
                .mapTo(String.class).list());
        assertThat(audited).containsAll(mutating);
        assertThat(viewerInBrowser.post("/api/logout", null).status()).isEqualTo(204);
    }

    @Test
    void refusedAndAnonymousRequestsAreAuditedWithTheirRouteTargetAndStatus() {
        ApiClient anonymous = TestServers.anonymous(server);
        assertThat(anonymous.post("/api/groups/77/members", Map.of()).status()).isEqualTo(401);
        assertThat(admin.post("/api/groups", Map.of("name", "pm-nhóm")).status()).isEqualTo(201);
        assertThat(admin.post("/api/devices/khong-co/commands", Map.of("type", "ping")).status()).isEqualTo(404);

        assertThat(entries("anonymous", "POST /api/groups/{id}/members"))
                .containsExactly("/api/groups/77/members status 401");
        assertThat(entries("admin", "POST /api/groups")).contains("null status 201");
        assertThat(entries("admin", "POST /api/devices/{id}/commands"))
                .contains("/api/devices/khong-co/commands status 404");

        JsonNode posts = admin.get("/api/audit?action=POST&actor=anonymous").json().get("items");
        assertThat(posts.findValuesAsText("action")).containsOnly("POST /api/groups/{id}/members");
        assertThat(admin.get("/api/audit?action=POST%20/api/groups&actor=admin").json().get("items")
                .findValuesAsText("action")).containsOnly("POST /api/groups");
    }

    @Test
    void aCommuneOperatorCannotActOnAnotherCommune() {
        long groupB = admin.post("/api/groups", Map.of("name", "pm-nhóm-b", "areaId", province.area("b")))
                .json().get("id").asLong();
        Map<String, Object> ping = Map.of("type", "ping");

        assertThat(operatorA.post("/api/devices/pm-loa-b/commands", ping).status()).isEqualTo(404);
        assertThat(operatorA.post("/api/areas/" + province.area("b") + "/commands", ping).status()).isEqualTo(404);
        assertThat(operatorA.post("/api/groups/" + groupB + "/commands", ping).status()).isEqualTo(404);
        assertThat(operatorA.post("/api/devices/pm-loa-a/commands", ping).status()).as("its own commune")
                .isEqualTo(202);

        for (Map<String, List<String>> targets : List.of(Map.of("areas", List.of(Long.toString(province.area("b")))),
                Map.of("devices", List.of("pm-loa-b")), Map.of("groups", List.of(Long.toString(groupB))))) {
            Response broadcast = operatorA.post("/api/broadcasts", Map.of("name", "Sang xã khác", "priority", "NORMAL",
                    "targets", targets, "source", RELAY));
            assertThat(broadcast.status()).as("broadcast to " + targets + ": " + broadcast).isIn(403, 404);
            Response schedule = operatorA.post("/api/schedules", Map.of("name", "Lịch xã khác", "source", RELAY,
                    "targets", targets, "recurrence", Map.of("repeat", "daily", "at", "06:00", "durationMinutes", 30)));
            assertThat(schedule.status()).as("schedule on " + targets + ": " + schedule).isIn(403, 404);
        }
        assertThat(admin.get("/api/broadcasts?active=true").json().toString()).doesNotContain("Sang xã khác");
    }

    @Test
    void aCommuneOperatorCannotSeeAnotherCommune() throws Exception {
        String broadcastB = admin.post("/api/broadcasts", Map.of("name", "Tin phường Bình", "priority", "NORMAL",
                "targets", Map.of("devices", List.of("pm-loa-b")), "source", RELAY)).json().get("id").asText();
        server.alarms().raise("play:pm-loa-b", "play-failed", "device:pm-loa-b", "không phát được");
        try {
            List<String> devices = operatorA.get("/api/devices?limit=1000").json().get("items").findValuesAsText("id");
            assertThat(devices).contains("pm-loa-a").doesNotContain("pm-loa-b");
            assertThat(operatorA.get("/api/devices/pm-loa-b").status()).isEqualTo(404);
            assertThat(operatorA.get("/api/devices/pm-loa-b/telemetry").status()).isEqualTo(404);
            assertThat(operatorA.get("/api/broadcasts/" + broadcastB + "/deliveries").status()).isIn(403, 404);
            assertThat(operatorA.get("/api/alarms").body()).doesNotContain("pm-loa-b");
            assertThat(operatorA.get("/api/reports/uptime?area=" + province.area("b")).status()).isEqualTo(404);
            assertThat(operatorA.get("/api/reports/airtime?area=" + province.area("b")).status()).isEqualTo(404);
            assertThat(operatorA.get("/api/reports/uptime").body()).contains("pm-loa-a").doesNotContain("pm-loa-b");
        } finally {
            server.alarms().clear("play:pm-loa-b");
            admin.send("DELETE", "/api/broadcasts/" + broadcastB, null, null);
        }

        try (EventStream feed = EventStream.open(server.httpPort(), "/api/events", operatorA.token())) {
            server.events().publish("device.offline", Map.of("deviceId", "pm-loa-b", "areaPath", province.path("b")));
            server.events().publish("device.offline", Map.of("deviceId", "pm-loa-a", "areaPath", province.path("a1")));
            assertThat(feed.next("device.offline", Duration.ofSeconds(10)).json().get("deviceId").asText())
                    .as("the other commune's event never arrives").isEqualTo("pm-loa-a");
        }
    }

    private static List<String> entries(String actor, String action) {
        return server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COALESCE(target, 'null') || ' ' || detail FROM audit_log WHERE actor = :actor AND action = :action")
                .bind("actor", actor).bind("action", action).mapTo(String.class).list());
    }

    private static String method(String endpoint) {
        return endpoint.substring(0, endpoint.indexOf(' '));
    }

    private static String path(String endpoint) {
        return endpoint.substring(endpoint.indexOf(' ') + 1);
    }
}
