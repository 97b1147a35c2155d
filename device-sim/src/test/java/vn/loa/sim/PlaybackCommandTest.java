package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandType;
import vn.loa.sim.audio.PlaybackStats;
import vn.loa.sim.audio.ToneSender;

/** Play and stop commands over MQTT: answers, playback events on .../evt, and what the fleet reports. */
class PlaybackCommandTest extends OneSpeakerTest {
    @Test
    void playReplaceAndStopAreAnsweredAndReported() throws Exception {
        connect("PLY-", FleetOptions.builder().wavDirectory(dir.resolve("wav"))
                .telemetryPeriod(Duration.ofSeconds(1)));
        try (ToneSender first = new ToneSender(20, true, 400); ToneSender second = new ToneSender(60, false, 100)) {
            play("p-1", first.order("s-one", "tok-1", 150));
            assertThat(answer("p-1").path("status").asText()).isEqualTo("ok");
            JsonNode started = event("playback-started", "s-one");
            assertThat(started.path("v").asInt()).isEqualTo(1);
            assertThat(started.path("ts").asLong()).isPositive();
            PlaybackStats stats = speaker.playback().orElseThrow();
            assertThat(stats.playing()).isTrue();
            assertThat(stats.firstAudioMillis()).isNotNull();
            assertThat(fleet.playback()).containsOnlyKeys(id);
            assertThat(fleet.playbackSummary().playing()).isEqualTo(1);

            server.await("telemetry naming the stream", r -> r.topic().equals(Topics.device(id, DeviceTopic.TELEMETRY))
                    && r.payload().contains("\"playing\":\"s-one\""));
            play("p-1b", first.order("s-one", "tok-1b", 150));
            assertThat(answer("p-1b").path("status").asText()).isEqualTo("ok");
            Eventually.until("joined again with the fresh token", () -> first.tokens().contains("tok-1b"));
            play("p-2", second.order("s-two", "tok-2", 150));
            assertThat(answer("p-2").path("status").asText()).isEqualTo("ok");
            assertThat(event("playback-ended", "s-one").path("detail").asText()).isEqualTo("replaced");
            event("playback-started", "s-two");
            assertThat(first.joinedFrom()).as("one socket for s-one, the fresh token from it too").hasSize(1);

            server.command(id, Command.of("st-x", CommandType.stop, "s-other", inOneMinute()), null);
            assertThat(answer("st-x").path("status").asText()).as("stopping another stream is fine")
                    .isEqualTo("ok");
            server.command(id, Command.of("st-2", CommandType.stop, "s-two", inOneMinute()), null);
            assertThat(answer("st-2").path("status").asText()).isEqualTo("ok");
            assertThat(event("playback-ended", "s-two").path("detail").asText()).isEqualTo("stopped");
            assertThat(server.all(r -> r.topic().equals(Topics.device(id, DeviceTopic.EVENT)))).hasSize(4);
            Eventually.until("not playing", () -> !speaker.playback().orElseThrow().playing());
            assertThat(speaker.playback().orElseThrow().streamId()).isEqualTo("s-two");
            Path wav = dir.resolve("wav").resolve(id + "-s-two.wav");
            Eventually.until("the recording of s-two", () -> Files.exists(wav));
            assertThat(Files.exists(dir.resolve("wav").resolve(id + "-s-one.wav"))).isTrue();
        }
    }

    @Test
    void anInvalidOrUnplayableOrderFailsWithTheReason() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file where the WAVs would go");
        connect("PLF-", FleetOptions.builder().wavDirectory(notADirectory));
        server.publishRaw(Topics.device(id, DeviceTopic.COMMAND), ("{\"v\":1,\"id\":\"p-bad\",\"type\":\"play\","
                + "\"expires\":9999999999999,\"play\":{\"stream\":\"s-x\",\"host\":\"127.0.0.1\",\"port\":5004,"
                + "\"token\":\"t\",\"ssrc\":1,\"pt\":96,\"frameMs\":30,\"delayMs\":150}}").getBytes(), null, false);
        JsonNode bad = answer("p-bad");
        assertThat(bad.path("status").asText()).isEqualTo("failed");
        assertThat(bad.path("reason").asText()).contains("frameMs");

        try (ToneSender sender = new ToneSender(20, false, 10)) {
            play("p-nowav", sender.order("s-y", "t", 150, 100));
            JsonNode failed = answer("p-nowav");
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("reason").asText()).startsWith("audio-output: cannot record to ");
            assertThat(sender.joinedFrom()).isEmpty();
            assertThat(speaker.playbackVolume()).as("a play that cannot start imposes no volume").isNull();
            assertThat(speaker.volume()).isEqualTo(SpeakerSettings.FACTORY_VOLUME);
        }
        assertThat(speaker.playback()).isEmpty();
    }
}
