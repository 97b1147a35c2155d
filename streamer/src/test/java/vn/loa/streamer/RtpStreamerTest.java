package vn.loa.streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.PooledByteBufAllocator;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.loa.streamer.source.SourceHealth;

/** Starting, opening and closing: the transports, and what the streamer refuses. */
class RtpStreamerTest extends StreamerTestBase {

    @Test
    void runsOnEpollOnLinuxWhereItsNativesShip() throws Exception {
        RtpStreamer streamer = startDefault();
        assertThat(streamer.transport()).isEqualTo("epoll");
        assertThat(streamer.port()).isPositive();
    }

    @Test
    void theNioFallbackStreamsToo() throws Exception {
        RtpStreamer streamer = closeLater(RtpStreamer.start(StreamerSettings.defaults("127.0.0.1", 0, newJoinKey()),
                events, UdpTransport.NIO, PooledByteBufAllocator.DEFAULT));
        assertThat(streamer.transport()).isEqualTo("nio");
        Broadcast fallback = broadcast(streamer, "fallback", 20);
        assertThat(fallback.playToEnd(5, fallback.speaker("dev-1"))).extracting(UdpPeer.Arrival::payloadText)
                .isEqualTo(frameNames(5));
    }

    @Test
    void aPortInUseIsAClearFailure() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            StreamerSettings settings = StreamerSettings.defaults("127.0.0.1", taken.getLocalPort(), newJoinKey());
            assertThatThrownBy(() -> RtpStreamer.start(settings, events)).hasMessageContaining("in use");
        }
    }

    @Test
    void anUnresolvableBindHostIsAClearFailure() {
        StreamerSettings settings = StreamerSettings.defaults("no-such-host.invalid", 0, newJoinKey());
        assertThatThrownBy(() -> RtpStreamer.start(settings, events))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void boundToTheIpv6WildcardItStillServesIpv4Speakers() throws Exception {
        RtpStreamer streamer = start(StreamerSettings.defaults("::", 0, newJoinKey()));
        Broadcast dualStack = broadcast(streamer, "dual-stack", 20);
        assertThat(dualStack.playToEnd(5, dualStack.speaker("dev-1"))).extracting(UdpPeer.Arrival::payloadText)
                .isEqualTo(frameNames(5));
    }

    @Test
    void refusesStreamsItCannotRun() throws Exception {
        RtpStreamer streamer = startDefault();
        streamer.open("one", new ScriptedSource(20), new StreamOptions(96, 42));
        assertThatThrownBy(() -> streamer.open("Not An Id", new ScriptedSource(20), StreamOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream id");
        assertThatThrownBy(() -> streamer.open("odd", new ScriptedSource(40), StreamOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("40 ms");
        assertThatThrownBy(() -> streamer.open("one", new ScriptedSource(20), StreamOptions.DEFAULT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        assertThatThrownBy(() -> streamer.open("two", new ScriptedSource(20), new StreamOptions(96, 42)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SSRC 42");
        assertThat(streamer.streams()).extracting(RtpStream::id).containsExactly("one");
    }

    @Test
    void everyStreamGetsItsOwnRandomSsrc() throws Exception {
        RtpStreamer streamer = startDefault();
        RtpStream first = streamer.open("a", new ScriptedSource(20), StreamOptions.DEFAULT);
        RtpStream second = streamer.open("b", new ScriptedSource(60), StreamOptions.DEFAULT);
        assertThat(first.ssrc()).isNotZero().isNotEqualTo(second.ssrc());
        assertThat(first.payloadType()).isEqualTo(StreamOptions.DEFAULT_PAYLOAD_TYPE);
        assertThat(streamer.stream("b")).containsSame(second);
        assertThat(streamer.stream("c")).isEmpty();
    }

    @Test
    void rtpTimeFollowsTheFortyEightKilohertzClock() throws Exception {
        RtpStreamer streamer = startDefault();
        RtpStream stream = streamer.open("clock", new ScriptedSource(20), StreamOptions.DEFAULT);
        long before = stream.rtpTimestampNow();
        long startNanos = System.nanoTime();
        Eventually.await(WAIT, () -> System.nanoTime() - startNanos > Duration.ofMillis(200).toNanos(), () -> "time");
        long elapsedSamples = (System.nanoTime() - startNanos) * 48 / 1_000_000;
        long advanced = (stream.rtpTimestampNow() - before) & 0xFFFFFFFFL;
        assertThat(advanced).isBetween(elapsedSamples - 480, elapsedSamples + 480);
    }

    @Test
    void closingTheStreamerEndsEveryStreamAndRefusesNewOnes() throws Exception {
        Broadcast last = broadcast("last", 20);
        last.speaker("dev-1");
        last.streamer.close();
        last.streamer.close();
        assertThat(events.lines()).containsSubsequence("dropped last dev-1 stream-closed", "ended last");
        assertThat(last.source.isClosed()).isTrue();
        assertThatThrownBy(() -> last.streamer.open("next", new ScriptedSource(20), StreamOptions.DEFAULT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingEventListenerDoesNotStopTheStream() throws Exception {
        RtpStreamer streamer = closeLater(RtpStreamer.start(
                StreamerSettings.defaults("127.0.0.1", 0, newJoinKey()), new FailingEvents()));
        Broadcast robust = broadcast(streamer, "robust", 20);
        UdpPeer speaker = robust.speaker("dev-1");
        robust.source.addFrames(3);
        assertThat(speaker.receiveRtpThrough(2, WAIT)).isNotEmpty();
    }

    private static final class FailingEvents implements StreamEvents {
        @Override
        public void receiverJoined(String streamId, String deviceId, InetSocketAddress address) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void receiverDropped(String streamId, String deviceId, String reason) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void healthChanged(String streamId, SourceHealth health) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void ended(String streamId) {
            throw new IllegalStateException("listener bug");
        }
    }
}
