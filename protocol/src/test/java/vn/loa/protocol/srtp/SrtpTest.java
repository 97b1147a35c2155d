package vn.loa.protocol.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.rtp.MalformedPacketException;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.rtp.RtpHeader;
import vn.loa.protocol.rtp.SenderReport;

/** SRTP and SRTCP as the streamer protects them and a speaker unprotects them, with jitsi-srtp on both sides. */
class SrtpTest {
    private static final long SSRC = 0x1234_5678L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SrtpKey key = SrtpKey.generate(RANDOM);

    @Test
    void aKeyIsFortyBase64CharactersAndNeverPrinted() {
        String text = key.toBase64();
        assertThat(text).hasSize(SrtpKey.TEXT_LENGTH);
        assertThat(SrtpKey.parse(text)).isEqualTo(key);
        assertThat(key.toString()).doesNotContain(text).contains(SrtpKey.SUITE);
        for (String bad : Arrays.asList(null, "", text.substring(1), text + "A", "!" + text.substring(1))) {
            assertThatThrownBy(() -> SrtpKey.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("an SRTP key is 40 base64 characters (16 key and 14 salt bytes)");
        }
    }

    @Test
    void anRtpPacketIsEncryptedAuthenticatedAndRestored() {
        SrtpSender sender = new SrtpSender(key, SSRC);
        SrtpReceiver receiver = new SrtpReceiver(key, SSRC, 1_000);
        for (int sequence = 1_000; sequence < 1_005; sequence++) {
            byte[] plain = rtp(sequence, "Opus frame " + sequence);
            byte[] protectedPacket = sender.protectRtp(plain);

            assertThat(protectedPacket).hasSize(plain.length + SrtpSender.RTP_OVERHEAD);
            assertThat(Arrays.copyOf(protectedPacket, RtpHeader.SIZE)).as("the header stays readable")
                    .isEqualTo(Arrays.copyOf(plain, RtpHeader.SIZE));
            assertThat(Arrays.copyOfRange(protectedPacket, RtpHeader.SIZE, plain.length)).as("the payload is not")
                    .isNotEqualTo(Arrays.copyOfRange(plain, RtpHeader.SIZE, plain.length));
            ByteBuffer received = ByteBuffer.wrap(protectedPacket);
            assertThat(receiver.unprotect(received)).isTrue();
            assertThat(bytes(received)).isEqualTo(plain);
        }
    }

    @Test
    void aTamperedReplayedOrForeignPacketIsRefused() {
        SrtpSender sender = new SrtpSender(key, SSRC);
        SrtpReceiver receiver = new SrtpReceiver(key, SSRC, 7);
        byte[] first = sender.protectRtp(rtp(7, "first"));
        byte[] second = sender.protectRtp(rtp(8, "second"));
        byte[] tampered = second.clone();
        tampered[RtpHeader.SIZE] ^= 1;
        byte[] byAnotherKey = new SrtpSender(SrtpKey.generate(RANDOM), SSRC).protectRtp(rtp(9, "third"));

        assertThat(receiver.unprotect(ByteBuffer.wrap(tampered))).as("tampered").isFalse();
        assertThat(receiver.unprotect(ByteBuffer.wrap(byAnotherKey))).as("another key").isFalse();
        assertThat(receiver.unprotect(ByteBuffer.wrap(Arrays.copyOf(first, 12)))).as("truncated").isFalse();
        assertThat(receiver.unprotect(ByteBuffer.wrap(first.clone()))).isTrue();
        assertThat(receiver.unprotect(ByteBuffer.wrap(second.clone()))).isTrue();
        assertThat(receiver.unprotect(ByteBuffer.wrap(first))).as("replayed").isFalse();
    }

    @Test
    void aReceiverJoiningAfterTheSequenceWrappedKnowsTheRolloverCounterFromItsOrder() {
        SrtpSender sender = new SrtpSender(key, SSRC);
        byte[][] sent = new byte[12][];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = sender.protectRtp(rtp((65_530 + i) & 0xFFFF, "frame " + i));
        }
        long beforeTheWrap = 65_533;
        long afterTheWrap = (1L << 16) | 2;
        for (long hint : List.of(beforeTheWrap, afterTheWrap)) {
            SrtpReceiver lateJoiner = new SrtpReceiver(key, SSRC, hint);
            for (int i = 8; i < sent.length; i++) {
                assertThat(lateJoiner.unprotect(ByteBuffer.wrap(sent[i].clone()))).as("hint %d, packet %d", hint, i)
                        .isTrue();
            }
        }
        SrtpReceiver fromTheStart = new SrtpReceiver(key, SSRC, 65_530);
        for (byte[] packet : sent) {
            assertThat(fromTheStart.unprotect(ByteBuffer.wrap(packet))).isTrue();
        }
    }

    @Test
    void theRolloverCounterIsTheOneClosestToTheHint() {
        assertThat(SrtpReceiver.rolloverCounterOf(5L << 16 | 100, 200)).isEqualTo(5);
        assertThat(SrtpReceiver.rolloverCounterOf(5L << 16 | 65_000, 10)).isEqualTo(6);
        assertThat(SrtpReceiver.rolloverCounterOf(5L << 16 | 10, 65_000)).isEqualTo(4);
        assertThat(SrtpReceiver.rolloverCounterOf(10, 65_000)).isZero();
    }

    @Test
    void aSenderReportIsProtectedAndRestoredOnceOnly() throws MalformedPacketException {
        SrtpSender sender = new SrtpSender(key, SSRC);
        SenderReport report = new SenderReport(SSRC, 0x1122_3344_5566_7788L, 48_000, 50, 4_000);
        ByteBuffer plain = ByteBuffer.allocate(report.size());
        report.writeTo(plain);
        byte[] protectedReport = sender.protectRtcp(plain.array());
        assertThat(protectedReport).hasSize(report.size() + SrtpSender.RTCP_OVERHEAD);

        SrtcpReceiver receiver = new SrtcpReceiver(key);
        byte[] tampered = protectedReport.clone();
        tampered[10] ^= 1;
        assertThat(receiver.unprotect(ByteBuffer.wrap(tampered))).as("tampered").isFalse();
        ByteBuffer received = ByteBuffer.wrap(protectedReport.clone());
        assertThat(receiver.unprotect(received)).isTrue();
        assertThat(RtcpPacket.readCompound(received)).containsExactly(report);
        assertThat(receiver.unprotect(ByteBuffer.wrap(protectedReport))).as("replayed").isFalse();
        assertThat(new SrtcpReceiver(SrtpKey.generate(RANDOM)).unprotect(ByteBuffer.wrap(sender.protectRtcp(
                plain.array())))).as("another key").isFalse();
    }

    private static byte[] rtp(int sequence, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        ByteBuffer packet = ByteBuffer.allocate(RtpHeader.SIZE + body.length);
        new RtpHeader(false, 96, sequence, sequence * 960L, SSRC).writeTo(packet);
        return packet.put(body).array();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
