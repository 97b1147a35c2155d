package vn.loa.bench;

import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.loa.bench.broadcast.BroadcastBench;
import vn.loa.bench.control.ControlBench;
import vn.loa.bench.live.LiveBench;
import vn.loa.bench.stream.StreamBench;

/** Entry point of scripts/bench: one subcommand per benchmark. */
@Command(name = "loa-bench", mixinStandardHelpOptions = true, subcommands = {ControlBench.class, StreamBench.class,
        BroadcastBench.class, LiveBench.class},
        description = "Loa benchmarks; results go to bench/results as JSON and PNG.")
public final class BenchCommand {
    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
