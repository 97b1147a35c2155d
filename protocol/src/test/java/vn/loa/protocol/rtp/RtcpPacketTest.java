package vn.loa.protocol.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtcpPacketTest {
    private static final long STREAM_SSRC = 0xCAFEBABEL;
    private static final long DEVICE_SSRC = 0x0BADF00DL;
    private static final ReportBlock BLOCK = new ReportBlock(STREAM_SSRC, 25, 1234, 0x0001_FFFFL, 480,
            0x12345678L, 65536);
    private static final SenderReport SR = new SenderReport(STREAM_SSRC, 0xEAD2_0000_8000_0000L, 0xFFFF_FF00L,
            1_000, 60_000);
    private static final ReceiverReport RR = new ReceiverReport(DEVICE_SSRC, List.of(BLOCK));
    /** SDES with one chunk: SSRC, CNAME "loa-1", end of items; 16 bytes. */
    private static final byte[] SDES = Bytes.of(0x81, 202, 0, 3, 0x0B, 0xAD, 0xF0, 0x0D, 1, 5, 'l', 'o', 'a', '-', '1', 0);
    private static final byte[] BYE = Bytes.of(0x81, 203, 0, 1, 0x0B, 0xAD, 0xF0, 0x0D);
    private static final byte[] APP = Bytes.of(0x80, 204, 0, 2, 0x0B, 0xAD, 0xF0, 0x0D, 'L', 'O', 'A', 'X');

    @Test
    void aSenderReportWithoutBlocksIsTwentyEightBytesAsRfc3550DrawsIt() throws MalformedPacketException {
        byte[] wire = write(SR);

        assertThat(wire).hasSize(28).startsWith(Bytes.of(0x80, 200, 0, 6, 0xCA, 0xFE, 0xBA, 0xBE,
                0xEA, 0xD2, 0, 0, 0x80, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x00, 0, 0, 0x03, 0xE8, 0, 0, 0xEA, 0x60));
        assertThat(read(wire)).containsExactly(SR);
        assertThat(SR.blocks()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, RtcpPacket.MAX_REPORT_BLOCKS})
    void aSenderReportWithReportBlocksRoundTrips(int count) throws MalformedPacketException {
        SenderReport sr = new SenderReport(STREAM_SSRC, 1L << 63, 7, 8, 9, blocks(count));
        byte[] wire = write(sr);

        assertThat(wire).hasSize(28 + 24 * count);
        assertThat(wire[0] & 0xFF).isEqualTo(0x80 | count);
        assertThat(read(wire)).containsExactly(sr);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, RtcpPacket.MAX_REPORT_BLOCKS})
    void aReceiverReportRoundTrips(int count) throws MalformedPacketException {
        ReceiverReport rr = new ReceiverReport(DEVICE_SSRC, blocks(count));
        byte[] wire = write(rr);

        assertThat(wire).hasSize(8 + 24 * count);
        assertThat(wire[1] & 0xFF).isEqualTo(RtcpPacket.RECEIVER_REPORT);
        assertThat(((wire[2] & 0xFF) << 8 | wire[3] & 0xFF)).isEqualTo(wire.length / 4 - 1);
        assertThat(read(wire)).containsExactly(rr);
    }

    @Test
    void aReportBlockCarriesEveryFieldOfRfc3550() throws MalformedPacketException {
        byte[] wire = write(RR);

        assertThat(wire).endsWith(Bytes.of(0xCA, 0xFE, 0xBA, 0xBE, 25, 0, 0x04, 0xD2, 0, 1, 0xFF, 0xFF,
                0, 0, 0x01, 0xE0, 0x12, 0x34, 0x56, 0x78, 0, 1, 0, 0));
        ReportBlock block = ((ReceiverReport) read(wire).get(0)).blocks().get(0);
        assertThat(block).isEqualTo(BLOCK);
        assertThat(block.lossShare()).isEqualTo(25 / 256.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -5, 0x7FFFFF, -0x800000})
    void cumulativeLossIsASigned24BitNumber(int lost) throws MalformedPacketException {
        ReceiverReport rr = new ReceiverReport(DEVICE_SSRC, List.of(new ReportBlock(1, 0, lost, 0, 0, 0, 0)));
        assertThat(((ReceiverReport) read(write(rr)).get(0)).blocks().get(0).cumulativeLost()).isEqualTo(lost);
    }

    @Test
    void cumulativeLossBeyond24BitsIsClamped() {
        assertThat(new ReportBlock(1, 0, 10_000_000, 0, 0, 0, 0).cumulativeLost()).isEqualTo(0x7FFFFF);
        assertThat(new ReportBlock(1, 0, -10_000_000, 0, 0, 0, 0).cumulativeLost()).isEqualTo(-0x800000);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 256})
    void fractionLostIsOneByte(int fraction) {
        assertThatThrownBy(() -> new ReportBlock(1, fraction, 0, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..255");
    }

    @Test
    void thirtyTwoBitFieldsKeepTheirUnsignedWireValue() throws MalformedPacketException {
        ReportBlock block = new ReportBlock(-1, 0, 0, (1L << 32) + 5, -2, -3, -4);
        assertThat(block).isEqualTo(new ReportBlock(0xFFFFFFFFL, 0, 0, 5, 0xFFFFFFFEL, 0xFFFFFFFDL, 0xFFFFFFFCL));

        SenderReport wrapped = new SenderReport((int) STREAM_SSRC, 0, -1, (1L << 32) + 3, (1L << 33) + 4);
        assertThat(wrapped).isEqualTo(new SenderReport(STREAM_SSRC, 0, 0xFFFFFFFFL, 3, 4));
        assertThat(read(write(wrapped))).containsExactly(wrapped);
        assertThat(new ReceiverReport((int) DEVICE_SSRC | 0x80000000, List.of()).ssrc()).isEqualTo(0x8BADF00DL);
    }

    @Test
    void atMost31ReportBlocksFitTheFiveBitCount() {
        assertThatThrownBy(() -> new ReceiverReport(DEVICE_SSRC, blocks(32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31");
        assertThatThrownBy(() -> new SenderReport(STREAM_SSRC, 0, 0, 0, 0, blocks(32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31");
    }

    @Test
    void theBlocksOfAReportCannotBeChangedAfterwards() {
        List<ReportBlock> blocks = new ArrayList<>(List.of(BLOCK));
        ReceiverReport rr = new ReceiverReport(DEVICE_SSRC, blocks);
        blocks.clear();
        assertThat(rr.blocks()).containsExactly(BLOCK);
        assertThatThrownBy(() -> rr.blocks().add(BLOCK)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCompoundPacketYieldsItsReportsAndSkipsSdesByeAndApp() throws MalformedPacketException {
        byte[] compound = Bytes.concat(write(SR), SDES, write(RR), BYE, APP);
        assertThat(read(compound)).containsExactly(SR, RR);
    }

    @Test
    void aStandardReceiversReceiverReportWithSdesReadsAsItsReport() throws MalformedPacketException {
        ReceiverReport empty = new ReceiverReport(DEVICE_SSRC, List.of());
        assertThat(read(Bytes.concat(write(empty), SDES))).containsExactly(empty);
        assertThat(read(SDES)).isEmpty();
    }

    @Test
    void readingLeavesTheBufferAtTheEndOfTheDatagram() throws MalformedPacketException {
        ByteBuffer in = ByteBuffer.wrap(Bytes.concat(write(SR), SDES));
        RtcpPacket.readCompound(in);
        assertThat(in.hasRemaining()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 203, 204})
    void packetTypes200To204AreRtcp(int type) {
        assertThat(RtcpPacket.isRtcpPacketType(type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 72, 96, 127, 199, 205, 224, 255})
    void otherSecondBytesAreNotRtcp(int type) {
        assertThat(RtcpPacket.isRtcpPacketType(type)).isFalse();
    }

    @Test
    void anEmptyDatagramIsMalformed() {
        assertMalformed(new byte[0], "empty");
    }

    @Test
    void aCompoundCutAnywhereButBetweenPacketsIsMalformed() throws MalformedPacketException {
        byte[] sr = write(new SenderReport(STREAM_SSRC, 1, 2, 3, 4, List.of(BLOCK)));
        byte[] compound = Bytes.concat(sr, SDES, write(RR));
        List<Integer> boundaries = List.of(sr.length, sr.length + SDES.length);
        for (int length = 1; length < compound.length; length++) {
            if (boundaries.contains(length)) {
                assertThat(RtcpPacket.readCompound(Bytes.prefix(compound, length))).hasSize(1);
            } else {
                int cut = length;
                assertThatThrownBy(() -> RtcpPacket.readCompound(Bytes.prefix(compound, cut)))
                        .as("cut at %d", cut).isInstanceOf(MalformedPacketException.class);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x40, 0xC0})
    void anyVersionButTwoIsMalformed(int firstByte) {
        byte[] wire = write(RR);
        wire[0] = (byte) (firstByte | 1);
        assertMalformed(wire, "version");
    }

    @Test
    void aVersionErrorInALaterPacketSpoilsTheCompound() {
        byte[] sdes = SDES.clone();
        sdes[0] = 0x41;
        assertMalformed(Bytes.concat(write(SR), sdes), "version");
    }

    @Test
    void aNonRtcpPacketTypeInsideACompoundIsMalformed() {
        byte[] rtpLike = Bytes.of(0x80, 96, 0, 1, 0, 0, 0, 0);
        assertMalformed(Bytes.concat(write(RR), rtpLike), "is not RTCP");
    }

    @Test
    void aLengthFieldBeyondTheDatagramIsMalformed() {
        byte[] wire = write(RR);
        wire[3]++;
        assertMalformed(wire, "exceeds the datagram");
    }

    @Test
    void aLengthTooShortForTheReportCountIsMalformed() {
        byte[] wire = write(new SenderReport(STREAM_SSRC, 1, 2, 3, 4, List.of(BLOCK)));
        wire[3] = 6;
        assertMalformed(Bytes.prefix(wire, 28).array(), "report blocks truncated");
    }

    @Test
    void reportsShorterThanTheirFixedPartAreMalformed() {
        assertMalformed(Bytes.of(0x80, 201, 0, 0), "receiver report truncated");
        assertMalformed(Bytes.of(0x80, 200, 0, 1, 0, 0, 0, 1), "sender report truncated");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void bytesAfterTheLastPacketThatCannotHoldAHeaderAreMalformed(int extra) {
        assertMalformed(Bytes.concat(write(RR), new byte[extra]), "header truncated");
    }

    private static List<ReportBlock> blocks(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new ReportBlock(STREAM_SSRC + i, i, -i, 65_536L * i + i, i * 48L, i, i))
                .toList();
    }

    private static byte[] write(RtcpPacket packet) {
        ByteBuffer out = ByteBuffer.allocate(packet.size());
        packet.writeTo(out);
        assertThat(out.hasRemaining()).as("size() matches the bytes written").isFalse();
        return out.array();
    }

    private static List<RtcpPacket> read(byte[] datagram) throws MalformedPacketException {
        return Collections.unmodifiableList(RtcpPacket.readCompound(ByteBuffer.wrap(datagram)));
    }

    private static void assertMalformed(byte[] datagram, String reason) {
        assertThatThrownBy(() -> RtcpPacket.readCompound(ByteBuffer.wrap(datagram)))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining(reason);
    }
}
