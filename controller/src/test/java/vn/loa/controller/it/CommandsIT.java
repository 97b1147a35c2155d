package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.it.LiveControlPlane.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.auth.Role;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.TestServers;
import vn.loa.sim.Faults;
import vn.loa.sim.Fleet;
import vn.loa.sim.SimulatedSpeaker;

/** Commands to one device, a group and an area subtree, answered by simulated speakers through the broker. */
class CommandsIT extends LiveControlPlaneTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Fleet fleet;

    @BeforeAll
    static void provisionSpeakers() throws Exception {
        loa.importSerials("it-a-1", "IT-CMD-A1", "IT-CMD-A2");
        loa.importSerials("it-a-2", "IT-CMD-A3");
        loa.importSerials("it-b", "IT-CMD-B1", "IT-CMD-B2");
        fleet = loa.onlineFleet(loa.fleetOptions("IT-CMD-A1", "IT-CMD-A2", "IT-CMD-A3", "IT-CMD-B1", "IT-CMD-B2")
                .build());
    }

    @AfterAll
    static void stopSpeakers() throws Exception {
        fleet.close();
    }

    @Test
    void aDeviceCommandIsAppliedAndAnswered() {
        SimulatedSpeaker speaker = speaker("IT-CMD-A1");
        JsonNode done = loa.command("/api/devices/" + speaker.deviceId(), Map.of("type", "volume", "value", 41));
        assertThat(results(done)).containsExactly(Map.entry(speaker.deviceId(), "ok"));
        assertThat(done.get("results").get(0).get("latencyMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(speaker.volume()).isEqualTo(41);

        loa.command("/api/devices/" + speaker.deviceId(), Map.of("type", "amplifier", "value", false));
        assertThat(speaker.amplifier()).isFalse();
        assertThat(results(loa.command("/api/devices/" + speaker.deviceId(), Map.of("type", "ping"))))
                .containsValue("ok");
    }

    @Test
    void anAreaCommandReachesEveryDeviceOfTheSubtreeAndNoOther() {
        JsonNode done = loa.command("/api/areas/" + loa.areaId("it-a"), Map.of("type", "volume", "value", 55));
        assertThat(results(done)).containsOnlyKeys(ids("IT-CMD-A1", "IT-CMD-A2", "IT-CMD-A3")).containsValues("ok");
        assertThat(done.get("summary").get("ok").asInt()).isEqualTo(3);
        assertThat(List.of(speaker("IT-CMD-A1"), speaker("IT-CMD-A2"), speaker("IT-CMD-A3")))
                .allMatch(s -> s.volume() == 55);
        assertThat(List.of(speaker("IT-CMD-B1"), speaker("IT-CMD-B2"))).noneMatch(s -> s.volume() == 55);
    }

    @Test
    void aGroupCommandReachesTheMembersThroughTheGroupTopic() {
        long group = loa.admin.post("/api/groups", Map.of("name", "Loa chợ " + System.nanoTime())).json()
                .get("id").asLong();
        List<String> members = ids("IT-CMD-A2", "IT-CMD-B1");
        expect(loa.admin.post("/api/groups/" + group + "/members", Map.of("deviceIds", members)), 200);
        Poll.until("members to subscribe to the group topic", WAIT, () ->
                speaker("IT-CMD-A2").subscribedGroups().contains(Long.toString(group))
                        && speaker("IT-CMD-B1").subscribedGroups().contains(Long.toString(group)));

        JsonNode done = loa.command("/api/groups/" + group, Map.of("type", "mute"));
        assertThat(results(done)).containsOnlyKeys(members);
        assertThat(results(done).values()).as("every member's result").containsOnly("ok");
        assertThat(speaker("IT-CMD-A2").muted()).isTrue();
        assertThat(speaker("IT-CMD-B1").muted()).isTrue();
        assertThat(speaker("IT-CMD-A1").muted()).as("not a member").isFalse();
        loa.command("/api/groups/" + group, Map.of("type", "unmute"));
        assertThat(speaker("IT-CMD-B1").muted()).isFalse();
    }

    @Test
    void anOfflineDeviceIsReportedOfflineAtOnce() throws Exception {
        loa.importSerials("it-b", "IT-CMD-OFF");
        try (Fleet lone = loa.onlineFleet(loa.fleetOptions("IT-CMD-OFF").build())) {
            SimulatedSpeaker speaker = lone.speakers().get(0);
            speaker.powerOff();
            Poll.until("offline after the Will delay", WAIT, () -> !loa.online("IT-CMD-OFF"));
            JsonNode done = loa.command("/api/devices/" + speaker.deviceId(), Map.of("type", "ping"));
            assertThat(results(done)).containsExactly(Map.entry(speaker.deviceId(), "offline"));
        }
    }

    @Test
    void aDeviceThatNeverAnswersTimesOut() throws Exception {
        loa.importSerials("it-b", "IT-CMD-MUTE");
        try (Fleet silent = loa.onlineFleet(loa.fleetOptions("IT-CMD-MUTE")
                .faults(Faults.NONE.withNeverAckShare(1.0)).build())) {
            SimulatedSpeaker speaker = silent.speakers().get(0);
            JsonNode done = loa.command("/api/devices/" + speaker.deviceId(), Map.of("type", "ping", "expiresIn", 2));
            assertThat(results(done)).containsExactly(Map.entry(speaker.deviceId(), "timed_out"));
            assertThat(speaker.commandsReceived()).isPositive();
        }
    }

    @Test
    void aViewerCannotCommand() {
        TestServers.createUser(loa.server, "it-viewer", "viewer-password-1", Role.VIEWER, null);
        ApiClient viewer = TestServers.anonymous(loa.server).login("it-viewer", "viewer-password-1");
        assertThat(viewer.post("/api/areas/" + loa.areaId("it") + "/commands", Map.of("type", "ping")).status())
                .isEqualTo(403);
    }

    private static SimulatedSpeaker speaker(String serial) {
        return fleet.speaker(serial).orElseThrow();
    }

    private static List<String> ids(String... serials) {
        return Arrays.stream(serials).map(s -> speaker(s).deviceId()).toList();
    }

    private static Map<String, String> results(JsonNode command) {
        Map<String, String> byDevice = new HashMap<>();
        command.get("results").forEach(r -> byDevice.put(r.get("deviceId").asText(), r.get("status").asText()));
        return byDevice;
    }
}
