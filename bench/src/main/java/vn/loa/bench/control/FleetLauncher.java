package vn.loa.bench.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.loa.bench.support.ChildProcess;

/** Starts the simulated fleet in its own JVM, the same way for Loa and for the bare-broker floor. */
final class FleetLauncher {
    static final String SERIAL_PREFIX = "BENCH-";

    private final Path simJar;
    private final int rampRate;

    FleetLauncher(Path simJar, int rampRate) {
        this.simJar = simJar;
        this.rampRate = rampRate;
    }

    ChildProcess start(String name, int count, int mqttPort, List<String> extraArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xss256k", "-XX:+UseParallelGC", "-jar",
                simJar.toString(), "--count", Integer.toString(count), "--server", "tcp://127.0.0.1:" + mqttPort,
                "--serial-prefix", SERIAL_PREFIX, "--ramp-rate", Integer.toString(rampRate),
                "--telemetry-period", "30s", "--summary-interval", "5s"));
        command.addAll(extraArgs);
        return ChildProcess.start(name, command, Map.of(), log);
    }

    static String serial(int index) {
        return String.format("%s%06d", SERIAL_PREFIX, index);
    }
}
