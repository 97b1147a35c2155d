package vn.loa.bench.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vn.loa.bench.support.BenchProvince;
import vn.loa.bench.support.ChildProcess;
import vn.loa.bench.support.Distribution;
import vn.loa.bench.support.LoaApi;
import vn.loa.bench.support.LoaServerProcess;

/** One fleet size against the full Loa path: server JVM + simulated fleet JVM, measured through the API. */
final class LoaControlRun {
    private static final int COMMUNES = 100;
    /** Longest wait for a fleet to be fully online (or fully offline) before the run counts as failed. */
    static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(5);

    private final Path serverJar;
    private final FleetLauncher fleet;
    private final Path workDir;
    private final int singleRoundTrips;

    LoaControlRun(Path serverJar, FleetLauncher fleet, Path workDir, int singleRoundTrips) {
        this.serverJar = serverJar;
        this.fleet = fleet;
        this.workDir = workDir;
        this.singleRoundTrips = singleRoundTrips;
    }

    Map<String, Object> run(int count) throws IOException, InterruptedException {
        Path dir = workDir.resolve("loa-" + count);
        Map<String, Object> result = new LinkedHashMap<>();
        try (LoaServerProcess loa = LoaServerProcess.start(LoaServerProcess.jarCommand(serverJar), dir)) {
            LoaApi api = loa.api();
            List<String> serials = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                serials.add(FleetLauncher.serial(i));
            }
            long provinceId = BenchProvince.load(api, COMMUNES, serials).provinceId();
            Memory baseline = Memory.of(loa.process(), api);

            Path credentials = dir.resolve("fleet-credentials.json");
            List<String> fleetArgs = List.of("--provisioning-key", LoaServerProcess.PROVISIONING_KEY,
                    "--credentials-file", credentials.toString());
            int mqttPort = loa.mqttPort();
            long start = System.nanoTime();
            try (ChildProcess first = fleet.start("fleet", count, mqttPort, fleetArgs, dir.resolve("fleet-1.log"))) {
                result.put("firstConnectSeconds", api.awaitOnline(count, first, start, CONNECT_TIMEOUT));
            }
            api.awaitOnline(0, loa.process(), System.nanoTime(), CONNECT_TIMEOUT);
            start = System.nanoTime();
            try (ChildProcess again = fleet.start("fleet", count, mqttPort, fleetArgs, dir.resolve("fleet-2.log"))) {
                result.put("reconnectSeconds", api.awaitOnline(count, again, start, CONNECT_TIMEOUT));
                Thread.sleep(5_000);
                Memory connected = Memory.of(loa.process(), api);
                result.put("memory", connected.perSpeakerOver(baseline, count));
                // untimed rounds first: the simulator's JIT (and the server's) must not be what is measured
                for (int i = 0; i < ControlBench.WARM_UP_ROUNDS; i++) {
                    areaCommand(api, provinceId, count);
                }
                result.put("areaCommand", areaCommand(api, provinceId, count));
                result.put("singleDeviceRoundTrip", singleRoundTrips(api));
            }
        }
        return result;
    }

    private static Map<String, Object> areaCommand(LoaApi api, long provinceId, int count)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        JsonNode sent = api.post("/api/areas/" + provinceId + "/commands",
                Map.of("type", "volume", "value", 55, "expiresIn", 60));
        JsonNode status = awaitDone(api, sent.get("id").asText());
        double untilAllMs = (System.nanoTime() - start) / 1e6;
        List<Long> latencies = new ArrayList<>();
        for (JsonNode r : status.get("results")) {
            if ("ok".equals(r.get("status").asText())) {
                latencies.add(r.get("latencyMs").asLong());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>(new Distribution(latencies).summary());
        m.put("targets", count);
        m.put("summary", status.get("summary"));
        m.put("untilAllResultsMs", Math.round(untilAllMs));
        return m;
    }

    private Map<String, Object> singleRoundTrips(LoaApi api) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        api.get("/api/devices?online=true&limit=1000").get("items").forEach(d -> ids.add(d.get("id").asText()));
        Random random = new Random(42);
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < singleRoundTrips; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            long start = System.nanoTime();
            JsonNode sent = api.post("/api/devices/" + id + "/commands", Map.of("type", "ping"));
            JsonNode done = awaitDone(api, sent.get("id").asText());
            if (!"ok".equals(done.get("results").get(0).get("status").asText())) {
                throw new IOException("ping to " + id + " did not succeed: " + done);
            }
            samples.add((System.nanoTime() - start) / 1e6);
        }
        return new Distribution(samples).summary();
    }

    private static JsonNode awaitDone(LoaApi api, String commandId) throws IOException, InterruptedException {
        for (int i = 0; i < 10; i++) {
            JsonNode status = api.get("/api/commands/" + commandId + "?wait=30000");
            if (status.get("done").asBoolean()) {
                return status;
            }
        }
        throw new IOException("command " + commandId + " not done after 300 s");
    }

    /** Server memory at one moment: RSS and heap after a full collection. */
    private record Memory(long rssBytes, long heapBytes) {
        static Memory of(ChildProcess server, LoaApi api) throws IOException, InterruptedException {
            server.requestGc();
            Thread.sleep(500);
            return new Memory(server.rssBytes(), (long) api.metric("jvm_memory_used_bytes", "area=\"heap\""));
        }

        Map<String, Object> perSpeakerOver(Memory baseline, int count) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("baselineRssMb", baseline.rssBytes / 1_048_576);
            m.put("connectedRssMb", rssBytes / 1_048_576);
            m.put("baselineHeapMb", baseline.heapBytes / 1_048_576);
            m.put("connectedHeapMb", heapBytes / 1_048_576);
            m.put("rssPerSpeakerKb", (rssBytes - baseline.rssBytes) / 1024.0 / count);
            m.put("heapPerSpeakerKb", (heapBytes - baseline.heapBytes) / 1024.0 / count);
            return m;
        }
    }
}
