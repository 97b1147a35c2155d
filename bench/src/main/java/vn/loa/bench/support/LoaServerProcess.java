package vn.loa.bench.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Loa server in its own JVM with a fresh data directory, healthy and logged in as admin. */
public final class LoaServerProcess implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "bench-admin-password";
    public static final String PROVISIONING_KEY = "bench-provisioning-key";
    /** Longest wait for a started server to answer its health check. */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final ChildProcess process;
    private final LoaApi api;
    private final int httpPort;
    private final int mqttPort;

    private LoaServerProcess(ChildProcess process, LoaApi api, int httpPort, int mqttPort) {
        this.process = process;
        this.api = api;
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
    }

    /** The command that runs the packaged server. */
    public static List<String> jarCommand(Path serverJar) {
        return List.of("java", "-jar", serverJar.toString());
    }

    /**
     * Starts the server ({@code command}) with its data under {@code dir}, its log in {@code dir/server.log}, on free
     * ports (RTP on any free port: the speakers learn it from their play orders).
     */
    public static LoaServerProcess start(List<String> command, Path dir) throws IOException, InterruptedException {
        int httpPort = FreePort.pick();
        int mqttPort = FreePort.pick();
        ChildProcess process = ChildProcess.start("server", command,
                Map.of("LOA_DATA_DIR", dir.resolve("data").toString(), "LOA_HTTP_PORT", Integer.toString(httpPort),
                        "LOA_MQTT_PORT", Integer.toString(mqttPort), "LOA_MQTT_TLS_PORT", "-1", "LOA_RTP_PORT", "0",
                        "LOA_ADMIN_PASSWORD", ADMIN_PASSWORD, "LOA_PROVISIONING_KEY", PROVISIONING_KEY),
                dir.resolve("server.log"));
        try {
            LoaApi api = new LoaApi(httpPort);
            api.awaitHealthy(process, START_TIMEOUT);
            api.login("admin", ADMIN_PASSWORD);
            return new LoaServerProcess(process, api, httpPort, mqttPort);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.close();
            throw e;
        }
    }

    public LoaApi api() {
        return api;
    }

    public ChildProcess process() {
        return process;
    }

    public int httpPort() {
        return httpPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
