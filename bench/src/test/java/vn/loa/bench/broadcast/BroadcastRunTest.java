package vn.loa.bench.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.Main;

/**
 * The whole benchmark, small: a real server in a child JVM, 20 simulated speakers in 2 communes, two emergency
 * rounds; then the floor's (Mosquitto and a bare streamer in a child JVM) same switches.
 */
class BroadcastRunTest {
    static final int SPEAKERS = 20;
    static final int COMMUNES = 2;
    static final int EMERGENCY_SECONDS = 2;

    @TempDir
    Path temp;

    @Test
    void everySpeakerPlaysTheEmergencyThenResumesAndTheReportSaysHowFast() throws Exception {
        BroadcastSetup setup = new BroadcastSetup(SPEAKERS, COMMUNES, EMERGENCY_SECONDS, 5, 0.5, 100);
        List<String> server = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName());
        BroadcastRun.Result result = new BroadcastRun(setup, server, temp.resolve("work")).run();
        BroadcastFloorRun.Result floor = new BroadcastFloorRun(setup, temp.resolve("floor")).run();
        Path out = temp.resolve("results");
        BroadcastBench.write(result, floor, out);

        JsonNode report = new ObjectMapper().readTree(out.resolve(BroadcastBench.JSON_FILE).toFile());
        assertThat(report.get("benchmark").asText()).isEqualTo("broadcast");
        assertThat(report.get("setup").get("speakers").asInt()).isEqualTo(SPEAKERS);
        assertThat(report.get("communeBroadcasts").get("broadcasts").asInt()).isEqualTo(COMMUNES);
        assertThat(report.get("communeBroadcasts").get("played").asInt()).isEqualTo(SPEAKERS);
        assertEverySwitchMeasured(report);
        assertThat(report.get("floor").get("communeStreams").get("played").asInt()).isEqualTo(SPEAKERS);
        assertEverySwitchMeasured(report.get("floor"));
        JsonNode vsFloor = report.get("vsFloor");
        assertThat(vsFloor.get("emergencyUntil100PercentRatio").asDouble()).isEqualTo(
                Math.round(report.get("emergency").get("until100PercentMs").asDouble()
                        / report.get("floor").get("emergency").get("until100PercentMs").asDouble() * 100) / 100.0);
        assertThat(vsFloor.get("floorMeetsTargets").isBoolean()).isTrue();
        JsonNode within1s = report.get("targets").get("emergency99PercentWithin1s");
        assertThat(within1s.get("measuredMs").asDouble()).isEqualTo(report.get("emergency").get("until99PercentMs")
                .asDouble());
        assertThat(within1s.get("pass").asBoolean()).isEqualTo(within1s.get("measuredMs").asDouble() <= 1000);
        assertThat(report.get("targets").get("emergencyAllOnlineWithin2s").get("pass").isBoolean()).isTrue();
        assertThat(ImageIO.read(out.resolve(BroadcastBench.PNG_FILE).toFile()).getWidth())
                .isEqualTo(BroadcastPlot.WIDTH);
        assertThat(Files.size(temp.resolve("work").resolve("server.log"))).isPositive();
        assertThat(Files.size(temp.resolve("floor").resolve("floor-server.log"))).isPositive();
    }

    /** Each switch: every speaker played, its times ordered, and its stages add up to no more than its time. */
    private static void assertEverySwitchMeasured(JsonNode report) {
        for (String phase : List.of("firstEmergency", "firstResume", "emergency", "resume")) {
            JsonNode p = report.get(phase);
            assertThat(p.get("speakers").asInt()).as(phase).isEqualTo(SPEAKERS);
            assertThat(p.get("played").asInt()).as(phase).isEqualTo(SPEAKERS);
            assertThat(p.get("missing").asInt()).as(phase).isZero();
            JsonNode latency = p.get("latencyMs");
            assertThat(latency.get("count").asInt()).as(phase).isEqualTo(SPEAKERS);
            assertThat(latency.get("p50Ms").asDouble()).as(phase).isPositive()
                    .isLessThanOrEqualTo(latency.get("p99Ms").asDouble());
            assertThat(latency.get("maxMs").asDouble()).as(phase)
                    .isLessThan(BroadcastRun.SWITCH_TIMEOUT.toMillis())
                    .isEqualTo(p.get("until100PercentMs").asDouble());
            assertThat(p.get("until99PercentMs").asDouble()).as(phase)
                    .isLessThanOrEqualTo(p.get("until100PercentMs").asDouble());
            assertThat(p.get("apiCallMs").asLong()).as(phase).isNotNegative();
            double stagesMean = 0;
            for (String stage : List.of("orderArrivedMs", "joinSentAfterOrderMs", "firstPacketAfterJoinMs",
                    "playedAfterFirstPacketMs")) {
                JsonNode s = p.get("stages").get(stage);
                assertThat(s.get("count").asInt()).as(phase + " " + stage).isEqualTo(SPEAKERS);
                assertThat(s.get("p50Ms").asDouble()).as(phase + " " + stage).isNotNegative();
                stagesMean += s.get("meanMs").asDouble();
            }
            // each stage's mean is rounded to 0.1 ms; whole ms instants make the sum exact within that
            assertThat(stagesMean).as(phase).isCloseTo(latency.get("meanMs").asDouble(), within(0.5));
        }
    }
}
