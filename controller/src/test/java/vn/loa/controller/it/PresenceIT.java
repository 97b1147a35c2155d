package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.loa.controller.testing.Poll;
import vn.loa.sim.Fleet;
import vn.loa.sim.Phase;
import vn.loa.sim.SimulatedSpeaker;

/** Online and offline as the server sees them: a blip shorter than the Will delay is not an outage. */
class PresenceIT extends LiveControlPlaneTest {
    private static final int WILL_DELAY_SECONDS = 4;


    @Test
    void aLostSpeakerGoesOfflineOnlyAfterItsWillDelay() throws Exception {
        loa.importSerials("it-a-1", "IT-PRES-1");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("IT-PRES-1").willDelaySeconds(WILL_DELAY_SECONDS)
                .build())) {
            Poll.until("online", LiveControlPlane.CONNECT, () -> loa.online("IT-PRES-1"));
            long cut = System.nanoTime();
            fleet.speakers().get(0).powerOff();
            assertThat(loa.online("IT-PRES-1")).as("still online right after the cut: maybe a blip").isTrue();
            Poll.until("offline", Duration.ofSeconds(WILL_DELAY_SECONDS + 15), () -> !loa.online("IT-PRES-1"));
            assertThat(Duration.ofNanos(System.nanoTime() - cut)).isGreaterThanOrEqualTo(
                    Duration.ofSeconds(WILL_DELAY_SECONDS).minusMillis(500));
            assertThat(loa.device("IT-PRES-1").get("lastSeen").isNull()).isFalse();
        }
    }

    @Test
    void aBlipShorterThanTheWillDelayKeepsTheSpeakerOnline() throws Exception {
        loa.importSerials("it-a-1", "IT-PRES-2");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("IT-PRES-2").willDelaySeconds(WILL_DELAY_SECONDS)
                .build())) {
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            Poll.until("online", LiveControlPlane.CONNECT, () -> loa.online("IT-PRES-2"));
            String bootId = speaker.bootId();
            assertThat(speaker.dropConnection()).isTrue();
            long until = System.nanoTime() + Duration.ofSeconds(2L * WILL_DELAY_SECONDS).toNanos();
            int samples = 0;
            while (System.nanoTime() < until) {
                assertThat(loa.online("IT-PRES-2")).as("online throughout the blip").isTrue();
                samples++;
                Thread.sleep(200);
            }
            assertThat(samples).isGreaterThan(10);
            assertThat(speaker.phase()).as("reconnected by itself").isEqualTo(Phase.ONLINE);
            assertThat(speaker.bootId()).as("the same boot: a link blip, not a reboot").isEqualTo(bootId);
        }
    }

    @Test
    void aRebootShowsANewBootIdWithoutAnOutage() throws Exception {
        loa.importSerials("it-b", "IT-PRES-3");
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions("IT-PRES-3").willDelaySeconds(WILL_DELAY_SECONDS)
                .build())) {
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            Poll.until("the birth message", LiveControlPlane.CONNECT, () -> speaker.bootId()
                    .equals(loa.device("IT-PRES-3").path("state").path("bootId").asText()));
            String before = speaker.bootId();
            assertThat(speaker.reboot()).isTrue();
            Poll.until("the new boot's birth message", LiveControlPlane.CONNECT, () -> {
                String reported = loa.device("IT-PRES-3").path("state").path("bootId").asText();
                return !reported.equals(before) && reported.equals(speaker.bootId());
            });
            assertThat(loa.online("IT-PRES-3")).isTrue();
        }
    }
}
