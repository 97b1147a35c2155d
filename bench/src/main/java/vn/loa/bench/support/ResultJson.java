package vn.loa.bench.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's result file: which benchmark, when, on what machine and code, then what it measured. */
public final class ResultJson {
    /** Set by scripts/bench: the commit measured, and whether the working tree differed from it. */
    static final String SOURCE_VARIABLE = "LOA_BENCH_SOURCE";

    private ResultJson() {
    }

    /** The report's opening fields; the benchmark adds its own after them. */
    public static Map<String, Object> start(String benchmark) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", benchmark);
        report.put("finishedAt", Instant.now().toString());
        report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version")));
        String source = System.getenv(SOURCE_VARIABLE);
        report.put("source", source == null ? "unknown (not started by scripts/bench)" : source);
        return report;
    }

    /**
     * Writes what a failed run measured before it failed, with the error, and removes the plot of an earlier run so
     * that it cannot pass for this one.
     */
    public static void writeFailure(String benchmark, Map<String, Object> measured, Exception error, Path json,
                                    Path png) throws IOException {
        Map<String, Object> report = start(benchmark);
        report.putAll(measured);
        report.put("error", error.getMessage() == null ? error.toString() : error.getMessage());
        write(report, json);
        Files.deleteIfExists(png);
    }

    /** Writes the report, indented, creating the directory if needed. */
    public static void write(Map<String, Object> report, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    }
}
