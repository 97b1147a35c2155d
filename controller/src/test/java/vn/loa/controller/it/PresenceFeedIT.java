package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.events.EventRoutes;
import vn.loa.controller.report.PresenceHistory;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.EventStream;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.TestServers;
import vn.loa.sim.Fleet;

/**
 * A simulated speaker going online and offline through the real broker: the consoles that may see it are told at
 * once, the presence history records it, and the uptime report counts the outage.
 */
class PresenceFeedIT extends LiveControlPlaneTest {
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    @Test
    void aSpeakerComingAndGoingReachesTheFeedTheHistoryAndTheUptimeReport() throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        loa.importSerials("it-a-1", "IT-FEED-1");
        TestServers.createUser(loa.server, "feed-viewer-b", "feed-viewer-b-pass", Role.VIEWER, loa.areaId("it-b"));
        ApiClient viewerB = TestServers.anonymous(loa.server).login("feed-viewer-b", "feed-viewer-b-pass");
        String deviceId = loa.device("IT-FEED-1").get("id").asText();

        try (EventStream everything = EventStream.open(loa.server.httpPort(), EventRoutes.PATH, loa.admin.token());
             EventStream otherWard = EventStream.open(loa.server.httpPort(),
                     EventRoutes.PATH + "?token=" + viewerB.token(), null)) {
            Poll.until("consoles attached", EVENT_WAIT, () -> loa.server.events().clients() >= 2);
            try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("IT-FEED-1").build())) {
                JsonNode online = next(everything, PresenceHistory.ONLINE_EVENT, deviceId);
                assertThat(online.get("areaPath").asText()).endsWith("/" + loa.areaId("it-a-1") + "/");
                fleet.speakers().get(0).powerOff();
                next(everything, PresenceHistory.OFFLINE_EVENT, deviceId);
            }
            loa.server.events().publish("marker", Map.of());
            assertThat(otherWard.typesBefore("marker", EVENT_WAIT))
                    .doesNotContain(PresenceHistory.ONLINE_EVENT, PresenceHistory.OFFLINE_EVENT);
        }

        List<Boolean> history = loa.server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT online FROM presence_events WHERE device_id = :id ORDER BY id")
                .bind("id", deviceId).mapTo(Boolean.class).list());
        assertThat(history).containsExactly(true, false);
        JsonNode report = loa.admin.get("/api/reports/uptime?area=" + loa.areaId("it-a") + "&from=" + started)
                .json();
        JsonNode row = null;
        for (JsonNode item : report.get("items")) {
            row = item.get("id").asText().equals(deviceId) ? item : row;
        }
        assertThat(row).as("the speaker is in the report").isNotNull();
        assertThat(row.get("disconnects").asInt()).isEqualTo(1);
        assertThat(row.get("onlineShare").asDouble()).isStrictlyBetween(0.0, 1.0);
    }

    /** The next event of this type about this device. */
    private static JsonNode next(EventStream stream, String type, String deviceId) {
        while (true) {
            JsonNode data = stream.next(type, EVENT_WAIT).json();
            if (data.get("deviceId").asText().equals(deviceId)) {
                return data;
            }
        }
    }
}
