package vn.loa.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.sim.FleetOptions;
import vn.loa.sim.Mosquitto;
import vn.loa.sim.TestServer;
import vn.loa.sim.audio.AudioSettings;
import vn.loa.sim.audio.ToneSender;
import vn.loa.protocol.message.Command;
import vn.loa.protocol.message.CommandType;

class SimulatorCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private SimulatorCommand command() {
        return new SimulatorCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private void awaitLiveLine(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!stderr.toString(StandardCharsets.UTF_8).contains(text)) {
            assertThat(System.nanoTime()).as("live line with '" + text + "' in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void optionsBecomeFleetOptions() {
        SimulatorCommand cmd = command();
        cmd.commandLine().parseArgs("--count", "12", "--server", "tcp://10.0.0.1:1883,tcp://10.0.0.2:1883",
                "--provisioning-key", "pk", "--serial-prefix", "LOA-", "--first-serial", "100",
                "--areas", "HN01,HN02", "--telemetry-period", "1500ms", "--credentials-file", "c.json",
                "--ramp-rate", "50", "--will-delay", "5", "--never-ack-share", "0.25", "--slow-ack-share", "0.5",
                "--slow-ack-delay", "3s", "--disconnects-per-hour", "2", "--reboots-per-hour", "1", "--seed", "9",
                "--decode-share", "0.25", "--wav-dir", "wavs");
        FleetOptions o = cmd.fleetOptions();
        assertThat(o.count()).isEqualTo(12);
        assertThat(o.serials()).startsWith("LOA-000100", "LOA-000101").endsWith("LOA-000111");
        assertThat(o.serverUris()).containsExactly("tcp://10.0.0.1:1883", "tcp://10.0.0.2:1883");
        assertThat(o.provisioningKey()).isEqualTo("pk");
        assertThat(o.areaHint(0)).isEqualTo("HN01");
        assertThat(o.areaHint(3)).isEqualTo("HN02");
        assertThat(o.telemetryPeriod()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.credentialsFile()).isEqualTo(Path.of("c.json"));
        assertThat(o.rampRate()).isEqualTo(50);
        assertThat(o.willDelaySeconds()).isEqualTo(5);
        assertThat(o.faults().neverAckShare()).isEqualTo(0.25);
        assertThat(o.faults().slowAckShare()).isEqualTo(0.5);
        assertThat(o.faults().slowAckDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.faults().disconnectsPerHour()).isEqualTo(2);
        assertThat(o.faults().rebootsPerHour()).isEqualTo(1);
        assertThat(o.seed()).isEqualTo(9);
        assertThat(o.bare()).isFalse();
        assertThat(o.audio().decodeShare()).isEqualTo(0.25);
        assertThat(o.audio().wavDirectory()).isEqualTo(Path.of("wavs"));
    }

    @Test
    void audioDefaultsDecodeEverythingAndRecordNothing() {
        SimulatorCommand cmd = command();
        cmd.commandLine().parseArgs();
        FleetOptions o = cmd.fleetOptions();
        assertThat(o.audio()).isEqualTo(AudioSettings.DEFAULT);
    }

    @Test
    void bareModeNeedsNoKeyAndKeepsNoCredentialsFile() {
        SimulatorCommand cmd = command();
        cmd.commandLine().parseArgs("--count", "3", "--bare", "loa/v1/grp/1/cmd");
        FleetOptions o = cmd.fleetOptions();
        assertThat(o.bareTopic()).isEqualTo("loa/v1/grp/1/cmd");
        assertThat(o.credentialsFile()).isNull();
        assertThat(o.serials()).containsExactly("SIM-000001", "SIM-000002", "SIM-000003");
    }

    @Test
    void badValuesAreClearErrors() {
        assertThat(command().commandLine().execute("--count", "0")).isEqualTo(SimulatorCommand.EXIT_BAD_OPTIONS);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("count must be within 1..");
        int code = command().commandLine().execute("--telemetry-period", "soon");
        assertThat(code).isNotZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("'soon' is not a duration");
        assertThat(command().commandLine().execute("--server", "http://x", "--provisioning-key", "k"))
                .isEqualTo(SimulatorCommand.EXIT_CANNOT_START);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("must start with tcp:// or ssl://");
        assertThat(command().commandLine().execute("--decode-share", "2")).isEqualTo(SimulatorCommand.EXIT_BAD_OPTIONS);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("decode share must be within 0..1");
    }

    @Test
    void runPrintsLiveLinesAndAFinalJsonSummary() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             TestServer server = new TestServer(broker.uri(), TestServer::approveAll);
             ToneSender tone = new ToneSender(20, false, 400)) {
            SimulatorCommand cmd = command();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cmd.commandLine().execute(
                    "--count", "3", "--server", broker.uri(), "--bare", "loa/v1/grp/5/cmd", "--duration", "5s",
                    "--summary-interval", "200ms", "--ramp-rate", "100", "--decode-share", "0", "--history"));
            awaitLiveLine("3/3 connected");
            server.publish("loa/v1/grp/5/cmd", Command.of("all-1", CommandType.mute, null,
                    System.currentTimeMillis() + 60_000), null, false);
            for (int i = 1; i <= 3; i++) {
                String topic = "loa/v1/dev/sim-00000" + i + "/res";
                server.await("answer on " + topic, r -> r.topic().equals(topic));
            }
            server.publish("loa/v1/grp/5/cmd", Command.play("all-2", tone.order("s-cli", "t", 100),
                    System.currentTimeMillis() + 60_000), null, false);
            awaitLiveLine("playing 3/3");
            assertThat(run.get(30, TimeUnit.SECONDS)).isZero();

            JsonNode summary = new ObjectMapper().readTree(stdout.toString(StandardCharsets.UTF_8));
            assertThat(summary.path("speakers").asInt()).isEqualTo(3);
            assertThat(summary.path("connected").asInt()).isEqualTo(3);
            assertThat(summary.path("phases").path("ONLINE").asInt()).isEqualTo(3);
            assertThat(summary.path("rampMillis").asLong()).isBetween(0L, 3_000L);
            assertThat(summary.path("runMillis").asLong()).isGreaterThanOrEqualTo(3_000L);
            assertThat(summary.path("commands").path("received").asLong()).isEqualTo(6);
            assertThat(summary.path("commands").path("answered").asLong()).isEqualTo(6);
            assertThat(summary.path("commandLatencyAtDeviceMillis").path("count").asInt()).isEqualTo(6);
            JsonNode playback = summary.path("playback");
            assertThat(playback.path("sessions").asInt()).isEqualTo(3);
            assertThat(playback.path("decoding").asInt()).isZero();
            assertThat(playback.path("packetsReceived").asLong()).isPositive();
            assertThat(playback.path("lossPercent").asDouble()).isZero();
            assertThat(playback.path("firstAudioP99Millis").asDouble()).isPositive();
            assertThat(playback.path("playoutOffsetMaxMillis").isNumber()).isTrue();
            assertThat(summary.path("peakThreads").asInt()).isPositive();
            JsonNode history = summary.path("history");
            assertThat(history.size()).isEqualTo(3);
            for (JsonNode speaker : history) {
                assertThat(speaker.size()).as("one playback each: %s", speaker).isEqualTo(1);
                JsonNode played = speaker.get(0);
                assertThat(played.path("streamId").asText()).isEqualTo("s-cli");
                assertThat(played.path("startedAtMillis").asLong()).isPositive();
                assertThat(played.path("endedAtMillis").asLong())
                        .isGreaterThan(played.path("startedAtMillis").asLong());
                assertThat(played.path("playedSeconds").asDouble()).isPositive();
                assertThat(played.path("end").asText()).as("the tone outlasts the run").isEqualTo("DEVICE_OFF");
            }
            assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("3/3 connected");
        }
    }

    @Test
    void stopRequestEndsTheRunWithASummary() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            SimulatorCommand cmd = command();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cmd.commandLine().execute(
                    "--count", "2", "--server", broker.uri(), "--bare", "t/x", "--summary-interval", "200ms"));
            awaitLiveLine("2/2 connected");
            cmd.stopAndWait();
            assertThat(run.get(10, TimeUnit.SECONDS)).isZero();
            JsonNode summary = new ObjectMapper().readTree(stdout.toString(StandardCharsets.UTF_8));
            assertThat(summary.path("connected").asInt()).isEqualTo(2);
            assertThat(summary.has("history")).as("only with --history").isFalse();
        }
    }
}
