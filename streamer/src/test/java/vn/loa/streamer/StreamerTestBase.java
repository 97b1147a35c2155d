package vn.loa.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import vn.loa.protocol.rtp.RtpHeader;

/** Starts real streamers on 127.0.0.1 and ephemeral ports, and closes them and every test socket afterwards. */
abstract class StreamerTestBase {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(300);
    static final Duration STREAM_DEADLINE = Duration.ofSeconds(30);
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
        return closeLater(RtpStreamer.start(settings, events));
    }

    /** Closes it after the test, with everything else the test opened. */
    <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    RtpStreamer startDefault() throws InterruptedException {
        return start(StreamerSettings.defaults("127.0.0.1", 0, newJoinKey()));
    }

    UdpPeer peer() {
        return closeLater(new UdpPeer());
    }

    /** A stream under test: the streamer it runs on and the scripted source that drives it. */
    final class Broadcast {
        final RtpStreamer streamer;
        final ScriptedSource source;
        final RtpStream stream;

        private Broadcast(RtpStreamer streamer, String streamId, int frameMillis) {
            this.streamer = streamer;
            this.source = new ScriptedSource(frameMillis);
            this.stream = streamer.open(streamId, source, StreamOptions.DEFAULT);
        }

        String token(String deviceId) {
            return StreamerTestBase.token(streamer, stream.id(), deviceId);
        }

        /** A new speaker socket joined to this stream, its first sender report read. */
        UdpPeer speaker(String deviceId) {
            UdpPeer speaker = peer();
            join(speaker, token(deviceId));
            return speaker;
        }

        /** Joins from the peer's socket and returns the sender report the streamer answers with. */
        UdpPeer.Arrival join(UdpPeer peer, String token) {
            peer.join(token, streamer.port());
            UdpPeer.Arrival report = peer.receiveSenderReport(WAIT);
            if (report == null) {
                throw new AssertionError("no sender report after joining " + stream.id());
            }
            return report;
        }

        /** Plays numbered frames, ends the stream, and returns the RTP the speaker received. */
        List<UdpPeer.Arrival> playToEnd(int frames, UdpPeer speaker) {
            source.addFrames(frames);
            source.endWhenDrained();
            return receiveUntilEnded(speaker, stream.id());
        }

        StreamerCounters counters() {
            return streamer.counters();
        }

        int port() {
            return streamer.port();
        }
    }

    Broadcast broadcast(RtpStreamer streamer, String streamId, int frameMillis) {
        return new Broadcast(streamer, streamId, frameMillis);
    }

    Broadcast broadcast(String streamId, int frameMillis) throws InterruptedException {
        return new Broadcast(startDefault(), streamId, frameMillis);
    }

    static String token(RtpStreamer streamer, String streamId, String deviceId) {
        return streamer.joinTokens().issue(streamId, deviceId, Instant.now().getEpochSecond() + TOKEN_LIFETIME_SECONDS);
    }

    /** Every RTP packet until the stream has ended and the socket has gone quiet; arrival times as they come. */
    List<UdpPeer.Arrival> receiveUntilEnded(UdpPeer peer, String streamId) {
        return receiveAllUntilEnded(peer, streamId).stream().filter(arrival -> !arrival.isRtcp()).toList();
    }

    /** Every datagram, RTP and RTCP, until the stream has ended and the socket has gone quiet. */
    List<UdpPeer.Arrival> receiveAllUntilEnded(UdpPeer peer, String streamId) {
        List<UdpPeer.Arrival> arrivals = new ArrayList<>();
        long deadline = System.nanoTime() + STREAM_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            UdpPeer.Arrival arrival = peer.receive(QUIET);
            if (arrival != null) {
                arrivals.add(arrival);
            } else if (events.lines().contains("ended " + streamId)) {
                return arrivals;
            }
        }
        throw new AssertionError("stream " + streamId + " did not end within " + STREAM_DEADLINE);
    }

    /**
     * Checks that packets form one stream (consecutive sequence numbers, RTP time advancing by whole frames) and
     * returns the frame slots between them that carried no packet.
     */
    static long emptySlots(List<UdpPeer.Arrival> packets, int frameMillis) {
        long samplesPerFrame = 48L * frameMillis;
        long empty = 0;
        for (int i = 1; i < packets.size(); i++) {
            RtpHeader previous = packets.get(i - 1).rtp();
            RtpHeader current = packets.get(i).rtp();
            assertThat(current.sequence()).as("sequence after " + previous.sequence())
                    .isEqualTo((previous.sequence() + 1) & 0xFFFF);
            long step = (current.timestamp() - previous.timestamp()) & 0xFFFFFFFFL;
            assertThat(step).as("RTP time step").isPositive().isEqualTo(step / samplesPerFrame * samplesPerFrame);
            empty += step / samplesPerFrame - 1;
        }
        return empty;
    }

    static List<String> frameNames(int count) {
        return IntStream.range(0, count).mapToObj(i -> "frame-" + i).toList();
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
