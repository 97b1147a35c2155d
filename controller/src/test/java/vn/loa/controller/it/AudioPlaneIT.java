package vn.loa.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.it.LiveControlPlane.expect;
import static vn.loa.controller.it.LiveControlPlane.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.testing.Multipart;
import vn.loa.controller.testing.Poll;
import vn.loa.controller.testing.TestAudio;
import vn.loa.sim.Fleet;
import vn.loa.sim.SimulatedSpeaker;

/**
 * Audio end to end: a tone uploaded to the library, streamed to simulated speakers that decode it and to ffmpeg
 * (an independent receiver fed the SDP from the API); both must hear the tone with little missing. The same again
 * over SRTP: the speakers take the key from their play order, ffmpeg from the SDP's crypto line.
 */
class AudioPlaneIT extends LiveControlPlaneTest {
    static final double TONE_HZ = 440;
    /** 40 frames of 60 ms, so the looped item has no padded frame at its seam. */
    static final int TONE_MILLIS = 2_400;
    /** Most of the heard span that may be missing (lost, late and not concealed). */
    static final double MAX_MISSING_SHARE = 0.05;
    static final int RECEIVER_SECONDS = 4;
    static final Duration WAIT = Duration.ofSeconds(30);
    private static Long toneMedia;

    @TempDir
    Path work;

    @ParameterizedTest(name = "srtp {0}")
    @ValueSource(booleans = {false, true})
    void aToneFromTheLibraryIsHeardBySpeakersAndByAStandardReceiver(boolean srtp) throws Exception {
        String prefix = srtp ? "IT-AUDS-" : "IT-AUD-";
        List<String> serials = List.of(prefix + 1, prefix + 2, prefix + 3);
        loa.importSerials("it-a-2", serials.toArray(String[]::new));
        Path speakerWavs = Files.createDirectories(work.resolve("speakers"));
        try (Fleet fleet = loa.onlineFleet(loa.fleetOptions(serials.toArray(String[]::new))
                .wavDirectory(speakerWavs).build())) {
            JsonNode created = expect(loa.admin.post("/api/streams", Map.of("name", "Âm chuẩn 440 Hz", "srtp", srtp,
                    "source", Map.of("type", "media", "media", List.of(tone()), "loop", true))), 201).json();
            assertThat(created.get("srtp").asBoolean()).isEqualTo(srtp);
            String stream = created.get("id").asText();

            StandardReceiver ffmpeg = StandardReceiver.listen(work, RECEIVER_SECONDS);
            expect(loa.admin.post("/api/streams/" + stream + "/listeners",
                    Map.of("host", "127.0.0.1", "port", ffmpeg.port())), 201);
            String sdp = expect(loa.admin.get("/api/streams/" + stream + "/sdp"), 200).body();
            assertThat(sdp.contains("a=crypto:")).as(sdp).isEqualTo(srtp);
            ffmpeg.start(sdp);

            List<String> devices = fleet.speakers().stream().map(SimulatedSpeaker::deviceId).toList();
            JsonNode sent = expect(loa.admin.post("/api/streams/" + stream + "/play", Map.of("devices", devices)), 202)
                    .json();
            assertThat(sent.get("devices").asInt()).isEqualTo(serials.size());
            for (JsonNode command : sent.get("commands")) {
                JsonNode done = json(loa.admin.get("/api/commands/" + command.get("id").asText() + "?wait=10000"));
                assertThat(done.get("summary").get("ok").asInt()).as(done.toString()).isEqualTo(1);
            }

            Poll.until("every speaker latched", WAIT, () ->
                    json(loa.admin.get("/api/streams/" + stream)).get("receivers").asInt() == serials.size());
            Poll.until("every speaker playing", WAIT, () -> fleet.speakers().stream()
                    .allMatch(s -> s.playback().map(p -> p.playing()).orElse(false)));
            Poll.until("the API to show what each speaker plays", WAIT, () -> serials.stream()
                    .allMatch(serial -> stream.equals(loa.device(serial).get("state").path("playing").asText())));
            HeardAudio heardByFfmpeg = ffmpeg.awaitRecording(WAIT);
            Poll.until("speakers to play as long as ffmpeg recorded", WAIT, () -> fleet.speakers().stream()
                    .allMatch(s -> s.playback().orElseThrow().packetsReceived() >= RECEIVER_SECONDS * 1000 / 60));

            double reportsBefore = loa.metric("loa_streamer_rtcp_received_total");
            Poll.until("a receiver report from each speaker", WAIT,
                    () -> loa.metric("loa_streamer_rtcp_received_total") >= reportsBefore + serials.size());
            JsonNode details = json(loa.admin.get("/api/streams/" + stream));
            assertThat(details.get("receiverStats").findValuesAsText("deviceId")).containsAll(devices);
            assertThat(loa.metric("loa_device_playback_events_total", "playback-started")).isGreaterThanOrEqualTo(3);
            assertThat(loa.metric("loa_streamer_joins_accepted_total")).isGreaterThanOrEqualTo(3);

            JsonNode stopped = json(loa.admin.send("DELETE", "/api/streams/" + stream, null, null));
            assertThat(stopped.get("devices").asInt()).isEqualTo(serials.size());
            for (String device : devices) {
                Path wav = speakerWavs.resolve(device + "-" + stream + ".wav");
                Poll.until(device + " to close its recording", WAIT, () -> Files.exists(wav));
                assertHeardTheTone(device, HeardAudio.read(wav));
            }
            assertHeardTheTone("ffmpeg", heardByFfmpeg);
            assertThat(fleet.playbackSummary().unauthenticDatagrams()).as("datagrams the speakers could not open")
                    .isZero();
            assertThat(loa.metric("loa_streamer_rtcp_unauthenticated_total")).as("speakers' reports the server refused")
                    .isZero();
        }
    }

    /** The tone, uploaded once for the class (a second upload would be a duplicate). */
    private static long tone() {
        if (toneMedia == null) {
            toneMedia = uploadTone();
        }
        return toneMedia;
    }

    private static long uploadTone() {
        Multipart body = new Multipart().file("file", "tone-440.wav", TestAudio.toneWav(TONE_HZ, TONE_MILLIS))
                .field("title", "Âm chuẩn 440 Hz");
        return expect(loa.admin.sendBytes("POST", "/api/media", body.bytes(), body.contentType()), 201)
                .json().get("id").asLong();
    }

    static void assertHeardTheTone(String who, HeardAudio heard) {
        assertThat(heard.audibleSeconds()).as(who + " heard seconds").isGreaterThanOrEqualTo(RECEIVER_SECONDS - 1);
        assertThat(heard.dominantHz()).as(who + " tone").isBetween(TONE_HZ - 10, TONE_HZ + 10);
        assertThat(heard.missingShare()).as(who + " missing share").isLessThanOrEqualTo(MAX_MISSING_SHARE);
    }
}
