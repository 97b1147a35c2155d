package vn.loa.bench.broadcast;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vn.loa.bench.support.FleetPaceOptions;
import vn.loa.bench.support.ResultJson;
import vn.loa.bench.support.ServerBenchOptions;

/**
 * scripts/bench broadcast: a province-wide emergency preempting a NORMAL broadcast in every commune, timed from the
 * API call to each speaker's first emergency audio, and from its end to each speaker's commune broadcast again;
 * then the same switches on the floor (the fleet, a bare broker and a streamer, no decision path between them).
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

    @Mixin
    FleetPaceOptions fleet;

    @Mixin
    ServerBenchOptions paths;

    @Override
    public Integer call() throws Exception {
        BroadcastSetup setup;
        try {
            setup = new BroadcastSetup(speakers, communes, emergencySeconds, mediaSeconds, fleet.decodeShare(),
                    fleet.rampRate());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        BroadcastRun run = new BroadcastRun(setup, paths.serverCommand(), paths.workDir("broadcast"));
        BroadcastFloorRun floor = new BroadcastFloorRun(setup, paths.workDir("broadcast-floor"));
        try {
            BroadcastRun.Result loa = run.run();
            write(loa, floor.run(), paths.outDir());
        } catch (IOException e) {
            LOG.error("the run failed: {}", e.getMessage());
            Map<String, Object> report = run.report();
            report.put("floor", floor.report());
            ResultJson.writeFailure("broadcast", report, e, paths.result(JSON_FILE), paths.result(PNG_FILE));
            return 1;
        }
        LOG.info("targets: {}", run.report().get("targets"));
        LOG.info("wrote {} and {}", paths.result(JSON_FILE), paths.result(PNG_FILE));
        return 0;
    }

    static void write(BroadcastRun.Result result, BroadcastFloorRun.Result floor, Path outDir) throws IOException {
        Map<String, Object> report = ResultJson.start("broadcast");
        report.putAll(result.report());
        report.put("floor", floor.report());
        report.put("vsFloor", BroadcastVerdict.vsFloor(result.emergency(), floor.emergency()));
        ResultJson.write(report, outDir.resolve(JSON_FILE));
        BroadcastPlot.write(result.emergency(), result.resume(), floor.emergency(), outDir.resolve(PNG_FILE));
    }
}
