package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.it.LiveControlPlane.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.dashboard.Dashboard;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.TestAudio;
import vn.loa.controller.testing.TestServers;
import vn.loa.sim.Fleet;

/**
 * The dashboard over simulated speakers: counts per child area from the live state (a speaker powered off leaves
 * the online count), the broadcasts on air and the alarms, each as far as the caller's area reaches.
 */
class DashboardIT extends LiveControlPlaneTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void countsFollowTheFleetAndEachUserSeesOnlyItsArea() throws Exception {
        loa.importSerials("it-a-1", "DASH-1", "DASH-2", "DASH-3");
        loa.importSerials("it-b", "DASH-4");
        pendingSpeaker("dash-pending", loa.areaId("it-b"));
        TestServers.createUser(loa.server, "dash-viewer-b", "dash-viewer-b-pass", Role.VIEWER, loa.areaId("it-b"));
        ApiClient viewerB = TestServers.anonymous(loa.server).login("dash-viewer-b", "dash-viewer-b-pass");
        long communeA = loa.areaId("it-a");

        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("DASH-1", "DASH-2").build())) {
            JsonNode everything = dashboard(loa.admin, "");
            assertThat(everything.get("area").isNull()).isTrue();
            assertCounts(everything.get("totals"), 5, 2, 2, 1);
            assertThat(everything.get("areas")).hasSize(1);
            JsonNode province = everything.get("areas").get(0);
            assertThat(province.get("id").asLong()).isEqualTo(loa.areaId("it"));
            assertThat(province.get("kind").asText()).isEqualTo("province");
            assertCounts(province, 5, 2, 2, 1);

            JsonNode commune = dashboard(loa.admin, "?area=" + communeA);
            assertThat(commune.get("area").get("name").asText()).isEqualTo("Xã An");
            assertThat(commune.get("area").get("kind").asText()).isEqualTo("commune");
            assertCounts(commune.get("totals"), 3, 2, 1, 0);
            assertThat(commune.get("areas").findValuesAsText("name")).containsExactly("Thôn Hai", "Thôn Một");
            assertCounts(row(commune, loa.areaId("it-a-1")), 3, 2, 1, 0);
            assertCounts(row(commune, loa.areaId("it-a-2")), 0, 0, 0, 0);

            JsonNode ward = dashboard(viewerB, "");
            assertThat(ward.get("area").get("id").asLong()).as("a scoped user starts at its own area")
                    .isEqualTo(loa.areaId("it-b"));
            assertCounts(ward.get("totals"), 2, 0, 1, 1);
            assertThat(ward.get("areas")).isEmpty();
            assertThat(viewerB.get("/api/dashboard?area=" + communeA).status()).as("another commune").isEqualTo(404);

            String broadcast = onAirInCommuneA();
            loa.server.alarms().raise("test:dash", "test", "device:" + loa.device("DASH-1").get("id").asText(),
                    "a speaker of Thôn Một needs a look");
            JsonNode withActivity = dashboard(loa.admin, "?area=" + communeA);
            assertThat(withActivity.get("activeBroadcasts").findValuesAsText("id")).containsExactly(broadcast);
            assertThat(withActivity.get("emergencies")).isEmpty();
            assertThat(withActivity.get("alarms").findValuesAsText("key")).containsExactly("test:dash");
            JsonNode wardActivity = dashboard(viewerB, "");
            assertThat(wardActivity.get("activeBroadcasts")).as("the broadcast reaches no speaker of it-b").isEmpty();
            assertThat(wardActivity.get("alarms")).isEmpty();

            fleet.speakers().get(0).powerOff();
            Poll.until("the powered-off speaker counted offline", WAIT,
                    () -> dashboard(loa.admin, "?area=" + communeA).get("totals").get("online").asLong() == 1);
            assertCounts(dashboard(loa.admin, "?area=" + communeA).get("totals"), 3, 1, 2, 0);
        }
    }

    @Test
    void theDashboardListsAlarmsUpToItsLimit() {
        List<String> keys = IntStream.rangeClosed(0, Dashboard.MAX_LISTED).mapToObj(i -> "test:many-" + i).toList();
        try {
            keys.forEach(key -> loa.server.alarms().raise(key, "test", "broadcast:none", "one of many"));
            JsonNode alarms = dashboard(loa.admin, "").get("alarms");
            assertThat(alarms).hasSize(Dashboard.MAX_LISTED);
        } finally {
            keys.forEach(key -> loa.server.alarms().clear(key));
        }
    }

    @Test
    void aBadAreaIsRefused() {
        assertThat(loa.admin.get("/api/dashboard?area=abc").status()).isEqualTo(400);
        assertThat(loa.admin.get("/api/dashboard?area=987654").status()).isEqualTo(404);
        assertThat(TestServers.anonymous(loa.server).get("/api/dashboard").status()).isEqualTo(401);
    }

    /** An approved item (the admin uploads it) broadcast to commune A; its id. */
    private static String onAirInCommuneA() {
        Multipart body = new Multipart().file("file", "dash.wav", TestAudio.toneWav(440, 5_000));
        long tone = expect(loa.admin.sendBytes("POST", "/api/media", body.bytes(), body.contentType()), 201)
                .json().get("id").asLong();
        return expect(loa.admin.post("/api/broadcasts", Map.of("name", "Bản tin xã An", "source",
                Map.of("type", "media", "media", List.of(tone)), "targets",
                Map.of("areas", List.of(Long.toString(loa.areaId("it-a")))))), 201).json().get("id").asText();
    }

    private static JsonNode dashboard(ApiClient client, String query) {
        return expect(client.get("/api/dashboard" + query), 200).json();
    }

    private static JsonNode row(JsonNode dashboard, long areaId) {
        for (JsonNode row : dashboard.get("areas")) {
            if (row.get("id").asLong() == areaId) {
                return row;
            }
        }
        throw new AssertionError("no row for area " + areaId + " in " + dashboard);
    }

    private static void assertCounts(JsonNode counts, long total, long online, long offline, long pending) {
        assertThat(List.of(counts.get("total").asLong(), counts.get("online").asLong(),
                counts.get("offline").asLong(), counts.get("pending").asLong())).as(counts.toString())
                .containsExactly(total, online, offline, pending);
    }

    /** A device waiting for an approver, as an unknown serial asking to provision leaves it. */
    private static void pendingSpeaker(String id, long areaId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        loa.server.jdbi().useHandle(h -> h.createUpdate("INSERT INTO devices (id, serial, status, area_id,"
                        + " created_at, updated_at) VALUES (:id, :serial, 'pending', :area, :now, :now)")
                .bind("id", id).bind("serial", "SN-" + id).bind("area", areaId).bind("now", now).execute());
    }
}
