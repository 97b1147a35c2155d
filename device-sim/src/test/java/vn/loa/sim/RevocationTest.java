package vn.loa.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a Mosquitto that checks passwords: a speaker whose stored secret is refused gives up. */
class RevocationTest {
    @TempDir
    Path dir;

    @Test
    void speakerWhoseCredentialsAreRefusedStopsAsRevoked() throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.writeString(passwords, "");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), "dev-rev-000001", "current")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).as("mosquitto_passwd exit code").isZero();
        Path creds = dir.resolve("creds.json");
        Files.writeString(creds, "{\"REV-000001\":{\"deviceId\":\"dev-rev-000001\",\"secret\":\"revoked-one\"}}");

        try (Mosquitto broker = Mosquitto.start(dir, List.of("allow_anonymous false",
                "password_file " + passwords));
             Fleet fleet = Fleet.create(FleetOptions.builder().count(1).serials("REV-", 1).serverUri(broker.uri())
                     .provisioningKey("k").credentialsFile(creds).build())) {
            fleet.start();
            SimulatedSpeaker speaker = fleet.speakers().get(0);
            Eventually.until("speaker revoked", () -> speaker.phase() == Phase.REVOKED);
            assertThat(speaker.refusal()).contains("refused");
            assertThat(fleet.stats().provisionRequests()).isZero();
        }
    }
}
