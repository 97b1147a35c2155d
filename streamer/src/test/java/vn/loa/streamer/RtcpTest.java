package vn.loa.streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.rtp.NtpTime;
import vn.loa.protocol.rtp.ReceiverReport;
import vn.loa.protocol.rtp.ReportBlock;
import vn.loa.protocol.rtp.SenderReport;

/** Sender reports out, receiver reports in, and what they do to the receiver list. */
class RtcpTest extends StreamerTestBase {
    private static final Duration SHORT_REPORT_INTERVAL = Duration.ofMillis(200);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(400);

    private Broadcast withShortTimeout(String streamId) throws InterruptedException {
        return broadcast(start(settings(SHORT_TIMEOUT, Duration.ofSeconds(5), 100)), streamId, 20);
    }

    @Test
    void senderReportsCountWhatWasSentAndMapRtpTimeToTheWallClock() throws Exception {
        Broadcast sync = broadcast(start(settings(Duration.ofSeconds(30), SHORT_REPORT_INTERVAL, 100)), "sync", 20);
        UdpPeer speaker = peer();
        UdpPeer.Arrival joinReport = sync.join(speaker, sync.token("dev-1"));
        sync.source.addFrames(60);
        sync.source.endWhenDrained();

        List<UdpPeer.Arrival> rtp = new ArrayList<>();
        List<SenderReport> reports = new ArrayList<>();
        long octets = 0;
        for (UdpPeer.Arrival arrival : receiveAllUntilEnded(speaker, "sync")) {
            if (arrival.isRtcp()) {
                SenderReport report = arrival.senderReport();
                assertThat(report.ssrc()).isEqualTo(sync.stream.ssrc());
                assertThat(report.packetCount()).as("packets sent before this report").isEqualTo(rtp.size());
                assertThat(report.octetCount()).as("payload octets sent before this report").isEqualTo(octets);
                reports.add(report);
            } else {
                rtp.add(arrival);
                octets += arrival.payloadLength();
            }
        }
        assertThat(rtp).hasSize(60);
        assertThat(reports).as("a report every 200 ms over 1.2 s").hasSizeGreaterThanOrEqualTo(3);

        SenderReport first = joinReport.senderReport();
        List<Long> offsets = new ArrayList<>();
        for (UdpPeer.Arrival packet : rtp) {
            long rtpDelta = (int) (packet.rtp().timestamp() - first.rtpTimestamp());
            long predictedNanos = NtpTime.toEpochNanos(first.ntpTimestamp()) + rtpDelta * 1_000_000_000L / 48_000;
            long arrivalNanos = packet.wall().getEpochSecond() * 1_000_000_000L + packet.wall().getNano();
            offsets.add(Math.abs(arrivalNanos - predictedNanos));
        }
        offsets.sort(null);
        assertThat(offsets.get(offsets.size() / 2) / 1e6).as("median |arrival - NTP(T)| in ms").isLessThan(20.0);
    }

    @Test
    void aReceiverReportUpdatesLossJitterAndRoundTrip() throws Exception {
        Broadcast stats = broadcast("stats", 20);
        UdpPeer speaker = peer();
        UdpPeer.Arrival report = stats.join(speaker, stats.token("dev-1"));
        stats.source.addFrames(15);
        List<UdpPeer.Arrival> packets = speaker.receiveRtpThrough(14, WAIT);

        long heldNanos = System.nanoTime() - report.nanos();
        long claimedHoldUnits = 6_554;   // 100 ms in 1/65536 s
        long highestSequence = packets.get(packets.size() - 1).rtp().sequence();
        ReportBlock block = new ReportBlock(stats.stream.ssrc(), 64, 7, highestSequence, 480,
                NtpTime.middle32(report.senderReport().ntpTimestamp()), claimedHoldUnits);
        ReportBlock foreign = new ReportBlock(stats.stream.ssrc() ^ 1, 255, 999, 0, 48_000, 0, 0);
        speaker.send(new ReceiverReport(0xCAFEL, List.of(foreign, block)), stats.port());

        Eventually.await(WAIT, () -> statsOf(stats.stream, speaker.address()).rttMillis() != null,
                () -> "the receiver report applied");
        ReceiverStats receiver = statsOf(stats.stream, speaker.address());
        assertThat(receiver.lossShare()).isEqualTo(0.25);
        assertThat(receiver.cumulativeLost()).isEqualTo(7);
        assertThat(receiver.jitterMillis()).isEqualTo(10.0);
        double expectedRtt = heldNanos / 1e6 - 100;
        assertThat(receiver.rttMillis()).as("held %.1f ms, claimed 100 ms", heldNanos / 1e6)
                .isBetween(expectedRtt - 5, expectedRtt + 50);
        assertThat(receiver.lastHeard()).isAfter(receiver.since());
        assertThat(receiver.packetsSent()).isEqualTo(packets.size()).isEqualTo(stats.stream.packetsSent());
        assertThat(stats.counters().rtcpReceived()).isEqualTo(1);
    }

    @Test
    void aSilentReceiverIsDroppedWhileReportingOnesAndStaticListenersStay() throws Exception {
        Broadcast keep = withShortTimeout("keep");
        UdpPeer quiet = keep.speaker("dev-quiet");
        UdpPeer chatty = keep.speaker("dev-chatty");
        UdpPeer monitor = peer();
        keep.stream.addListener(monitor.address());
        keep.source.addFrames(500);

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!events.lines().contains("dropped keep dev-quiet timeout") && System.nanoTime() < deadline) {
            chatty.receiveRtp(Duration.ofMillis(100));
            chatty.send(new ReceiverReport(1, List.of()), keep.port());
        }
        events.await("dropped keep dev-quiet timeout", Duration.ZERO);
        assertThat(keep.counters().receiversTimedOut()).isEqualTo(1);
        assertThat(keep.stream.receivers()).extracting(ReceiverStats::deviceId).containsExactly("dev-chatty", null);

        while (quiet.receive(Duration.ofMillis(100)) != null) {
            // what was sent before the drop
        }
        chatty.receiveRtp(5, WAIT);
        monitor.receiveRtp(5, WAIT);
        assertThat(quiet.receive(Duration.ofMillis(1))).as("nothing after the drop").isNull();
    }

    @Test
    void aStaticListenerReceivesWithoutJoiningUntilRemoved() throws Exception {
        Broadcast fm = withShortTimeout("fm");
        UdpPeer encoderBox = peer();
        fm.stream.addListener(encoderBox.address());
        fm.stream.addListener(encoderBox.address());
        assertThat(encoderBox.receiveSenderReport(WAIT)).as("a sender report to sync at once").isNotNull();
        fm.source.addFrames(40);
        List<UdpPeer.Arrival> packets = encoderBox.receiveRtpThrough(39, WAIT);

        assertThat(fm.stream.receivers()).singleElement().satisfies(listener -> {
            assertThat(listener.isStaticListener()).isTrue();
            assertThat(listener.address()).isEqualTo(encoderBox.address());
            assertThat(listener.packetsSent()).isEqualTo(packets.size()).isEqualTo(fm.stream.packetsSent());
            assertThat(listener.lastHeard()).isNull();
        });
        assertThat(fm.counters().joinsAccepted()).isZero();
        assertThat(fm.counters().receiversTimedOut()).as("0.8 s of audio, 0.4 s timeout").isZero();

        assertThat(fm.stream.removeListener(encoderBox.address())).isTrue();
        assertThat(fm.stream.removeListener(encoderBox.address())).isFalse();
        assertThat(fm.stream.receivers()).isEmpty();
        long sent = fm.stream.packetsSent();
        fm.source.addFrames(5);
        Eventually.await(WAIT, () -> fm.stream.packetsSent() == sent + 5, () -> "5 more frames sent");
        assertThat(encoderBox.receive(Duration.ofMillis(1))).as("nothing after the removal").isNull();
    }

    @Test
    void aListenerNeedsAResolvedAddressAndAPort() throws Exception {
        RtpStream stream = broadcast("check", 20).stream;
        assertThatThrownBy(() -> stream.addListener(InetSocketAddress.createUnresolved("nowhere.invalid", 5004)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stream.addListener(new InetSocketAddress("127.0.0.1", 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
