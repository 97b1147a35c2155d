package vn.loa.bench.support;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a benchmark that runs the packaged server finds it, works and writes its results (a picocli mixin). */
public final class ServerBenchOptions {
    @Option(names = "--server-jar", defaultValue = "controller/target/loa-server.jar")
    Path serverJar;

    @Option(names = "--work-dir", defaultValue = "bench/work")
    Path workDir;

    @Option(names = "--out", defaultValue = "bench/results")
    Path outDir;

    public List<String> serverCommand() {
        return LoaServerProcess.jarCommand(serverJar);
    }

    /** This benchmark's own directory under the work directory. */
    public Path workDir(String benchmark) {
        return workDir.resolve(benchmark);
    }

    public Path outDir() {
        return outDir;
    }

    public Path result(String fileName) {
        return outDir.resolve(fileName);
    }
}
