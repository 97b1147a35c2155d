package vn.loa.bench.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vn.loa.bench.support.LoaServerProcess;
import vn.loa.bench.support.ResultJson;

/**
 * scripts/bench live: an operator goes live from the console in headless Chromium to a province of simulated
 * speakers; latency from the browser handing a microphone frame to its socket to a speaker playing it.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
        description = "Live: browser microphone to decoded audio at simulated speakers, latency p50/p99.")
public final class LiveBench implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveBench.class);
    static final String JSON_FILE = "live.json";
    static final String PNG_FILE = "live.png";

    @Spec
    CommandSpec spec;

    @Option(names = "--speakers", defaultValue = "1000", description = "simulated speakers listening")
    int speakers;

    @Option(names = "--seconds", defaultValue = "30", description = "how long the clicks are measured")
    int seconds;

    @Option(names = "--communes", defaultValue = "10", description = "communes of the province the broadcast targets")
    int communes;

    @Option(names = "--decode-share", defaultValue = "0.02",
            description = "share of speakers that decode (and time the clicks); the others only keep time")
    double decodeShare;

    @Option(names = "--ramp-rate", defaultValue = "300", description = "speakers powered on per second")
    double rampRate;

    @Option(names = "--server-jar", defaultValue = "controller/target/loa-server.jar")
    Path serverJar;

    @Option(names = "--work-dir", defaultValue = "bench/work")
    Path workDir;

    @Option(names = "--out", defaultValue = "bench/results")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        LiveSetup setup;
        try {
            setup = new LiveSetup(speakers, communes, seconds, decodeShare, rampRate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        LiveRun run = new LiveRun(setup, LoaServerProcess.jarCommand(serverJar), workDir.resolve("live"));
        try {
            LiveRun.Result result = run.run();
            write(result.report());
            LivePlot.write(result.heard(), result.latencyTargetMillis(), setup.speakers(), outDir.resolve(PNG_FILE));
        } catch (IOException | RuntimeException e) {
            LOG.error("the run failed: {}", e.toString());
            Map<String, Object> failed = new LinkedHashMap<>(run.report());
            failed.put("error", e.toString());
            write(failed);
            Files.deleteIfExists(outDir.resolve(PNG_FILE)); // a plot of an earlier run must not pass for this one
            return 1;
        }
        LOG.info("latency: {}; targets: {}", run.report().get("latencyMs"), run.report().get("targets"));
        LOG.info("wrote {} and {}", outDir.resolve(JSON_FILE), outDir.resolve(PNG_FILE));
        return 0;
    }

    private void write(Map<String, Object> measured) throws IOException {
        Map<String, Object> report = ResultJson.start("live");
        report.putAll(measured);
        ResultJson.write(report, outDir.resolve(JSON_FILE));
    }
}
