package vn.loa.streamer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;

/** Starts real streamers on 127.0.0.1 and ephemeral ports, and closes them and every test socket afterwards. */
abstract class StreamerTestBase {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final long TOKEN_LIFETIME_SECONDS = 600;

    final RecordingEvents events = new RecordingEvents();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    static byte[] newJoinKey() {
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        return key;
    }

    static StreamerSettings settings(Duration receiverTimeout, Duration senderReportInterval, int maxReceivers) {
        return new StreamerSettings("127.0.0.1", 0, newJoinKey(), receiverTimeout, senderReportInterval,
                maxReceivers);
    }

    RtpStreamer start(StreamerSettings settings) throws InterruptedException {
        RtpStreamer streamer = RtpStreamer.start(settings, events);
        closeables.add(streamer);
        return streamer;
    }

    RtpStreamer startDefault() throws InterruptedException {
        return start(StreamerSettings.defaults("127.0.0.1", 0, newJoinKey()));
    }

    UdpPeer peer() {
        UdpPeer peer = new UdpPeer();
        closeables.add(peer);
        return peer;
    }

    static String token(RtpStreamer streamer, String streamId, String deviceId) {
        return streamer.joinTokens().issue(streamId, deviceId, Instant.now().getEpochSecond() + TOKEN_LIFETIME_SECONDS);
    }

    /** Joins and waits until the streamer answers with its first sender report. */
    static UdpPeer joined(UdpPeer peer, RtpStreamer streamer, String streamId, String deviceId) {
        peer.join(token(streamer, streamId, deviceId), streamer.port());
        if (peer.receiveSenderReport(WAIT) == null) {
            throw new AssertionError(deviceId + " got no sender report after joining " + streamId);
        }
        return peer;
    }

    static ReceiverStats statsOf(RtpStream stream, InetSocketAddress address) {
        return stream.receivers().stream().filter(r -> r.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " is not a receiver of " + stream.id()));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }
}
