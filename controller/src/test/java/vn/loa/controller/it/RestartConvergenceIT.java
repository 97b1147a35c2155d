package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.it.LiveControlPlane.expect;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.server.LoaServer;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.TestServers;
import vn.loa.sim.Fleet;
import vn.loa.sim.FleetOptions;
import vn.loa.sim.SimulatedSpeaker;

/**
 * The broker keeps sessions and retained messages in memory (the default), so a server restart loses the retained
 * desired states: the server publishes them again as it starts, and a speaker that comes back with nothing (a
 * fresh simulator, as after a power cut that wiped its settings) converges to what was decided before the restart.
 */
class RestartConvergenceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SERIAL = "IT-RESTART-1";

    @TempDir
    Path dir;

    @Test
    void aSpeakerThatLostItsSettingsGetsTheDesiredStateDecidedBeforeTheRestart() throws Exception {
        Path data = dir.resolve("server");
        Path credentials = dir.resolve("credentials.json");
        long version;
        long group;
        try (LoaServer server = start(data)) {
            ApiClient admin = TestServers.admin(server);
            expect(admin.post("/api/areas/import", Map.of("name", "Xã Khởi Động Lại", "kind", "commune",
                    "code", "it-restart")), 200);
            expect(admin.send("POST", "/api/devices/import", "serial,area_code\n" + SERIAL + ",it-restart\n",
                    "text/csv; charset=utf-8"), 200);
            try (Fleet fleet = online(server, credentials)) {
                SimulatedSpeaker speaker = fleet.speakers().get(0);
                group = admin.post("/api/groups", Map.of("name", "Cụm chợ")).json().get("id").asLong();
                expect(admin.post("/api/groups/" + group + "/members",
                        Map.of("deviceIds", List.of(speaker.deviceId()))), 200);
                expect(admin.send("PUT", "/api/devices/" + speaker.deviceId() + "/desired",
                        ApiClient.toJson(Map.of("volume", 23)), "application/json"), 200);
                version = admin.get("/api/devices/" + speaker.deviceId()).json().get("desired").get("version")
                        .asLong();
                Poll.until("the speaker to apply the desired state", WAIT,
                        () -> speaker.volume() == 23 && Long.valueOf(version).equals(speaker.desiredVersion()));
            }
        }

        try (LoaServer server = start(data); Fleet fresh = online(server, credentials)) {
            SimulatedSpeaker speaker = fresh.speakers().get(0);
            Poll.until("the fresh speaker to converge to the state decided before the restart", WAIT,
                    () -> speaker.volume() == 23 && Long.valueOf(version).equals(speaker.desiredVersion())
                            && speaker.subscribedGroups().contains(Long.toString(group)));

            ApiClient admin = TestServers.admin(server);
            String id = expect(admin.post("/api/groups/" + group + "/commands", Map.of("type", "ping")), 202).json()
                    .get("id").asText();
            assertThat(admin.get("/api/commands/" + id + "?wait=20000").json().get("summary").get("ok").asInt())
                    .as("the group's command reaches it through its renewed subscription").isEqualTo(1);
        }
    }

    private static LoaServer start(Path data) {
        return TestServers.start(data, Map.of(), Clock.systemUTC());
    }

    private static Fleet online(LoaServer server, Path credentials) throws Exception {
        FleetOptions options = FleetOptions.builder().serials(List.of(SERIAL))
                .serverUri("tcp://127.0.0.1:" + server.broker().mqttPort())
                .provisioningKey(server.provisioningKey())
                .credentialsFile(credentials)
                .telemetryPeriod(Duration.ofSeconds(2))
                .willDelaySeconds(2)
                .build();
        Fleet fleet = Fleet.create(options);
        fleet.start();
        if (!fleet.awaitConnected(1, WAIT)) {
            fleet.close();
            throw new AssertionError("the speaker did not come online: " + fleet.stats());
        }
        return fleet;
    }
}
