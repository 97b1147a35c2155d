package vn.loa.bench.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.bench.support.ResultJson;

/**
 * scripts/bench control: for each fleet size, the full Loa path (server + simulated fleet in separate JVMs)
 * and the floor (bare Mosquitto + the same simulated subscribers), then JSON and a plot.
 */
@Command(name = "control", mixinStandardHelpOptions = true,
        description = "Control plane: connect ramp, memory per speaker, area-wide and single-device commands.")
public final class ControlBench implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ControlBench.class);
    static final double TARGET_AREA_P99_MS = 1000;
    static final double TARGET_FLOOR_RATIO = 3.0;
    static final double TARGET_KB_PER_SPEAKER = 100;
    /**
     * Untimed area-wide commands before the measured one, on each side: a server that has run for a while has
     * compiled its hot paths, and one round left the JIT compiler still busy during the measured command.
     */
    static final int WARM_UP_ROUNDS = 3;

    @Option(names = "--sizes", split = ",", defaultValue = "1000,5000,10000", description = "fleet sizes")
    List<Integer> sizes;

    @Option(names = "--server-jar", defaultValue = "controller/target/loa-server.jar")
    Path serverJar;

    @Option(names = "--sim-jar", defaultValue = "device-sim/target/loa-device-sim.jar")
    Path simJar;

    @Option(names = "--work-dir", defaultValue = "bench/work")
    Path workDir;

    @Option(names = "--out", defaultValue = "bench/results")
    Path outDir;

    @Option(names = "--ramp-rate", defaultValue = "300", description = "connections per second the fleet attempts")
    int rampRate;

    @Option(names = "--round-trips", defaultValue = "200", description = "single-device commands per size")
    int roundTrips;

    /** A run that fails (the fleet never fully connects, say) is recorded as such; the other sizes still run. */
    private static Map<String, Object> attempt(Callable<Map<String, Object>> run) {
        try {
            return run.call();
        } catch (Exception e) {
            LOG.error("run failed: {}", e.getMessage());
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    @Override
    public Integer call() throws Exception {
        FleetLauncher fleet = new FleetLauncher(simJar, rampRate);
        LoaControlRun loa = new LoaControlRun(serverJar, fleet, workDir, roundTrips);
        MosquittoFloorRun floor = new MosquittoFloorRun(fleet, workDir, roundTrips);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int count : sizes) {
            LOG.info("== {} speakers: Loa", count);
            Map<String, Object> loaResult = attempt(() -> loa.run(count));
            LOG.info("== {} speakers: bare Mosquitto floor", count);
            Map<String, Object> floorResult = attempt(() -> floor.run(count));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("speakers", count);
            row.put("loa", loaResult);
            row.put("floor", floorResult);
            if (ControlVerdict.complete(row)) {
                row.put("ratios", ControlVerdict.ratios(loaResult, floorResult));
            }
            rows.add(row);
            LOG.info("{} speakers: {}", count, row);
        }
        Map<String, Object> report = ResultJson.start("control");
        report.put("sizes", rows);
        report.put("targets", ControlVerdict.targets(rows));
        ResultJson.write(report, outDir.resolve("control.json"));
        ControlPlot.write(rows, outDir.resolve("control.png"));
        LOG.info("wrote {} and {}", outDir.resolve("control.json"), outDir.resolve("control.png"));
        return 0;
    }
}
