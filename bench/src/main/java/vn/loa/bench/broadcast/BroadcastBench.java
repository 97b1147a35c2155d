package vn.loa.bench.broadcast;

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
 * scripts/bench broadcast: a province-wide emergency preempting a NORMAL broadcast in every commune, timed from the
 * API call to each speaker's first emergency audio, and from its end to each speaker's commune broadcast again.
 */
@Command(name = "broadcast", mixinStandardHelpOptions = true,
        description = "Broadcasting: time until the speakers play a province-wide emergency, and resume after it.")
public final class BroadcastBench implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastBench.class);
    static final String JSON_FILE = "broadcast.json";
    static final String PNG_FILE = "broadcast.png";

    @Spec
    CommandSpec spec;

    @Option(names = "--speakers", defaultValue = "5000", description = "simulated speakers")
    int speakers;

    @Option(names = "--communes", defaultValue = "100", description = "communes, one NORMAL broadcast each")
    int communes;

    @Option(names = "--emergency-seconds", defaultValue = "10", description = "how long the emergency is on air")
    int emergencySeconds;

    @Option(names = "--media-seconds", defaultValue = "30", description = "length of each uploaded tone")
    int mediaSeconds;

    @Option(names = "--decode-share", defaultValue = "0.02",
            description = "share of speakers that decode the audio; the others only keep time")
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
        BroadcastSetup setup;
        try {
            setup = new BroadcastSetup(speakers, communes, emergencySeconds, mediaSeconds, decodeShare, rampRate);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        BroadcastRun run = new BroadcastRun(setup, LoaServerProcess.jarCommand(serverJar), workDir.resolve("broadcast"));
        try {
            write(run.run(), outDir);
        } catch (IOException e) {
            LOG.error("the run failed: {}", e.getMessage());
            Map<String, Object> failed = new LinkedHashMap<>(run.report());
            failed.put("error", e.getMessage());
            writeJson(failed, outDir);
            Files.deleteIfExists(outDir.resolve(PNG_FILE)); // a plot of an earlier run must not pass for this one
            return 1;
        }
        LOG.info("targets: {}", run.report().get("targets"));
        LOG.info("wrote {} and {}", outDir.resolve(JSON_FILE), outDir.resolve(PNG_FILE));
        return 0;
    }

    static void write(BroadcastRun.Result result, Path outDir) throws IOException {
        writeJson(result.report(), outDir);
        BroadcastPlot.write(result.emergency(), result.resume(), outDir.resolve(PNG_FILE));
    }

    private static void writeJson(Map<String, Object> measured, Path outDir) throws IOException {
        Map<String, Object> report = ResultJson.start("broadcast");
        report.putAll(measured);
        ResultJson.write(report, outDir.resolve(JSON_FILE));
    }
}
