package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.it.LiveControlPlane.expect;
import static vn.loa.controller.it.LiveControlPlane.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.testing.Poll;
import vn.loa.sim.Fleet;
import vn.loa.sim.SimulatedSpeaker;

/** A relayed internet radio heard by a simulated speaker; when the radio goes off the air the API reports DEAD. */
class RelayIT extends LiveControlPlaneTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 20 ms frames for three seconds. */
    private static final int HEARD_PACKETS = 150;
    private static final double RELAY_FRAME_SECONDS = 0.02;
    /**
     * A pacer that runs late (the test JVM paused or starved of CPU) skips the overdue frames and the speaker hears
     * that much silence; the relay path itself must not lose more than the allowed share on top of it.
     */
    private static final String SKIPPED_FRAMES = "loa_streamer_frames_skipped_total";

    @TempDir
    Path work;

    @Test
    void aRelayedStationIsHeardAndReportedDeadWhenItGoesOffTheAir() throws Exception {
        loa.importSerials("it-a-1", "IT-RELAY-1");
        Path wavs = Files.createDirectories(work.resolve("speakers"));
        try (RadioStation radio = RadioStation.onAir(work, AudioPlaneIT.TONE_HZ, 60);
             Fleet fleet = loa.onlineFleet(loa.fleetOptions("IT-RELAY-1").wavDirectory(wavs).build())) {
            String stream = expect(loa.admin.post("/api/streams", Map.of("name", "Tiếp sóng đài tỉnh",
                    "source", Map.of("type", "relay", "url", radio.url()))), 201).json().get("id").asText();
            Poll.until("the relay to play", WAIT, () -> health(stream).equals("PLAYING"));

            SimulatedSpeaker speaker = fleet.speakers().get(0);
            double skippedBefore = loa.metric(SKIPPED_FRAMES);
            expect(loa.admin.post("/api/streams/" + stream + "/play",
                    Map.of("devices", List.of(speaker.deviceId()))), 202);
            Poll.until("the speaker to hear three seconds", WAIT, () -> speaker.playback()
                    .map(p -> p.packetsReceived() >= HEARD_PACKETS).orElse(false));
            expect(loa.admin.post("/api/streams/" + stream + "/stop",
                    Map.of("devices", List.of(speaker.deviceId()))), 202);
            Path wav = wavs.resolve(speaker.deviceId() + "-" + stream + ".wav");
            Poll.until("the speaker to close its recording", WAIT, () -> Files.exists(wav));
            HeardAudio heard = HeardAudio.read(wav);
            assertThat(heard.dominantHz()).isBetween(AudioPlaneIT.TONE_HZ - 10, AudioPlaneIT.TONE_HZ + 10);
            assertThat(heard.audibleSeconds()).isGreaterThanOrEqualTo(2);
            double skipped = loa.metric(SKIPPED_FRAMES) - skippedBefore;
            double skippedShare = skipped * RELAY_FRAME_SECONDS / heard.audibleSeconds();
            assertThat(heard.missingShare()).as("missing share; the pacer ran late and skipped %.0f frames", skipped)
                    .isLessThanOrEqualTo(AudioPlaneIT.MAX_MISSING_SHARE + skippedShare);

            radio.close();
            Poll.until("the API to report the relay dead", WAIT, () -> health(stream).equals("DEAD"));
            expect(loa.admin.send("DELETE", "/api/streams/" + stream, null, null), 200);
        }
    }

    private static String health(String stream) {
        return json(loa.admin.get("/api/streams/" + stream)).get("health").asText();
    }
}
