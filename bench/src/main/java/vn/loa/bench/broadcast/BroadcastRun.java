package vn.loa.bench.broadcast;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.bench.support.ApiStatusException;
import vn.loa.bench.support.BenchProvince;
import vn.loa.bench.support.LoaApi;
import vn.loa.bench.support.LoaServerProcess;
import vn.loa.bench.support.WorkDirectory;
import vn.loa.sim.Fleet;
import vn.loa.sim.FleetOptions;
import vn.loa.sim.SimulatedSpeaker;
import vn.loa.sim.audio.EpochClock;
import vn.loa.sim.audio.PlaybackRecord;

/**
 * One run: the server in its own JVM, the simulated fleet in this one (so the speakers' first-audio instants are
 * read directly), a NORMAL broadcast per commune, then a province-wide EMERGENCY over them and its end.
 */
final class BroadcastRun {
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastRun.class);
    static final String SERIAL_PREFIX = "BENCH-";
    /** Longest wait for the whole fleet to be online. */
    static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(3);
    /** Share of the fleet that must be online after {@link #CONNECT_TIMEOUT} for the run to go on. */
    static final double MIN_ONLINE_SHARE = 0.99;
    /** Longest wait for every speaker to play its commune's broadcast at the start. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    /** Longest wait for the speakers to switch to the emergency, or back; a speaker later than this is missing. */
    static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(30);
    /** Quiet time once every commune broadcast plays, so the emergency does not land on a start still settling. */
    static final Duration SETTLE = Duration.ofSeconds(3);
    /**
     * Pause between two commune broadcasts' starts, so the start of a hundred does not land as one burst of joins:
     * what is measured is the emergency over them, not their start.
     */
    static final Duration COMMUNE_START_SPACING = Duration.ofMillis(100);
    static final double COMMUNE_TONE_HZ = 440;
    static final double EMERGENCY_TONE_HZ = 880;

    private final BroadcastSetup setup;
    private final List<String> serverCommand;
    private final Path dir;
    private final Map<String, Object> report = new LinkedHashMap<>();

    /** What a run measured: the report's fields and the times the plot draws (resume null if it never began). */
    record Result(Map<String, Object> report, TimeToPlay emergency, TimeToPlay resume) {
    }

    BroadcastRun(BroadcastSetup setup, List<String> serverCommand, Path dir) {
        this.setup = setup;
        this.serverCommand = serverCommand;
        this.dir = dir;
    }

    Result run() throws IOException, InterruptedException {
        WorkDirectory.fresh(dir);
        report.put("setup", setup.asMap());
        try (LoaServerProcess loa = LoaServerProcess.start(serverCommand, dir)) {
            LoaApi api = loa.api();
            FleetOptions options = fleetOptions(loa.mqttPort());
            BenchProvince province = BenchProvince.load(api, setup.communes(), options.serials());
            long communeTone = upload(api, "ban-tin-xa.wav", COMMUNE_TONE_HZ);
            long emergencyTone = upload(api, "bao-dong-khan-cap.wav", EMERGENCY_TONE_HZ);
            LOG.info("province of {} communes and two {} s tones loaded; starting {} speakers", setup.communes(),
                    setup.mediaSeconds(), setup.speakers());
            try (Fleet fleet = Fleet.create(options)) {
                UdpDropsSince drops = new UdpDropsSince(loa.process().pid());
                try {
                    return measure(api, fleet, province, communeTone, emergencyTone, loa);
                } finally {
                    report.put("udpReceiveDrops", drops.now());
                }
            }
        }
    }

    private Result measure(LoaApi api, Fleet fleet, BenchProvince province, long communeTone, long emergencyTone,
                           LoaServerProcess loa) throws IOException, InterruptedException {
        long start = System.nanoTime();
        fleet.start();
        awaitFleetOnline(api, loa, start);
        FirstPlayWatch watch = new FirstPlayWatch(fleet, new BroadcastsOnAir(api));
        Map<String, String> communeBroadcastOf = startCommuneBroadcasts(api, watch, fleet, province, communeTone);
        Thread.sleep(SETTLE.toMillis());

        Round cold = emergencyRound(api, watch, fleet, province, communeBroadcastOf, emergencyTone, 1);
        report.put("firstEmergency", cold.toEmergency().report());
        if (cold.back() == null) {
            report.put("firstResume", Map.of("error", cold.stopError()));
            return new Result(report, cold.toEmergency().times(), null);
        }
        report.put("firstResume", cold.back().report());
        Thread.sleep(SETTLE.toMillis());

        Round warm = emergencyRound(api, watch, fleet, province, communeBroadcastOf, emergencyTone, 2);
        report.put("emergency", warm.toEmergency().report());
        report.put("targets", BroadcastVerdict.targets(warm.toEmergency().times()));
        if (warm.back() == null) {
            report.put("resume", Map.of("error", warm.stopError()));
            return new Result(report, warm.toEmergency().times(), null);
        }
        report.put("resume", warm.back().report());
        return new Result(report, warm.toEmergency().times(), warm.back().times());
    }

    /** One emergency over the commune broadcasts and their resume; {@code back} is null if it could not be stopped. */
    private record Round(Switch toEmergency, Switch back, String stopError) {
    }

    /**
     * A province-wide EMERGENCY held for the configured time, then stopped. The first round after start-up also
     * measures the server compiling its preemption paths; the second is the one the targets are judged on.
     */
    private Round emergencyRound(LoaApi api, FirstPlayWatch watch, Fleet fleet, BenchProvince province,
                                 Map<String, String> communeBroadcastOf, long emergencyTone, int round)
            throws IOException, InterruptedException {
        Map<String, String> online = onlineOnly(fleet, communeBroadcastOf);
        long t0 = nowMillis();
        WhenNotBusy.Answer started = start(api, "Báo động khẩn cấp toàn tỉnh " + round, emergencyTone,
                province.provinceId(), "EMERGENCY");
        String emergency = started.body().get("id").asText();
        Map<String, String> emergencyOf = new HashMap<>();
        online.keySet().forEach(device -> emergencyOf.put(device, emergency));
        Switch toEmergency = awaitSwitch(watch, "emergency " + round, emergencyOf, t0, started.attempts());

        Thread.sleep(Math.max(0, t0 + setup.emergencySeconds() * 1000L - nowMillis()));
        Map<String, String> resumeOf = onlineOnly(fleet, communeBroadcastOf);
        long t1 = nowMillis();
        WhenNotBusy.Answer stopped;
        try {
            stopped = WhenNotBusy.call(() -> api.delete("/api/broadcasts/" + emergency));
        } catch (ApiStatusException refused) {
            // the emergency's measure stands; there is no resume to measure
            LOG.error("emergency {} could not be stopped: {}", round, refused.getMessage());
            return new Round(toEmergency, null, refused.getMessage());
        }
        return new Round(toEmergency, awaitSwitch(watch, "resume " + round, resumeOf, t1, stopped.attempts()), null);
    }

    /**
     * Waits for the whole fleet; a straggler or two (a speaker in its reconnect back-off, say) after the wait do not
     * stop the run, as the targets count the online speakers. Below {@link #MIN_ONLINE_SHARE} the run fails.
     */
    private void awaitFleetOnline(LoaApi api, LoaServerProcess loa, long startNanos)
            throws IOException, InterruptedException {
        try {
            report.put("connectSeconds", api.awaitOnline(setup.speakers(), loa.process(), startNanos,
                    CONNECT_TIMEOUT));
            report.put("onlineAtStart", setup.speakers());
        } catch (IOException notAll) {
            loa.process().requireAlive();
            long online = (long) api.metric("loa_devices_online");
            if (online < MIN_ONLINE_SHARE * setup.speakers()) {
                throw notAll;
            }
            LOG.warn("{} of {} speakers online after {}; going on with them", online, setup.speakers(),
                    CONNECT_TIMEOUT);
            report.put("onlineAtStart", online);
        }
    }

    /** Starts a NORMAL broadcast in every commune and waits until the speakers play them; by device id. */
    private Map<String, String> startCommuneBroadcasts(LoaApi api, FirstPlayWatch watch, Fleet fleet,
                                                       BenchProvince province, long tone)
            throws IOException, InterruptedException {
        long since = nowMillis();
        List<String> communeBroadcasts = new ArrayList<>();
        for (int c = 0; c < setup.communes(); c++) {
            communeBroadcasts.add(start(api, "Bản tin xã " + (c + 1), tone, province.communeIds().get(c), "NORMAL")
                    .body().get("id").asText());
            Thread.sleep(COMMUNE_START_SPACING.toMillis());
        }
        Map<String, String> communeBroadcastOf = communeBroadcastOf(fleet, communeBroadcasts);
        Collection<PlaybackRecord> playing = watch.await("commune broadcasts", communeBroadcastOf, since,
                START_TIMEOUT).values();
        Map<String, Object> communes = new LinkedHashMap<>();
        communes.put("broadcasts", communeBroadcasts.size());
        communes.putAll(TimeToPlay.of(startedAt(playing), communeBroadcastOf.size(), since).summary());
        report.put("communeBroadcasts", communes);
        return communeBroadcastOf;
    }

    /** What has been measured so far: all of it after {@link #run()}, up to the failure if it failed. */
    Map<String, Object> report() {
        return report;
    }

    /** How the speakers switched after a call made at {@code callMillis}. */
    record Switch(TimeToPlay times, Map<String, Object> report) {
    }

    static Switch awaitSwitch(FirstPlayWatch watch, String what, Map<String, String> expected,
                              long callMillis, int attempts) throws IOException, InterruptedException {
        long answered = nowMillis();
        Collection<PlaybackRecord> firstPlays = watch.await(what, expected, callMillis, SWITCH_TIMEOUT).values();
        TimeToPlay times = TimeToPlay.of(startedAt(firstPlays), expected.size(), callMillis);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("apiCallMs", answered - callMillis);
        report.put("apiAttempts", attempts);
        report.putAll(times.summary());
        report.put("stages", SwitchStages.of(firstPlays, callMillis));
        return new Switch(times, report);
    }

    static List<Long> startedAt(Collection<PlaybackRecord> firstPlays) {
        return firstPlays.stream().map(PlaybackRecord::startedAtMillis).toList();
    }

    private FleetOptions fleetOptions(int mqttPort) {
        return fleetOptions(setup, "tcp://127.0.0.1:" + mqttPort).provisioningKey(LoaServerProcess.PROVISIONING_KEY)
                .build();
    }

    /** The fleet both runs use, before what only one of them sets. */
    static FleetOptions.Builder fleetOptions(BroadcastSetup setup, String brokerUri) {
        return FleetOptions.builder().count(setup.speakers()).serials(SERIAL_PREFIX, 1).serverUri(brokerUri)
                .rampRate(setup.rampRate()).telemetryPeriod(Duration.ofSeconds(30)).decodeShare(setup.decodeShare());
    }

    private long upload(LoaApi api, String fileName, double frequencyHz) throws IOException, InterruptedException {
        return api.postFile("/api/media", fileName, "audio/wav", ToneWav.of(frequencyHz, setup.mediaSeconds()))
                .get("id").asLong();
    }

    private static WhenNotBusy.Answer start(LoaApi api, String name, long media, long areaId, String priority)
            throws IOException, InterruptedException {
        return WhenNotBusy.call(() -> api.post("/api/broadcasts", Map.of("name", name,
                "source", Map.of("type", "media", "media", List.of(media), "loop", true),
                "targets", Map.of("areas", List.of(Long.toString(areaId))), "priority", priority)));
    }

    /**
     * What each speaker (by device id) should play, given what each commune plays: speaker i is in commune i mod
     * communes.
     */
    static Map<String, String> communeBroadcastOf(Fleet fleet, List<String> communeBroadcasts) {
        Map<String, String> of = new HashMap<>();
        List<SimulatedSpeaker> speakers = fleet.speakers();
        for (int i = 0; i < speakers.size(); i++) {
            of.put(speakers.get(i).deviceId(),
                    communeBroadcasts.get(BenchProvince.communeOf(i, communeBroadcasts.size())));
        }
        return of;
    }

    /** The entries of speakers connected now: the targets count the online speakers only. */
    static Map<String, String> onlineOnly(Fleet fleet, Map<String, String> byDevice) {
        Map<String, String> online = new HashMap<>();
        for (SimulatedSpeaker s : fleet.speakers()) {
            if (s.connected()) {
                online.put(s.deviceId(), byDevice.get(s.deviceId()));
            }
        }
        if (online.size() < byDevice.size()) {
            LOG.warn("{} of {} speakers are offline and not counted", byDevice.size() - online.size(), byDevice.size());
        }
        return online;
    }

    /** Receive-buffer drops on the server's and on this JVM's (the fleet's) UDP sockets since it was made. */
    private static final class UdpDropsSince {
        private final long serverPid;
        private final long server;
        private final long fleet;

        UdpDropsSince(long serverPid) throws IOException {
            this.serverPid = serverPid;
            this.server = UdpSocketDrops.ofProcess(serverPid);
            this.fleet = UdpSocketDrops.ofProcess(ProcessHandle.current().pid());
        }

        /** The drops so far; an error instead if they can no longer be read (the server has exited, say). */
        Map<String, Object> now() {
            Map<String, Object> m = new LinkedHashMap<>();
            try {
                m.put("server", UdpSocketDrops.ofProcess(serverPid) - server);
                m.put("fleet", UdpSocketDrops.ofProcess(ProcessHandle.current().pid()) - fleet);
            } catch (IOException e) {
                m.put("error", "cannot read the drop counters: " + e.getMessage());
            }
            return m;
        }
    }

    /** The speakers' clock: their first-audio instants are epoch ms read from it. */
    static long nowMillis() {
        return EpochClock.nowNanos() / 1_000_000;
    }
}
