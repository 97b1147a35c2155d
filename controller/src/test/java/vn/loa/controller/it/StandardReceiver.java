package vn.loa.controller.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code ffmpeg} as an independent RTP receiver: it reads the SDP from the API and records what it
 * decodes to a WAV file (48 kHz mono).
 */
final class StandardReceiver {
    private final Path dir;
    private final int port;
    private final int seconds;
    private Process process;

    private StandardReceiver(Path dir, int port, int seconds) {
        this.dir = dir;
        this.port = port;
        this.seconds = seconds;
    }

    /** Picks a free UDP port for ffmpeg to listen on; {@link #start} launches it. */
    static StandardReceiver listen(Path dir, int seconds) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new StandardReceiver(dir, probe.getLocalPort(), seconds);
        }
    }

    int port() {
        return port;
    }

    void start(String sdp) throws IOException {
        Path sdpFile = dir.resolve("stream.sdp");
        Files.writeString(sdpFile, sdp, StandardCharsets.UTF_8);
        process = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                "-protocol_whitelist", "file,udp,rtp", "-i", sdpFile.toString(), "-t", Integer.toString(seconds),
                "-ac", "1", "-ar", "48000", "-c:a", "pcm_s16le", "-y", output().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("ffmpeg.log").toFile())
                .start();
    }

    /** Waits for ffmpeg to finish its recording and reads it. */
    HeardAudio awaitRecording(Duration deadline) throws Exception {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ffmpeg did not finish: " + Files.readString(dir.resolve("ffmpeg.log")));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("ffmpeg failed: " + Files.readString(dir.resolve("ffmpeg.log")));
        }
        return HeardAudio.read(output());
    }

    private Path output() {
        return dir.resolve("ffmpeg.wav");
    }
}
