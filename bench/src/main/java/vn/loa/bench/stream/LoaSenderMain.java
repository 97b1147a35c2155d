package vn.loa.bench.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import vn.loa.streamer.RtpStream;
import vn.loa.streamer.RtpStreamer;
import vn.loa.streamer.StreamEvents;
import vn.loa.streamer.StreamOptions;
import vn.loa.streamer.StreamerSettings;

/**
 * The Loa side of the stream benchmark, in its own JVM so its CPU time can be read off /proc: one RtpStreamer,
 * one stream of the bench tone, every receiver added as a static listener. Talks with the harness on
 * stdin/stdout like the GStreamer peer: "sample" answers {"packetsSent": n} (RTP datagrams written, one per frame
 * per receiver) plus what only Loa can tell: frame slots its pacer skipped and live audio its source dropped;
 * "stop" ends.
 *
 * <p>Usage: LoaSenderMain RECEIVERS_FILE FRAME_MILLIS
 */
public final class LoaSenderMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JOIN_KEY_BYTES = 32;

    private LoaSenderMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LoaSenderMain RECEIVERS_FILE FRAME_MILLIS");
        }
        List<InetSocketAddress> receivers = LoopbackReceivers.read(Path.of(args[0]));
        byte[] joinKey = new byte[JOIN_KEY_BYTES];
        new SecureRandom().nextBytes(joinKey);
        StreamerSettings settings = new StreamerSettings("127.0.0.1", 0, joinKey, Duration.ofSeconds(30),
                Duration.ofSeconds(5), Math.max(receivers.size(), 20_000));
        try (BenchTone tone = BenchTone.forFrameMillis(Integer.parseInt(args[1]));
             RtpStreamer streamer = RtpStreamer.start(settings, StreamEvents.NONE)) {
            RtpStream stream = streamer.open("bench", tone.source(), StreamOptions.DEFAULT);
            receivers.forEach(stream::addListener);
            answer(Map.of("ready", true, "receivers", stream.receivers().size()));
            BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String request = requests.readLine(); request != null && !request.equals("stop");
                 request = requests.readLine()) {
                if (request.equals("sample")) {
                    answer(Map.of("packetsSent", streamer.counters().packetsSent(),
                            "framesSkipped", streamer.counters().framesSkipped(),
                            "sourceDroppedMillis", tone.droppedMillis()));
                }
            }
            stream.close();
        }
    }

    private static void answer(Map<String, Object> message) throws Exception {
        System.out.println(JSON.writeValueAsString(message));
        System.out.flush();
    }
}
