package vn.loa.sim;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Mosquitto broker on a free port of 127.0.0.1, for as long as a test class needs it. */
public final class Mosquitto implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final Process process;
    private final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** An anonymous broker. */
    public static Mosquitto start(Path dir) throws IOException, InterruptedException {
        return start(dir, List.of("allow_anonymous true"));
    }

    /** A broker with extra configuration lines (e.g. a password file). */
    static Mosquitto start(Path dir, List<String> extraConfig) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            fail("Mosquitto is not installed at " + BINARY + ": install the Debian package with"
                    + " 'apt-get install mosquitto' (scripts/test does this)");
        }
        int port = freePort();
        List<String> config = new ArrayList<>(List.of("listener " + port + " 127.0.0.1", "persistence false",
                "log_dest stderr",
                // run as ourselves (a root-started broker would switch to user mosquitto and lose our temp files)
                "user " + System.getProperty("user.name")));
        config.addAll(extraConfig);
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Files.write(conf, config);
        Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto-" + port + ".log").toFile())
                .start();
        Mosquitto broker = new Mosquitto(p, port);
        broker.awaitListening();
        return broker;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    private void awaitListening() throws InterruptedException, IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                fail("mosquitto exited at start with code " + process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("mosquitto did not listen on port " + port + " within " + START_TIMEOUT_MILLIS + " ms");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
