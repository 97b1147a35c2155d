package vn.loa.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main run as the real process it is: a bad start ends with a non-zero exit and one line on stderr. */
class MainTest {
    @TempDir
    Path dataDir;

    @Test
    void invalidConfigurationExitsWithOneLineNamingTheKey() throws Exception {
        Result result = run(Map.of("LOA_DATA_DIR", dataDir.toString(), "LOA_HTTP_PORT", "eighty"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip().lines()).hasSize(1);
        assertThat(result.stderr()).startsWith("loa: invalid value 'eighty' for http.port");
    }

    @Test
    void busyPortExitsWithOneLineNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run(Map.of("LOA_DATA_DIR", dataDir.toString(), "LOA_HTTP_HOST", "127.0.0.1",
                    "LOA_HTTP_PORT", String.valueOf(taken.getLocalPort()), "LOA_ADMIN_PASSWORD", "main-test"));
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr().strip().lines()).hasSize(1);
            assertThat(result.stderr()).startsWith("loa: could not start:").contains(String.valueOf(taken.getLocalPort()));
        }
    }

    private Result run(Map<String, String> env) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        builder.environment().keySet().removeIf(name -> name.startsWith("LOA_"));
        builder.environment().putAll(env);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path stderr = dataDir.resolve("stderr.txt");
        builder.redirectError(stderr.toFile());
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("Main exits by itself").isTrue();
        return new Result(process.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String stderr) {
    }
}
