package vn.loa.streamer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.rtp.MalformedPacketException;
import vn.loa.protocol.rtp.ReceiverReport;
import vn.loa.protocol.rtp.ReportBlock;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.rtp.RtpHeader;
import vn.loa.protocol.rtp.SenderReport;
import vn.loa.protocol.srtp.SrtcpReceiver;
import vn.loa.protocol.srtp.SrtpKey;
import vn.loa.protocol.srtp.SrtpReceiver;
import vn.loa.protocol.srtp.SrtpSender;

/** A stream with an SRTP key over real UDP: what goes out is SRTP/SRTCP, and only authentic SRTCP comes in. */
class SrtpStreamTest extends StreamerTestBase {
    private static final long SPEAKER_SSRC = 0xCAFEL;
    /** The RTCP header and the sender's SSRC come first, in the clear as SRTCP leaves them. */
    private static final int NTP_OFFSET = 8;
    private final SrtpKey key = SrtpKey.generate(new SecureRandom());

    @Test
    void packetsAndSenderReportsAreProtectedAndOnlyAuthenticReceiverReportsCount() throws Exception {
        RtpStreamer streamer = startDefault();
        ScriptedSource source = new ScriptedSource(20);
        RtpStream stream = streamer.open("secure", source, StreamOptions.DEFAULT.withSrtp(key));
        assertThat(stream.srtp()).contains(key);
        long indexHint = stream.nextPacketIndex();
        assertThat(indexHint).as("an SRTP stream starts its sequence below 2^15").isLessThan(1 << 15);

        UdpPeer speaker = peer();
        speaker.join(token(streamer, "secure", "dev-1"), streamer.port());
        UdpPeer.Arrival first = speaker.receive(WAIT);
        assertThat(first).isNotNull();
        assertThat(first.isRtcp()).isTrue();
        ByteBuffer report = ByteBuffer.wrap(first.data().clone());
        SrtcpReceiver reports = new SrtcpReceiver(key);
        assertThat(reports.unprotect(report)).as("the sender report is authentic SRTCP").isTrue();
        SenderReport senderReport = (SenderReport) RtcpPacket.readCompound(report).get(0);
        assertThat(senderReport.ssrc()).isEqualTo(stream.ssrc());
        assertThat(Arrays.copyOfRange(first.data(), NTP_OFFSET, NTP_OFFSET + Long.BYTES))
                .as("its NTP time is not in the clear").isNotEqualTo(ntpBytes(senderReport.ntpTimestamp()));

        ReportBlock block = new ReportBlock(stream.ssrc(), 64, 7, 0, 480, 0, 0);
        ReceiverReport receiverReport = new ReceiverReport(SPEAKER_SSRC, List.of(block));
        speaker.send(receiverReport, streamer.port());
        byte[] authentic = new SrtpSender(key, SPEAKER_SSRC).protectRtcp(bytes(receiverReport));
        speaker.send(authentic, streamer.port());
        Eventually.await(WAIT, () -> streamer.counters().rtcpReceived() == 1, () -> "the authentic report taken");
        speaker.send(authentic, streamer.port());
        speaker.send(new SrtpSender(SrtpKey.generate(new SecureRandom()), SPEAKER_SSRC)
                .protectRtcp(bytes(receiverReport)), streamer.port());
        Eventually.await(WAIT, () -> streamer.counters().rtcpUnauthenticated() == 3,
                () -> "plain, replayed and foreign-key reports refused, counted " + streamer.counters()
                        .rtcpUnauthenticated());
        assertThat(streamer.counters().rtcpReceived()).isEqualTo(1);
        assertThat(statsOf(stream, speaker.address()).lossShare()).isEqualTo(0.25);

        source.addFrames(10);
        source.endWhenDrained();
        SrtpReceiver packets = new SrtpReceiver(key, stream.ssrc(), indexHint);
        List<String> heard = new ArrayList<>();
        for (UdpPeer.Arrival arrival : receiveUntilEnded(speaker, "secure")) {
            assertThat(new String(arrival.data(), StandardCharsets.US_ASCII)).doesNotContain("frame-");
            ByteBuffer packet = ByteBuffer.wrap(arrival.data());
            assertThat(packets.unprotect(packet)).isTrue();
            RtpHeader header = RtpHeader.readFrom(packet);
            assertThat(header.ssrc()).isEqualTo(stream.ssrc());
            heard.add(StandardCharsets.US_ASCII.decode(packet).toString());
        }
        assertThat(heard).isEqualTo(frameNames(10));
    }

    private static byte[] ntpBytes(long ntp) {
        return ByteBuffer.allocate(Long.BYTES).putLong(ntp).array();
    }

    private static byte[] bytes(RtcpPacket packet) throws MalformedPacketException {
        ByteBuffer out = ByteBuffer.allocate(packet.size());
        packet.writeTo(out);
        return out.array();
    }
}
