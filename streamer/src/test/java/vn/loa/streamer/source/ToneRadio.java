package vn.loa.streamer.source;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MP3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * A small Icecast stand-in on 127.0.0.1: serves {@value #PATH} as an endless MP3 stream (a CBR file looped) at its
 * real-time rate, after a burst on connect as Icecast does. It can be stopped and started again on the
 * same port, or stalled (connections stay open, nothing is sent).
 */
final class ToneRadio implements AutoCloseable {

    static final String PATH = "/radio.mp3";
    /** The same MP3 as a plain file, sent as fast as the connection allows. */
    static final String FILE_PATH = "/file.mp3";
    static final int BITRATE = 64_000;
    private static final int BYTES_PER_SECOND = BITRATE / 8;
    private static final int BURST_BYTES = BYTES_PER_SECOND;
    private static final long WRITE_PERIOD_MILLIS = 40;

    private final byte[] mp3;
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tone-radio");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger listenersServed = new AtomicInteger();
    private HttpServer server;
    private int port;
    private volatile boolean running;
    private volatile boolean stalled;

    private ToneRadio(byte[] mp3) {
        this.mp3 = mp3;
    }

    /** Starts serving the MP3 on an ephemeral port. */
    static ToneRadio serving(byte[] mp3) throws IOException {
        ToneRadio radio = new ToneRadio(mp3);
        radio.startOn(0);
        return radio;
    }

    /** A CBR MP3 (no ID3 or Xing header, so it loops seamlessly) of 48 kHz mono samples, made with FFmpeg. */
    static byte[] mp3(short[] pcm) throws IOException {
        Path file = Files.createTempFile("loa-tone", ".mp3");
        try {
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
                recorder.setFormat("mp3");
                recorder.setAudioCodec(AV_CODEC_ID_MP3);
                recorder.setSampleRate(48_000);
                recorder.setAudioBitrate(BITRATE);
                recorder.setOption("write_xing", "0");
                recorder.setOption("id3v2_version", "0");
                recorder.start();
                recorder.recordSamples(48_000, 1, ShortBuffer.wrap(pcm));
                recorder.stop();
            } catch (FrameRecorder.Exception e) {
                throw new IOException("could not encode the test MP3", e);
            }
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Closes every connection and the listening socket. */
    void stop() {
        running = false;
        server.stop(0);
    }

    /** Listens again on the same port. */
    void restart() throws IOException {
        startOn(port);
    }

    /** Connections the stream has been served to so far. */
    int listenersServed() {
        return listenersServed.get();
    }

    void stall(boolean stall) {
        stalled = stall;
    }

    @Override
    public void close() {
        stop();
        handlers.shutdownNow();
    }

    private void startOn(int requestedPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 0);
        server.createContext(PATH, this::stream);
        server.createContext(FILE_PATH, this::sendFile);
        server.setExecutor(handlers);
        running = true;
        server.start();
        port = server.getAddress().getPort();
    }

    private void stream(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            listenersServed.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
            exchange.sendResponseHeaders(200, 0);
            sendInRealTime(exchange.getResponseBody());
        } catch (IOException e) {
            // the relay hung up or the radio stopped: this listener is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendFile(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
            exchange.sendResponseHeaders(200, mp3.length);
            exchange.getResponseBody().write(mp3);
        }
    }

    private void sendInRealTime(OutputStream body) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long sent = 0;
        int position = 0;
        while (running) {
            long due = BURST_BYTES + (System.nanoTime() - start) * BYTES_PER_SECOND / 1_000_000_000L;
            if (stalled) {
                sent = due;
            }
            while (sent < due) {
                int length = (int) Math.min(due - sent, mp3.length - position);
                body.write(mp3, position, length);
                sent += length;
                position = (position + length) % mp3.length;
            }
            body.flush();
            TimeUnit.MILLISECONDS.sleep(WRITE_PERIOD_MILLIS);
        }
    }
}
