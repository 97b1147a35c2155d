package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.it.LiveControlPlane.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.loa.controller.testing.ApiClient;
import vn.loa.controller.testing.Poll;
import vn.loa.sim.Fleet;
import vn.loa.sim.SimulatedSpeaker;

/** Desired state set while a speaker is away is what it converges to when it comes back, without a command. */
class DesiredStateIT extends LiveControlPlaneTest {
    private static final Duration WAIT = Duration.ofSeconds(20);


    @Test
    void aReconnectingSpeakerConvergesToWhatWasDecidedWhileItWasOffline() throws Exception {
        loa.importSerials("it-a-2", "IT-DES-1");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("IT-DES-1").build())) {
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            speaker.stop();
            Poll.until("offline", WAIT, () -> !loa.online("IT-DES-1"));

            String json = ApiClient.toJson(Map.of("volume", 23, "muted", true));
            expect(loa.admin.send("PUT", "/api/devices/" + speaker.deviceId() + "/desired", json,
                    "application/json"), 200);
            long version = loa.device("IT-DES-1").get("desired").get("version").asLong();
            assertThat(version).isPositive();

            speaker.start();
            assertThat(fleet.awaitConnected(1, WAIT)).isTrue();
            Poll.until("the speaker to apply the desired state", WAIT,
                    () -> speaker.volume() == 23 && speaker.muted() && Long.valueOf(version).equals(speaker.desiredVersion()));
            Poll.until("the server to see the reported version", WAIT, () -> {
                JsonNode state = loa.device("IT-DES-1").get("state");
                return state.get("desiredVersion").asLong() == version && state.get("volume").asInt() == 23;
            });
        }
    }

    @Test
    void areaDesiredStateReachesEverySpeakerOfTheSubtree() throws Exception {
        loa.importSerials("it-b", "IT-DES-2", "IT-DES-3");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("IT-DES-2", "IT-DES-3").build())) {
            String json = ApiClient.toJson(Map.of("volume", 64));
            expect(loa.admin.send("PUT", "/api/areas/" + loa.areaId("it-b") + "/desired", json, "application/json"),
                    200);
            Poll.until("both speakers at volume 64", WAIT,
                    () -> fleet.speakers().stream().allMatch(s -> s.volume() == 64));
        }
    }

    @Test
    void joiningAndLeavingAGroupIsFollowedByTheSpeakersSubscriptions() throws Exception {
        loa.importSerials("it-a-1", "IT-DES-4");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("IT-DES-4").build())) {
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            long group = loa.admin.post("/api/groups", Map.of("name", "Nhóm thử " + System.nanoTime())).json()
                    .get("id").asLong();
            expect(loa.admin.post("/api/groups/" + group + "/members",
                    Map.of("deviceIds", List.of(speaker.deviceId()))), 200);
            Poll.until("subscribed to the group", WAIT,
                    () -> speaker.subscribedGroups().contains(Long.toString(group)));

            expect(loa.admin.send("DELETE", "/api/groups/" + group + "/members/" + speaker.deviceId(), null, null),
                    204);
            Poll.until("left the group", WAIT, () -> !speaker.subscribedGroups().contains(Long.toString(group)));
            assertThat(loa.device("IT-DES-4").get("groups")).isEmpty();
            assertThat(loa.admin.post("/api/groups/" + group + "/commands", Map.of("type", "ping")).status())
                    .as("a group without members has nobody to command").isEqualTo(409);
        }
    }
}
