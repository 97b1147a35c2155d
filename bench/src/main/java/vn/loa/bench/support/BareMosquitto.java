package vn.loa.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A bare Mosquitto broker on loopback, the floors' broker: anonymous, no persistence, no connection limit, and
 * its connected-client count published every second on {@code $SYS}.
 */
public final class BareMosquitto implements AutoCloseable {
    public static final String CONNECTED_TOPIC = "$SYS/broker/clients/connected";

    private final ChildProcess process;
    private final int port;

    private BareMosquitto(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it with its configuration and log in {@code dir}. */
    public static BareMosquitto start(Path dir) throws IOException {
        Files.createDirectories(dir);
        int port = FreePort.pick();
        Path config = dir.resolve("mosquitto.conf");
        // TCP_NODELAY as HiveMQ (Netty) uses it: Nagle's algorithm would add tens of milliseconds to the floor.
        // No in-flight limit: a floor publisher sends a play order to each of thousands of speakers at once.
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\nmax_connections -1\n"
                + "persistence false\nsys_interval 1\nmax_queued_messages 10000\nset_tcp_nodelay true\n"
                + "max_inflight_messages 0\n");
        return new BareMosquitto(ChildProcess.start("mosquitto", List.of("/usr/sbin/mosquitto", "-c",
                config.toString()), Map.of(), dir.resolve("mosquitto.log")), port);
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
