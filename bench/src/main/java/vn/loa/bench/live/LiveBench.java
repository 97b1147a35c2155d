package vn.loa.bench.live;

import java.io.IOException;
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

    @Option(names = "--seconds", defaultValue = "30", description = "how long the clicks are measured")
    int seconds;

    @Option(names = "--speakers", defaultValue = "1000", description = "simulated speakers listening")
    int speakers;

    @Option(names = "--communes", defaultValue = "10", description = "communes of the province the broadcast targets")
    int communes;

    @Mixin
    FleetPaceOptions fleet;

    @Mixin
    ServerBenchOptions paths;

    @Override
    public Integer call() throws Exception {
        LiveSetup setup;
        try {
            setup = new LiveSetup(speakers, communes, seconds, fleet.decodeShare(), fleet.rampRate());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        LiveRun run = new LiveRun(setup, paths.serverCommand(), paths.workDir("live"));
        try {
            LiveRun.Result result = run.run();
            Map<String, Object> report = ResultJson.start("live");
            report.putAll(result.report());
            ResultJson.write(report, paths.result(JSON_FILE));
            LivePlot.write(result.heard(), result.latencyTargetMillis(), setup.speakers(), paths.result(PNG_FILE));
        } catch (IOException | RuntimeException e) {
            LOG.error("the run failed", e);
            ResultJson.writeFailure("live", run.report(), e, paths.result(JSON_FILE), paths.result(PNG_FILE));
            return 1;
        }
        LOG.info("latency: {}; targets: {}", run.report().get("latencyMs"), run.report().get("targets"));
        LOG.info("wrote {} and {}", paths.result(JSON_FILE), paths.result(PNG_FILE));
        return 0;
    }
}
