package vn.loa.bench.broadcast;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.bench.support.BareMosquitto;
import vn.loa.bench.support.ChildProcess;
import vn.loa.bench.support.WorkDirectory;
import vn.loa.protocol.Topics;
import vn.loa.sim.Fleet;

/**
 * The floor of the broadcast benchmark: the same fleet making the same switches (every speaker told to play a
 * fresh stream over the hundred it plays, then told back) with none of Loa's decision path: a bare Mosquitto
 * broker and {@link FloorServerMain}, which only streams and publishes play orders. What this takes is what the
 * machine, the simulated speakers and the streamer take; Loa's own share is its ratio against it.
 */
final class BroadcastFloorRun {
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastFloorRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bare mode needs a broadcast topic; the floor never publishes on it. */
    static final String BARE_TOPIC = Topics.groupCommand("floor");
    static final int EMERGENCY_VOLUME = 100;

    private final BroadcastSetup setup;
    private final Path dir;
    private final Map<String, Object> report = new LinkedHashMap<>();

    BroadcastFloorRun(BroadcastSetup setup, Path dir) {
        this.setup = setup;
        this.dir = dir;
    }

    /** What the floor measured: the report's fields and the judged round's emergency times. */
    record Result(Map<String, Object> report, TimeToPlay emergency) {
    }

    Result run() throws IOException, InterruptedException {
        WorkDirectory.fresh(dir);
        try (BareMosquitto broker = BareMosquitto.start(dir.resolve("mosquitto"));
             ChildProcess server = ChildProcess.startTalking("floor server", List.of("java", "-cp",
                     System.getProperty("java.class.path"), FloorServerMain.class.getName(), broker.uri()),
                     dir.resolve("floor-server.log"));
             Fleet fleet = Fleet.create(BroadcastRun.fleetOptions(setup, broker.uri()).bareTopic(BARE_TOPIC).build())) {
            server.nextJsonLine();
            long start = System.nanoTime();
            fleet.start();
            if (!fleet.awaitConnected(setup.speakers(), BroadcastRun.CONNECT_TIMEOUT)
                    && fleet.connectedCount() < BroadcastRun.MIN_ONLINE_SHARE * setup.speakers()) {
                broker.process().requireAlive();
                throw new IOException("only " + fleet.connectedCount() + " of " + setup.speakers()
                        + " speakers connected to the floor's broker");
            }
            report.put("connectSeconds", (System.nanoTime() - start) / 1e9);
            FloorServer floor = new FloorServer(server);
            FirstPlayWatch watch = new FirstPlayWatch(fleet, StreamsOnAir.oneStreamEach());
            Map<String, String> communeOf = startCommuneStreams(floor, watch, fleet);
            Thread.sleep(BroadcastRun.SETTLE.toMillis());
            Round cold = round(floor, watch, fleet, communeOf, 1);
            report.put("firstEmergency", cold.toEmergency().report());
            report.put("firstResume", cold.back().report());
            Thread.sleep(BroadcastRun.SETTLE.toMillis());
            Round warm = round(floor, watch, fleet, communeOf, 2);
            report.put("emergency", warm.toEmergency().report());
            report.put("resume", warm.back().report());
            return new Result(report, warm.toEmergency().times());
        }
    }

    /** What has been measured so far. */
    Map<String, Object> report() {
        return report;
    }

    private Map<String, String> startCommuneStreams(FloorServer floor, FirstPlayWatch watch, Fleet fleet)
            throws IOException, InterruptedException {
        List<String> communeStreams = new ArrayList<>();
        for (int c = 1; c <= setup.communes(); c++) {
            communeStreams.add("commune-" + c);
            floor.open("commune-" + c);
        }
        Map<String, String> communeOf = BroadcastRun.communeBroadcastOf(fleet, communeStreams);
        long since = BroadcastRun.nowMillis();
        floor.play(communeOf, null);
        Map<String, Object> communes = new LinkedHashMap<>();
        communes.put("streams", setup.communes());
        communes.putAll(TimeToPlay.of(BroadcastRun.startedAt(watch.await("floor: commune streams", communeOf, since,
                BroadcastRun.START_TIMEOUT).values()), communeOf.size(), since).summary());
        report.put("communeStreams", communes);
        return communeOf;
    }

    private record Round(BroadcastRun.Switch toEmergency, BroadcastRun.Switch back) {
    }

    /** Every online speaker to a fresh stream at full volume, the configured time on it, then back. */
    private Round round(FloorServer floor, FirstPlayWatch watch, Fleet fleet, Map<String, String> communeOf,
                        int round) throws IOException, InterruptedException {
        String emergency = "emergency-" + round;
        floor.open(emergency);
        Map<String, String> emergencyOf = new HashMap<>();
        BroadcastRun.onlineOnly(fleet, communeOf).keySet().forEach(device -> emergencyOf.put(device, emergency));
        long t0 = BroadcastRun.nowMillis();
        floor.play(emergencyOf, EMERGENCY_VOLUME);
        BroadcastRun.Switch toEmergency = BroadcastRun.awaitSwitch(watch, "floor: emergency " + round, emergencyOf,
                t0, 1);
        Thread.sleep(Math.max(0, t0 + setup.emergencySeconds() * 1000L - BroadcastRun.nowMillis()));
        Map<String, String> resumeOf = BroadcastRun.onlineOnly(fleet, communeOf);
        long t1 = BroadcastRun.nowMillis();
        floor.play(resumeOf, null);
        BroadcastRun.Switch back = BroadcastRun.awaitSwitch(watch, "floor: resume " + round, resumeOf, t1, 1);
        floor.close(emergency);
        return new Round(toEmergency, back);
    }

    /** The floor server's requests, one JSON line each way. */
    private static final class FloorServer {
        private final ChildProcess process;

        FloorServer(ChildProcess process) {
            this.process = process;
        }

        void open(String stream) throws IOException {
            ask(Map.of("open", stream));
        }

        void close(String stream) throws IOException {
            ask(Map.of("close", stream));
        }

        /** A play order to each speaker for its stream (device id to stream id), at {@code volume} if not null. */
        void play(Map<String, String> streamOf, Integer volume) throws IOException {
            Map<String, List<String>> devicesOf = new TreeMap<>();
            streamOf.forEach((device, stream) -> devicesOf.computeIfAbsent(stream, s -> new ArrayList<>()).add(device));
            List<Map<String, Object>> plays = new ArrayList<>();
            devicesOf.forEach((stream, devices) -> {
                Map<String, Object> play = new LinkedHashMap<>();
                play.put("stream", stream);
                play.put("volume", volume);
                play.put("devices", devices);
                plays.add(play);
            });
            String answer = ask(Map.of("play", plays));
            LOG.info("floor server: {}", answer);
        }

        private String ask(Map<String, Object> request) throws IOException {
            process.requireAlive();
            process.tell(JSON.writeValueAsString(request));
            return process.nextJsonLine();
        }
    }
}
