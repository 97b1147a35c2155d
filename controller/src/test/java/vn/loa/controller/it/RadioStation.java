package vn.loa.controller.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local internet radio for relay tests: the JDK's HTTP server sends an MP3 tone made by Debian's ffmpeg at the
 * pace it plays, as an Icecast server would, until {@link #close()} takes it off the air.
 */
final class RadioStation implements AutoCloseable {
    static final int BITRATE_BYTES_PER_SECOND = 64_000 / 8;
    /** Sent at once when a listener connects, so its decoder starts at once; the rest comes in real time. */
    static final int HEAD_START_BYTES = BITRATE_BYTES_PER_SECOND / 2;
    private static final int CHUNK_BYTES = BITRATE_BYTES_PER_SECOND / 10;

    private final HttpServer server;
    private final ExecutorService listeners = Executors.newCachedThreadPool();
    private final byte[] mp3;

    private RadioStation(byte[] mp3, int port) throws IOException {
        this.mp3 = mp3;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(listeners);
        server.createContext("/radio.mp3", this::broadcast);
        server.start();
    }

    /** A station playing {@code seconds} of a tone at {@code hz}. */
    static RadioStation onAir(Path dir, double hz, int seconds) throws Exception {
        return onAir(dir, hz, seconds, 0);
    }

    /** The same on a given port (0: any free one), so a station can come back where its listeners look for it. */
    static RadioStation onAir(Path dir, double hz, int seconds, int port) throws Exception {
        Path file = dir.resolve("radio.mp3");
        Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-f", "lavfi", "-i", "sine=frequency=" + hz + ":sample_rate=48000:duration=" + seconds,
                "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", "-y", file.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("radio-ffmpeg.log").toFile()).start();
        if (ffmpeg.waitFor() != 0) {
            throw new AssertionError("ffmpeg could not make the MP3: " + Files.readString(dir.resolve("radio-ffmpeg.log")));
        }
        return new RadioStation(Files.readAllBytes(file), port);
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/radio.mp3";
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void broadcast(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
        exchange.sendResponseHeaders(200, 0);
        long started = System.nanoTime();
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(mp3, 0, Math.min(HEAD_START_BYTES, mp3.length));
            for (int sent = HEAD_START_BYTES; sent < mp3.length; sent += CHUNK_BYTES) {
                long dueNanos = (sent - HEAD_START_BYTES) * 1_000_000_000L / BITRATE_BYTES_PER_SECOND;
                long waitMillis = (dueNanos - (System.nanoTime() - started)) / 1_000_000;
                if (waitMillis > 0) {
                    Thread.sleep(waitMillis);
                }
                out.write(mp3, sent, Math.min(CHUNK_BYTES, mp3.length - sent));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException listenerLeft) {
            // the relay hung up or the station went off the air
        }
    }

    @Override
    public void close() {
        server.stop(0);
        listeners.shutdownNow();
    }
}
