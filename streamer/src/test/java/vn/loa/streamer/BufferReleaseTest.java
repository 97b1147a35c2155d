package vn.loa.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.rtp.ReceiverReport;

/**
 * Every buffer the streamer allocates (packets fanned out, reports, datagrams read) is released: measured with an
 * unpooled allocator, whose metric counts exactly the direct memory not yet released.
 */
class BufferReleaseTest extends StreamerTestBase {

    @Test
    void everyBufferIsReleasedOnceTheWorkIsDone() throws Exception {
        UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(true);
        RtpStreamer streamer = closeLater(RtpStreamer.start(settings(Duration.ofSeconds(30), Duration.ofMillis(100),
                100), events, UdpTransport.best(), allocator));
        Broadcast leaks = broadcast(streamer, "leaks", 20);
        UdpPeer first = leaks.speaker("dev-1");
        UdpPeer second = leaks.speaker("dev-2");
        leaks.stream.addListener(peer().address());
        UdpPeer stranger = peer();
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[1 + random.nextInt(500)];
            random.nextBytes(garbage);
            stranger.send(garbage, streamer.port());
        }
        first.send(new ReceiverReport(1, List.of()), streamer.port());
        assertThat(leaks.playToEnd(30, second)).hasSize(30);

        streamer.close();
        Eventually.await(WAIT, () -> allocator.metric().usedDirectMemory() == 0,
                () -> allocator.metric().usedDirectMemory() + " bytes of direct memory never released");
        assertThat(allocator.metric().usedHeapMemory()).isZero();
        assertThat(streamer.counters().senderReportsSent()).isGreaterThan(3);
    }
}
