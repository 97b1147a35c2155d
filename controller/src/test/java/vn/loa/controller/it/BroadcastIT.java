package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.loa.controller.it.LiveControlPlane.expect;
import static vn.loa.controller.it.LiveControlPlane.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.TestAudio;
import vn.loa.sim.Fleet;
import vn.loa.sim.SimulatedSpeaker;
import vn.loa.sim.audio.PlaybackRecord;
import vn.loa.sim.audio.PlaybackStats;

/**
 * Broadcasts on simulated speakers: per-speaker arbitration of NORMAL, PRIORITY and EMERGENCY over overlapping
 * areas, resuming after the higher one ends, a speaker that reboots mid-broadcast, one added to a targeted group.
 */
class BroadcastIT extends LiveControlPlaneTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    /** A rebooted speaker must be playing again this soon after it is back online (the 2 s). */
    static final Duration REJOIN_WITHIN = Duration.ofSeconds(2);
    static long tone;

    @BeforeAll
    static void uploadTone() {
        Multipart body = new Multipart().file("file", "ban-tin.wav", TestAudio.toneWav(440, 2_400))
                .field("title", "Bản tin thử");
        tone = expect(loa.admin.sendBytes("POST", "/api/media", body.bytes(), body.contentType()), 201)
                .json().get("id").asLong();
    }

    @Test
    void eachSpeakerPlaysTheBroadcastItsPriorityWinsAndResumesWhenTheHigherOneEnds() throws Exception {
        loa.importSerials("it-a-1", "BC-A1", "BC-A2");
        loa.importSerials("it-a-2", "BC-A3");
        loa.importSerials("it-b", "BC-B1");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("BC-A1", "BC-A2", "BC-A3", "BC-B1").build())) {
            Map<String, SimulatedSpeaker> s = bySerial(fleet);
            String communeA = Long.toString(loa.areaId("it-a"));
            String province = Long.toString(loa.areaId("it"));

            JsonNode n1 = start("Bản tin xã An", Map.of("areas", List.of(communeA)), "NORMAL");
            awaitPlaying(n1, s.get("BC-A1"), s.get("BC-A2"), s.get("BC-A3"));

            JsonNode n2 = start("Bản tin tỉnh", Map.of("areas", List.of(province)), "NORMAL");
            awaitPlaying(n2, s.get("BC-B1"));
            assertPlaying(n1, s.get("BC-A1"), s.get("BC-A2"), s.get("BC-A3")); // equal priority: the one playing wins
            JsonNode n1Now = json(loa.admin.get("/api/broadcasts/" + id(n1))).get("onAir");
            assertThat(n1Now.get("holding").asInt()).isEqualTo(n1Now.get("targeted").asInt());
            assertThat(json(loa.admin.get("/api/broadcasts/" + id(n2))).get("onAir").get("waiting").asInt())
                    .as("every speaker of the commune waits in the province's broadcast")
                    .isEqualTo(n1Now.get("holding").asInt());

            JsonNode p = start("Thông báo ưu tiên", Map.of("areas", List.of(Long.toString(loa.areaId("it-a-1")))),
                    "PRIORITY");
            awaitPlaying(p, s.get("BC-A1"), s.get("BC-A2"));
            assertPlaying(n1, s.get("BC-A3"));

            JsonNode e = start("Khẩn cấp", Map.of("devices", List.of(s.get("BC-A2").deviceId(),
                    s.get("BC-B1").deviceId())), "EMERGENCY");
            assertThat(e.get("volume").asInt()).isEqualTo(100);
            awaitPlaying(e, s.get("BC-A2"), s.get("BC-B1"));
            assertPlaying(p, s.get("BC-A1"));

            stop(e);
            awaitPlaying(p, s.get("BC-A2"));
            awaitPlaying(n2, s.get("BC-B1"));

            stop(p);
            awaitPlaying(n1, s.get("BC-A1"), s.get("BC-A2"), s.get("BC-A3"));

            stop(n1);
            awaitPlaying(n2, s.get("BC-A1"), s.get("BC-A2"), s.get("BC-A3"), s.get("BC-B1"));
            stop(n2);
            Poll.until("every speaker to stop", WAIT, () -> s.values().stream()
                    .noneMatch(sp -> sp.playback().map(PlaybackStats::playing).orElse(false)));

            Map<String, JsonNode> pDeliveries = deliveries(p);
            assertThat(pDeliveries.get(s.get("BC-A1").deviceId()).get("outcome").asText()).isEqualTo("played");
            assertThat(pDeliveries.get(s.get("BC-A2").deviceId()).get("outcome").asText()).isEqualTo("preempted");
            assertThat(pDeliveries.get(s.get("BC-A2").deviceId()).get("preemptions").asInt()).isEqualTo(1);
            Map<String, JsonNode> n2Deliveries = deliveries(n2);
            for (SimulatedSpeaker speaker : s.values()) {
                assertThat(n2Deliveries.get(speaker.deviceId()).get("secondsPlayed").asDouble()).isGreaterThan(0);
            }
            n2Deliveries.forEach((device, row) -> { // speakers of other tests in the province, gone by now, or
                if (s.values().stream().noneMatch(sp -> sp.deviceId().equals(device))) { // held by the commune's
                    assertThat(row.get("outcome").asText()).as(row.toString()).isIn("offline", "preempted", "failed");
                    assertThat(row.get("secondsPlayed").asDouble()).as(row.toString()).isZero();
                }
            });
            JsonNode e2 = json(loa.admin.get("/api/broadcasts/" + id(e)));
            assertThat(e2.get("status").asText()).isEqualTo("ended");
            assertThat(e2.get("endReason").asText()).isEqualTo("stopped");
            assertThat(e2.get("outcomes").get("played").asInt()).isEqualTo(2);
            Map<String, JsonNode> n1Deliveries = deliveries(n1);
            for (String serial : List.of("BC-A1", "BC-A2", "BC-A3")) {
                JsonNode row = n1Deliveries.get(s.get(serial).deviceId());
                assertThat(row.get("secondsPlayed").asDouble()).as(row.toString()).isGreaterThan(0);
            }
        }
    }

    @Test
    void aSpeakerThatRebootsRejoinsAndOneAddedToTheTargetedGroupJoins() throws Exception {
        loa.importSerials("it-b", "BC-R1", "BC-R2");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("BC-R1", "BC-R2").build())) {
            Map<String, SimulatedSpeaker> s = bySerial(fleet);
            String group = expect(loa.admin.post("/api/groups", Map.of("name", "Loa chợ")), 201).json()
                    .get("id").asText();
            expect(loa.admin.post("/api/groups/" + group + "/members",
                    Map.of("deviceIds", List.of(s.get("BC-R1").deviceId()))), 200);
            JsonNode b = start("Phát thanh chợ", Map.of("groups", List.of(group)), "NORMAL");
            awaitPlaying(b, s.get("BC-R1"));

            expect(loa.admin.post("/api/groups/" + group + "/members",
                    Map.of("deviceIds", List.of(s.get("BC-R2").deviceId()))), 200);
            awaitPlaying(b, s.get("BC-R2"));

            SimulatedSpeaker rebooting = s.get("BC-R1");
            assertThat(rebooting.reboot()).isTrue();
            Poll.until("the speaker to come back", WAIT, rebooting::connected);
            long back = System.nanoTime();
            awaitPlaying(b, rebooting);
            Duration rejoin = Duration.ofNanos(System.nanoTime() - back);
            assertThat(rejoin).as("playing again after reconnecting").isLessThan(REJOIN_WITHIN);
            stop(b);
        }
    }

    @Test
    void anEmergencyPlaysAtFullVolumeAndEachSpeakerGetsItsOwnVolumeBack() throws Exception {
        loa.importSerials("it-a-2", "BC-V1", "BC-V2");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("BC-V1", "BC-V2").build())) {
            Map<String, SimulatedSpeaker> s = bySerial(fleet);
            setVolume(s.get("BC-V1"), 40);
            setVolume(s.get("BC-V2"), 65);
            JsonNode normal = start("Nhạc", Map.of("devices", List.of(s.get("BC-V1").deviceId())), "NORMAL");
            awaitPlaying(normal, s.get("BC-V1"));
            assertThat(s.get("BC-V1").volume()).isEqualTo(40);

            JsonNode emergency = start("Bão số 9", Map.of("devices", List.of(s.get("BC-V1").deviceId(),
                    s.get("BC-V2").deviceId())), "EMERGENCY");
            awaitPlaying(emergency, s.get("BC-V1"), s.get("BC-V2"));
            for (SimulatedSpeaker speaker : s.values()) {
                assertThat(speaker.volume()).as(speaker.serial()).isEqualTo(100);
                assertThat(speaker.amplifier()).as(speaker.serial()).isTrue();
                assertThat(speaker.muted()).as(speaker.serial()).isFalse();
            }
            stop(emergency);
            awaitPlaying(normal, s.get("BC-V1"));
            Poll.until("the second speaker to stop", WAIT, () -> s.get("BC-V2").playback()
                    .map(p -> !p.playing()).orElse(true));
            assertThat(s.get("BC-V1").volume()).isEqualTo(40);
            assertThat(s.get("BC-V2").volume()).isEqualTo(65);
            stop(normal);
        }
    }

    @Test
    void proofOfPlayMatchesWhatTheSpeakersPlayedWithinASecond() throws Exception {
        loa.importSerials("it-a-1", "BC-P1", "BC-P2");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("BC-P1", "BC-P2").build())) {
            Map<String, SimulatedSpeaker> s = bySerial(fleet);
            List<String> both = List.of(s.get("BC-P1").deviceId(), s.get("BC-P2").deviceId());
            JsonNode bulletin = start("Bản tin sáng", Map.of("devices", both), "NORMAL");
            Set<String> streams = new HashSet<>();
            awaitPlaying(bulletin, s.get("BC-P1"), s.get("BC-P2"));
            streams.addAll(streamsOf(bulletin));
            Thread.sleep(2_000); // let the bulletin play a while before it is interrupted
            JsonNode urgent = start("Thông báo gấp", Map.of("devices", List.of(both.get(0))), "PRIORITY");
            awaitPlaying(urgent, s.get("BC-P1"));
            Thread.sleep(1_500);
            stop(urgent);
            awaitPlaying(bulletin, s.get("BC-P1"));
            streams.addAll(streamsOf(bulletin));
            Thread.sleep(1_500);
            stop(bulletin);
            Poll.until("both speakers to stop", WAIT, () -> s.values().stream()
                    .noneMatch(sp -> sp.playback().map(PlaybackStats::playing).orElse(false)));

            Map<String, JsonNode> rows = deliveries(bulletin);
            for (SimulatedSpeaker speaker : s.values()) {
                double played = speaker.history().stream().filter(r -> streams.contains(r.streamId()))
                        .mapToDouble(PlaybackRecord::playedSeconds).sum();
                JsonNode row = rows.get(speaker.deviceId());
                assertThat(row.get("secondsPlayed").asDouble()).as(speaker.serial() + " " + row)
                        .isCloseTo(played, within(1.0));
            }
            assertThat(rows.get(both.get(0)).get("outcome").asText()).isEqualTo("preempted");
            assertThat(rows.get(both.get(1)).get("outcome").asText()).isEqualTo("played");
        }
    }

    static void setVolume(SimulatedSpeaker speaker, int volume) {
        loa.command("/api/devices/" + speaker.deviceId(), Map.of("type", "volume", "value", volume));
        Poll.until(speaker.serial() + " at volume " + volume, WAIT, () -> speaker.volume() == volume);
    }

    static List<String> streamsOf(JsonNode broadcast) {
        List<String> streams = new ArrayList<>();
        json(loa.admin.get("/api/broadcasts/" + id(broadcast))).path("onAir").path("streams")
                .forEach(st -> streams.add(st.asText()));
        return streams;
    }

    static JsonNode start(String name, Map<String, List<String>> targets, String priority) {
        return expect(loa.admin.post("/api/broadcasts", Map.of("name", name, "priority", priority,
                "targets", targets, "source", Map.of("type", "media", "media", List.of(tone), "loop", true))), 201)
                .json();
    }

    static void stop(JsonNode broadcast) {
        json(loa.admin.send("DELETE", "/api/broadcasts/" + id(broadcast), null, null));
    }

    static String id(JsonNode broadcast) {
        return broadcast.get("id").asText();
    }

    /** Waits until each speaker plays audio of one of the broadcast's streams. */
    static void awaitPlaying(JsonNode broadcast, SimulatedSpeaker... speakers) {
        for (SimulatedSpeaker speaker : speakers) {
            Poll.until(speaker.serial() + " to play " + broadcast.get("name").asText(), WAIT,
                    () -> playsOneOf(broadcast, speaker));
        }
    }

    static void assertPlaying(JsonNode broadcast, SimulatedSpeaker... speakers) {
        for (SimulatedSpeaker speaker : speakers) {
            assertThat(playsOneOf(broadcast, speaker)).as(speaker.serial() + " plays " + broadcast.get("name"))
                    .isTrue();
        }
    }

    private static boolean playsOneOf(JsonNode broadcast, SimulatedSpeaker speaker) {
        Optional<PlaybackStats> playback = speaker.playback();
        return playback.isPresent() && playback.get().playing()
                && streamsOf(broadcast).contains(playback.get().streamId());
    }

    static Map<String, JsonNode> deliveries(JsonNode broadcast) {
        Map<String, JsonNode> rows = new HashMap<>();
        json(loa.admin.get("/api/broadcasts/" + id(broadcast) + "/deliveries")).get("items")
                .forEach(row -> rows.put(row.get("deviceId").asText(), row));
        return rows;
    }

    static Map<String, SimulatedSpeaker> bySerial(Fleet fleet) {
        Map<String, SimulatedSpeaker> bySerial = new HashMap<>();
        fleet.speakers().forEach(sp -> bySerial.put(sp.serial(), sp));
        return bySerial;
    }
}
