package vn.loa.bench.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.bench.live.ClickTrack.MicFrame;
import vn.loa.bench.live.ConsoleOperator.ClockOffset;
import vn.loa.bench.support.BenchProvince;
import vn.loa.bench.support.LoaApi;
import vn.loa.bench.support.LoaServerProcess;
import vn.loa.bench.support.WavFiles;
import vn.loa.bench.support.WorkDirectory;
import vn.loa.sim.Fleet;
import vn.loa.sim.FleetOptions;
import vn.loa.sim.SimulatedSpeaker;
import vn.loa.sim.audio.EpochClock;
import vn.loa.sim.audio.PlaybackRecord;
import vn.loa.sim.audio.PlaybackStats;

/**
 * One run: the server in its own JVM, the simulated fleet in this one (so the speakers' playout instants are read
 * directly), and an operator in headless Chromium who goes live on the whole province from the console's live
 * page, the fake microphone clicking twice a second. Each click's latency is the instant a decoding speaker played
 * its onset minus the instant the browser handed the frame carrying it to the WebSocket.
 */
final class LiveRun {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRun.class);
    static final String SERIAL_PREFIX = "LIVE-";
    static final String OPERATOR = "bench-operator";
    static final String OPERATOR_PASSWORD = "bench-operator-password";
    static final String PRIORITY = "NORMAL";
    static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(3);
    /**
     * How long a speaker waits for its credentials. The server hashes a secret per speaker; on this shared machine a
     * thousand of them at once outlast the simulator's default, and a speaker that asks again is refused as already
     * provisioned.
     */
    static final Duration PROVISION_REPLY_TIMEOUT = Duration.ofSeconds(90);
    /** Longest wait, after pressing start, for the speakers to play the live broadcast. */
    static final Duration PLAY_TIMEOUT = Duration.ofMinutes(1);
    /** Share of the online speakers that must play it before the clicks are measured. */
    static final double MIN_PLAYING_SHARE = 0.99;
    /** Longest wait, after pressing stop, for the decoding speakers to end and write their recordings. */
    static final Duration END_TIMEOUT = Duration.ofSeconds(30);
    /** Clicks sent this close to pressing stop may be cut off on their way: they are not counted as expected. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(1);
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final LiveSetup setup;
    private final List<String> serverCommand;
    private final Path dir;
    private final Map<String, Object> report = new LinkedHashMap<>();

    /** What a run measured: the report's fields and every heard click (all decoding speakers) for the plot. */
    record Result(Map<String, Object> report, List<HeardClicks.Heard> heard, double latencyTargetMillis) {
    }

    LiveRun(LiveSetup setup, List<String> serverCommand, Path dir) {
        this.setup = setup;
        this.serverCommand = serverCommand;
        this.dir = dir;
    }

    /** What has been measured so far: all of it after {@link #run()}, up to the failure if it failed. */
    Map<String, Object> report() {
        return report;
    }

    Result run() throws IOException, InterruptedException {
        WorkDirectory.fresh(dir);
        report.put("setup", setup.asMap());
        try (LoaServerProcess loa = LoaServerProcess.start(serverCommand, dir)) {
            LoaApi api = loa.api();
            FleetOptions options = fleetOptions(loa.mqttPort());
            BenchProvince province = BenchProvince.load(api, setup.communes(), options.serials());
            api.post("/api/users", Map.of("username", OPERATOR, "password", OPERATOR_PASSWORD, "role", "operator",
                    "displayName", "Cán bộ trực đài (benchmark)"));
            try (Fleet fleet = Fleet.create(options)) {
                long start = System.nanoTime();
                fleet.start();
                report.put("connectSeconds", api.awaitOnline(setup.speakers(), loa.process(), start,
                        CONNECT_TIMEOUT));
                try (ConsoleOperator operator = ConsoleOperator.start("http://127.0.0.1:" + loa.httpPort(),
                        Files.createDirectories(dir.resolve("browser")), ClickTrack.wav())) {
                    return measure(api, fleet, operator, province.provinceId(), options);
                }
            }
        }
    }

    private Result measure(LoaApi api, Fleet fleet, ConsoleOperator operator, long provinceId, FleetOptions options)
            throws IOException, InterruptedException {
        operator.signIn(OPERATOR, OPERATOR_PASSWORD);
        ClockOffset clockBefore = operator.clockOffset();
        long pressedStart = nowMillis();
        operator.goLive(provinceId, PRIORITY);
        String stream = liveStream(api);
        Map<String, Long> playing = awaitPlaying(fleet, stream, pressedStart);
        report.put("speakersPlayingAtStart", playing.size());
        report.put("startToLastSpeakerPlayingMs", playing.values().stream().mapToLong(at -> at - pressedStart).max()
                .orElse(-1));

        List<MicFrame> frames = new ArrayList<>(operator.takeFrames());
        long windowFrom = nowMillis();
        LOG.info("{} speakers play the live broadcast; measuring clicks for {} s", playing.size(), setup.seconds());
        long windowEnds = System.nanoTime() + Duration.ofSeconds(setup.seconds()).toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        while (System.nanoTime() < windowEnds) {
            Thread.sleep(POLL.toMillis());
            frames.addAll(operator.takeFrames());
            if (System.nanoTime() > nextProgress) {
                LOG.info("{} frames from the microphone so far", frames.size());
                nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
        }
        Map<String, PlaybackStats> whilePlaying = fleet.playback();
        frames.addAll(operator.takeFrames());
        ClockOffset clockAfter = operator.clockOffset();
        long pressedStop = nowMillis();
        operator.stopLive();

        double offset = (clockBefore.millis() + clockAfter.millis()) / 2;
        report.put("browserClockOffsetMs", Map.of("before", clockBefore.millis(), "after", clockAfter.millis(),
                "readingUncertaintyMs", Math.max(clockBefore.uncertaintyMillis(), clockAfter.uncertaintyMillis())));
        report.put("microphone", MicrophoneFigures.of(frames));
        List<Double> sends = ClickTrack.clickSends(frames).stream()
                .filter(s -> s >= windowFrom + offset && s <= pressedStop + offset - STOP_MARGIN.toMillis())
                .toList();
        report.put("clicksSent", sends.size());
        report.put("speakers", SpeakerFigures.of(whilePlaying, stream, setup.speakers()));
        return judge(fleet, stream, sends, offset, options);
    }

    /** The live broadcast the page started, once the server lists it: the id of its (main) stream. */
    private static String liveStream(LoaApi api) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PLAY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode b : api.get("/api/broadcasts?active=true").path("items")) {
                JsonNode streams = b.path("onAir").path("streams");
                if ("live".equals(b.path("source").path("type").asText()) && streams.size() > 0) {
                    JsonNode main = streams.get(0);
                    return main.isTextual() ? main.asText() : main.path("id").asText();
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IOException("no live broadcast on air " + PLAY_TIMEOUT + " after pressing start");
    }

    /** Waits until most online speakers play the stream; the instant each first played it (epoch ms). */
    private static Map<String, Long> awaitPlaying(Fleet fleet, String stream, long sinceMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PLAY_TIMEOUT.toNanos();
        while (true) {
            Map<String, Long> playing = fleet.firstAudio(stream, sinceMillis);
            int online = fleet.connectedCount();
            if (playing.size() >= MIN_PLAYING_SHARE * online) {
                return playing;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + playing.size() + " of " + online + " online speakers play the live"
                        + " broadcast " + PLAY_TIMEOUT + " after pressing start");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Matches the clicks each decoding speaker played to the ones sent; every latency on the browser's clock. */
    private Result judge(Fleet fleet, String stream, List<Double> sends, double offset, FleetOptions options)
            throws IOException, InterruptedException {
        List<HeardClicks.Heard> heard = new ArrayList<>();
        List<Map<String, Object>> perSpeaker = new ArrayList<>();
        int expectedTotal = 0;
        for (SimulatedSpeaker speaker : fleet.speakers()) {
            String device = speaker.deviceId();
            if (device == null || !options.audio().decodes(device)) {
                continue;
            }
            Path wav = options.audio().wavDirectory().resolve(device + "-" + stream + ".wav");
            PlaybackRecord record = awaitRecording(fleet, device, stream, wav);
            if (record == null || record.startedAtMillis() == null || !Files.exists(wav)) {
                perSpeaker.add(Map.of("device", device, "error", "no recording of the live broadcast"));
                continue;
            }
            double firstFrame = record.startedAtMillis() + offset;
            List<Double> expected = sends.stream().filter(s -> s >= firstFrame).toList();
            List<Double> onsets = HeardClicks.onsetInstants(WavFiles.read(wav), record.startedAtMillis()).stream()
                    .map(at -> at + offset).toList();
            List<HeardClicks.Heard> mine = HeardClicks.match(onsets, expected);
            heard.addAll(mine);
            expectedTotal += expected.size();
            perSpeaker.add(Map.of("device", device, "clicksExpected", expected.size(), "clicksHeard", mine.size()));
        }
        if (perSpeaker.isEmpty()) {
            throw new IOException("no speaker of " + setup.speakers() + " decodes at a decode share of "
                    + setup.decodeShare() + ": raise --decode-share");
        }
        report.put("decodingSpeakers", perSpeaker);
        report.put("clicks", Map.of("expected", expectedTotal, "heard", heard.size()));
        LatencyVerdict verdict = LatencyVerdict.of(heard);
        report.put("latencyMs", verdict.summary());
        report.put("targets", verdict.targets());
        report.put("peer", "none: the issue names no peer for browser-to-speaker latency");
        return new Result(report, heard, LatencyVerdict.TARGET_P99_MILLIS);
    }

    /** The speaker's playback of the stream once it has ended and its recording is written; null if none. */
    private static PlaybackRecord awaitRecording(Fleet fleet, String device, String stream, Path wav)
            throws InterruptedException {
        long deadline = System.nanoTime() + END_TIMEOUT.toNanos();
        while (true) {
            PlaybackRecord last = null;
            for (PlaybackRecord r : fleet.history().getOrDefault(device, List.of())) {
                if (stream.equals(r.streamId())) {
                    last = r;
                }
            }
            if ((last != null && last.endedAtMillis() != null && Files.exists(wav)) || System.nanoTime() > deadline) {
                return last;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private FleetOptions fleetOptions(int mqttPort) {
        return FleetOptions.builder().count(setup.speakers()).serials(SERIAL_PREFIX, 1)
                .serverUri("tcp://127.0.0.1:" + mqttPort).provisioningKey(LoaServerProcess.PROVISIONING_KEY)
                .rampRate(setup.rampRate()).telemetryPeriod(Duration.ofSeconds(30)).decodeShare(setup.decodeShare())
                .provisionReplyTimeout(PROVISION_REPLY_TIMEOUT).wavDirectory(dir.resolve("recordings")).build();
    }

    /** The speakers' clock: their playout instants are epoch ms read from it. */
    private static long nowMillis() {
        return EpochClock.nowNanos() / 1_000_000;
    }
}
