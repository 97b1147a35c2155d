package vn.loa.bench.stream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vn.loa.bench.support.ResultJson;

/**
 * scripts/bench stream: one stream fanned out over loopback to N receivers, by Loa (20 ms live-encoded and
 * 60 ms pre-encoded frames) and by GStreamer multiudpsink (20 ms) in the same run, then JSON and a plot.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "RTP fan-out: sender CPU, packets on time and jitter, Loa against GStreamer multiudpsink.")
public final class StreamBench implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamBench.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", defaultValue = "500,1000,2000,5000,10000", description = "receiver counts")
    List<Integer> sizes;

    @Option(names = "--seconds", defaultValue = "20", description = "measured window per run")
    int seconds;

    /*
     * The window measures steady-state cost, so the warm-up must outlast the JVM sender's start-up compilation: at
     * 60 ms frames its fan-out path runs only 17 times a second and C2 compiles it 5-7 s after start, and a shorter
     * warm-up charges that one-time compiler CPU (about 7 ms a second at 500 receivers) to the packets of the window.
     */
    @Option(names = "--warm-up-seconds", defaultValue = "10", description = "streaming before the window opens")
    int warmUpSeconds;

    @Option(names = "--latency-clicks", defaultValue = "10",
            description = "clicks for the live latency measure (one a second; 0 skips it)")
    int latencyClicks;

    @Option(names = "--receiver-binary", defaultValue = "bench/target/rtp_arrivals")
    Path receiverBinary;

    @Option(names = "--peer-script", defaultValue = "bench/peer/multiudpsink_fanout.py")
    Path peerScript;

    @Option(names = "--bench-jar", defaultValue = "bench/target/loa-bench.jar")
    Path benchJar;

    @Option(names = "--work-dir", defaultValue = "bench/work/stream")
    Path workDir;

    @Option(names = "--out", defaultValue = "bench/results")
    Path outDir;

    /** A run that fails is recorded as such; the other runs still go ahead. */
    private static Map<String, Object> attempt(String what, Callable<Map<String, Object>> run) {
        try {
            return run.call();
        } catch (Exception e) {
            LOG.error("{} failed: {}", what, e.toString());
            return Map.of("error", String.valueOf(e));
        }
    }

    @Override
    public Integer call() throws Exception {
        if (sizes.stream().anyMatch(n -> n < 1 || n > LoopbackReceivers.MAX_RECEIVERS)) {
            throw new ParameterException(spec.commandLine(),
                    "--sizes: receiver counts must be within 1.." + LoopbackReceivers.MAX_RECEIVERS);
        }
        if (seconds < 1 || warmUpSeconds < 0 || latencyClicks < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--seconds must be at least 1, --warm-up-seconds and --latency-clicks at least 0");
        }
        for (Path needed : List.of(receiverBinary, peerScript, benchJar)) {
            if (!Files.isReadable(needed)) {
                throw new ParameterException(spec.commandLine(),
                        needed + " is missing: scripts/bench stream builds and finds everything it needs");
            }
        }
        StreamRun run = new StreamRun(receiverBinary, workDir, Duration.ofSeconds(warmUpSeconds),
                Duration.ofSeconds(seconds));
        List<SenderSide> sides = List.of(SenderSide.loa(20, benchJar), SenderSide.loa(60, benchJar),
                SenderSide.gstreamer(peerScript));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int receivers : sizes) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("receivers", receivers);
            for (SenderSide side : sides) {
                LOG.info("== {} receivers: {}", receivers, side.label());
                row.put(side.key(), attempt(side.label() + " with " + receivers + " receivers",
                        () -> run.run(side, receivers)));
                LOG.info("{} receivers, {}: {}", receivers, side.label(), row.get(side.key()));
            }
            row.put("ratios", StreamVerdict.ratios(row));
            LOG.info("{} receivers: ratios {}", receivers, row.get("ratios"));
            rows.add(row);
        }
        Map<String, Object> liveLatency = null;
        if (latencyClicks > 0) {
            LOG.info("== live latency: {} clicks to one simulated speaker", latencyClicks);
            liveLatency = attempt("live latency", new LiveLatencyRun(workDir, latencyClicks)::run);
            LOG.info("live latency: {}", liveLatency);
        }
        Map<String, Object> report = ResultJson.start("stream");
        report.put("method", method());
        report.put("sizes", rows);
        report.put("liveLatency", liveLatency);
        report.put("targets", StreamVerdict.targets(rows, liveLatency));
        ResultJson.write(report, outDir.resolve("stream.json"));
        StreamPlot.write(rows, outDir.resolve("stream.png"));
        LOG.info("targets: {}", report.get("targets"));
        LOG.info("wrote {} and {}", outDir.resolve("stream.json"), outDir.resolve("stream.png"));
        return 0;
    }

    private Map<String, Object> method() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowSeconds", seconds);
        m.put("warmUpSeconds", warmUpSeconds);
        m.put("onTimeToleranceMs", FanoutJudge.ON_TIME_TOLERANCE_NANOS / 1e6);
        m.put("schedule", "frame with RTP timestamp T due at baseline + (T - T0)/48 ms; baseline = the earliest first"
                + " copy's offset (the sender's best phase); a copy is on time if it arrives at most 5 ms after due");
        m.put("ownPhase", "additional information, not the verdict: per receiver, a copy's lateness is its offset from"
                + " the frame's due instant minus that receiver's median offset (its steady phase, which SR-timed playout"
                + " absorbs); on time if at most 5 ms; copies lost or of unknown receiver count as not on time");
        m.put("receivers", "distinct loopback addresses 127.1.0.1.. on one UDP socket; arrival stamped by the kernel,"
                + " destination (the receiver) from IP_PKTINFO");
        m.put("cpu", "utime+stime of the sender process over the window, from /proc/PID/stat; per receiver-second"
                + " of audio sent (packets x frame duration), realTimeShare = audio sent / (receivers x window)");
        m.put("loa20ms", "LivePcmSource fed a 1 kHz tone in real time (Opus encoding included), static listeners");
        m.put("loa60ms", "MediaFrameSource looping a 1 kHz tone pre-encoded once at 60 ms, static listeners");
        m.put("liveLatency", "clicks pushed into a LivePcmSource in real time, streamed to one device-sim speaker"
                + " (SR-timed playout, Concentus decode, WAV); latency = decoded onset played - click pushed");
        m.put("gstreamer20ms", "audiotestsrc is-live ! opusenc frame-size=20 (32 kbit/s, in-band FEC 10 %, as Loa live)"
                + " ! rtpopuspay ! multiudpsink, clients added one by one through GObject introspection");
        return m;
    }
}
