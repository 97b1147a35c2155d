package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.Topics;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandType;

class CommandTest extends OneSpeakerTest {
    @BeforeEach
    void connectOneSpeaker(TestInfo test) throws Exception {
        connect("C" + Math.abs(test.getDisplayName().hashCode() % 100_000) + "-", FleetOptions.builder());
    }

    private static JsonNode json(TestServer.Received r) throws Exception {
        return JSON.readTree(r.payload());
    }

    @Test
    void commandsAreAppliedAndAnsweredWithIdAndCorrelationData() throws Exception {
        server.command(id, Command.of("c-vol", CommandType.volume, 73, inOneMinute()), "corr-1".getBytes());
        TestServer.Received volume = result("c-vol");
        assertThat(json(volume).path("status").asText()).isEqualTo("ok");
        assertThat(new String(volume.correlation(), StandardCharsets.UTF_8)).isEqualTo("corr-1");
        assertThat(speaker.volume()).isEqualTo(73);

        server.command(id, Command.of("c-mute", CommandType.mute, null, inOneMinute()), null);
        assertThat(result("c-mute").correlation()).isNull();
        assertThat(speaker.muted()).isTrue();
        server.command(id, Command.of("c-unmute", CommandType.unmute, null, inOneMinute()), null);
        result("c-unmute");
        assertThat(speaker.muted()).isFalse();
        server.command(id, Command.of("c-amp", CommandType.amplifier, false, inOneMinute()), null);
        result("c-amp");
        assertThat(speaker.amplifier()).isFalse();
        server.command(id, Command.of("c-ping", CommandType.ping, null, inOneMinute()), null);
        assertThat(json(result("c-ping")).path("status").asText()).isEqualTo("ok");
        assertThat(speaker.commandsReceived()).isEqualTo(5);
        Eventually.until("5 answers counted", () -> speaker.commandsAnswered() == 5);
    }

    @Test
    void expiredCommandFailsAsExpiredAndIsNotApplied() throws Exception {
        server.command(id, Command.of("c-old", CommandType.volume, 10, System.currentTimeMillis() - 1_000), null);
        JsonNode r = json(result("c-old"));
        assertThat(r.path("status").asText()).isEqualTo("failed");
        assertThat(r.path("reason").asText()).isEqualTo("expired");
        assertThat(speaker.volume()).isEqualTo(SpeakerSettings.FACTORY_VOLUME);
    }

    @Test
    void redeliveredIdIsAnsweredAgainButNotAppliedTwice() throws Exception {
        server.command(id, Command.of("c-once", CommandType.volume, 30, inOneMinute()), null);
        result("c-once");
        server.command(id, Command.of("c-other", CommandType.volume, 40, inOneMinute()), null);
        result("c-other");
        server.command(id, Command.of("c-once", CommandType.volume, 30, inOneMinute()), "again".getBytes());
        String results = Topics.device(id, DeviceTopic.RESULT);
        server.await("second answer to c-once", r -> r.topic().equals(results) && r.payload().contains("c-once")
                && r.correlation() != null);
        assertThat(server.all(r -> r.topic().equals(results) && r.payload().contains("\"c-once\""))).hasSize(2)
                .allMatch(r -> r.payload().contains("\"ok\""));
        assertThat(speaker.volume()).isEqualTo(40);
    }

    @Test
    void invalidCommandWithReadableIdFailsWithTheReason() throws Exception {
        String topic = Topics.device(id, DeviceTopic.COMMAND);
        server.publishRaw(topic, "{\"v\":1,\"id\":\"c-bad\",\"type\":\"volume\",\"value\":300,\"expires\":9999999999999}"
                .getBytes(), null, false);
        JsonNode r = json(result("c-bad"));
        assertThat(r.path("status").asText()).isEqualTo("failed");
        assertThat(r.path("reason").asText()).startsWith("invalid-field").contains("volume");

        server.publishRaw(topic, "not json at all".getBytes(), null, false);
        Eventually.until("unreadable command counted", () -> fleet.stats().invalidDropped() == 1);
        assertThat(speaker.commandsAnswered()).isEqualTo(1);
    }

    @Test
    void rebootAnswersThenComesBackWithANewBootId() throws Exception {
        String before = speaker.bootId();
        server.command(id, Command.of("c-boot", CommandType.reboot, null, inOneMinute()), null);
        result("c-boot");
        server.await("birth of the new boot", r -> r.topic().equals(Topics.device(id, DeviceTopic.STATE))
                && !r.payload().contains(before));
        assertThat(speaker.bootId()).isNotEqualTo(before);
        Eventually.until("online again", speaker::connected);
        assertThat(fleet.stats().reboots()).isEqualTo(1);
    }

    @Test
    void newSecretIsStoredBeforeTheAnswerAndUsedOnReconnect() throws Exception {
        Path file = dir.resolve(speaker.serial().substring(0, speaker.serial().indexOf('-') + 1) + "creds.json");
        server.command(id, Command.credentials("c-cred", "rotated-secret", inOneMinute()), null);
        result("c-cred");
        assertThat(Files.readString(file)).contains("rotated-secret");
        server.await("birth after reconnecting with the new secret",
                r -> r.topic().equals(Topics.device(id, DeviceTopic.STATE))
                        && server.all(s -> s.topic().equals(r.topic())).size() >= 2);
        Eventually.until("online again", speaker::connected);
    }

    @Test
    void desiredStateIsAppliedReportedAndDrivesGroupSubscriptions() throws Exception {
        server.desired(id, 7, 64, true, List.of("11", "12"));
        server.await("telemetry reporting version 7", r -> r.topic().equals(Topics.device(id, DeviceTopic.TELEMETRY))
                && r.payload().contains("\"desiredVersion\":7"));
        server.await("state reporting version 7", r -> r.topic().equals(Topics.device(id, DeviceTopic.STATE))
                && r.payload().contains("\"desiredVersion\":7"));
        assertThat(speaker.volume()).isEqualTo(64);
        assertThat(speaker.muted()).isTrue();
        assertThat(speaker.groups()).containsExactly("11", "12");

        server.publish(Topics.groupCommand("12"), Command.of("g-12", CommandType.ping, null, inOneMinute()), null,
                false);
        result("g-12");

        server.desired(id, 8, null, null, List.of("11"));
        server.await("telemetry reporting version 8", r -> r.topic().equals(Topics.device(id, DeviceTopic.TELEMETRY))
                && r.payload().contains("\"desiredVersion\":8"));
        assertThat(speaker.groups()).containsExactly("11");
        assertThat(speaker.volume()).isEqualTo(64);
        server.publish(Topics.groupCommand("12"), Command.of("g-12-late", CommandType.ping, null, inOneMinute()),
                null, false);
        server.publish(Topics.groupCommand("11"), Command.of("g-11", CommandType.ping, null, inOneMinute()), null,
                false);
        result("g-11");
        // the broker delivers one publisher's messages in order: g-11 came after g-12-late, so g-12-late is lost
        assertThat(server.all(r -> r.topic().equals(Topics.device(id, DeviceTopic.RESULT))
                && r.payload().contains("g-12-late"))).isEmpty();
        assertThat(speaker.commandsReceived()).isEqualTo(2);
        server.desired(id, 9, null, null, List.of()); // clean up the retained desired state's groups
    }
}
