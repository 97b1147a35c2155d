package vn.loa.protocol.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RtpHeaderTest {
    private static final byte[] PAYLOAD = "opus".getBytes(StandardCharsets.US_ASCII);
    /** Version 2, sequence 0x0102, timestamp 0x03040506, SSRC 0x0708090A; the caller sets byte 0 and byte 1. */
    private static final byte[] FIXED_TAIL = Bytes.of(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A);

    @Test
    void writesTheTwelveFixedHeaderBytesOfRfc3550() {
        ByteBuffer out = ByteBuffer.allocate(RtpHeader.SIZE);
        new RtpHeader(true, 96, 0x1234, 0x89ABCDEFL, 0xFEDCBA98L).writeTo(out);
        assertThat(out.position()).isEqualTo(RtpHeader.SIZE);
        assertThat(out.array()).containsExactly(Bytes.of(
                0x80, 0xE0, 0x12, 0x34, 0x89, 0xAB, 0xCD, 0xEF, 0xFE, 0xDC, 0xBA, 0x98));
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                arguments(new RtpHeader(false, 96, 0, 0, 0)),
                arguments(new RtpHeader(true, 96, 1, 960, 1)),
                arguments(new RtpHeader(false, 127, 65535, 0xFFFFFFFFL, 0xFFFFFFFFL)),
                arguments(new RtpHeader(true, 0, 32768, 0x80000000L, 0x80000000L)),
                arguments(new RtpHeader(true, 111, 0x7FFF, 0x7FFFFFFFL, 0x7FFFFFFFL)));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void aHeaderReadsBackAsWrittenAndLeavesThePayload(RtpHeader header) throws MalformedPacketException {
        ByteBuffer packet = ByteBuffer.allocate(RtpHeader.SIZE + PAYLOAD.length);
        header.writeTo(packet);
        packet.put(PAYLOAD).flip();

        assertThat(RtpHeader.readFrom(packet)).isEqualTo(header);
        assertThat(remaining(packet)).isEqualTo("opus");
    }

    @Test
    void sequenceTimestampAndSsrcWrapAtTheirWireWidths() {
        RtpHeader wrapped = new RtpHeader(false, 96, 65535 + 1, 0xFFFFFFFFL + 961, (long) (int) 0xDEADBEEFL);
        assertThat(wrapped.sequence()).isZero();
        assertThat(wrapped.timestamp()).isEqualTo(960);
        assertThat(wrapped.ssrc()).isEqualTo(0xDEADBEEFL);
        assertThat(new RtpHeader(false, 96, -1, -1, -1))
                .isEqualTo(new RtpHeader(false, 96, 65535, 0xFFFFFFFFL, 0xFFFFFFFFL));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 128, 255})
    void aPayloadTypeOutside7BitsIsRefused(int payloadType) {
        assertThatThrownBy(() -> new RtpHeader(false, payloadType, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..127");
    }

    @Test
    void readsAtTheBuffersPositionNotAtItsStart() throws MalformedPacketException {
        RtpHeader header = new RtpHeader(true, 97, 7, 8, 9);
        ByteBuffer buffer = ByteBuffer.allocate(3 + RtpHeader.SIZE + PAYLOAD.length);
        buffer.put(Bytes.of(0xAA, 0xBB, 0xCC));
        header.writeTo(buffer);
        buffer.put(PAYLOAD).flip().position(3);

        assertThat(RtpHeader.readFrom(buffer)).isEqualTo(header);
        assertThat(buffer.position()).isEqualTo(3 + RtpHeader.SIZE);
        assertThat(remaining(buffer)).isEqualTo("opus");
    }

    @Test
    void skipsContributingSources() throws MalformedPacketException {
        ByteBuffer packet = ByteBuffer.wrap(Bytes.concat(Bytes.of(0x82, 0x60), FIXED_TAIL,
                Bytes.of(0, 0, 0, 1, 0, 0, 0, 2), PAYLOAD));

        RtpHeader header = RtpHeader.readFrom(packet);

        assertThat(header).isEqualTo(new RtpHeader(false, 96, 0x0102, 0x03040506L, 0x0708090AL));
        assertThat(packet.position()).isEqualTo(RtpHeader.SIZE + 8);
        assertThat(remaining(packet)).isEqualTo("opus");
    }

    @Test
    void skipsAHeaderExtension() throws MalformedPacketException {
        byte[] extension = Bytes.of(0xBE, 0xDE, 0x00, 0x02, 1, 2, 3, 4, 5, 6, 7, 8);
        ByteBuffer packet = ByteBuffer.wrap(Bytes.concat(Bytes.of(0x90, 0xE0), FIXED_TAIL, extension, PAYLOAD));

        assertThat(RtpHeader.readFrom(packet).marker()).isTrue();
        assertThat(remaining(packet)).isEqualTo("opus");
    }

    @Test
    void leavesPaddingOutOfThePayload() throws MalformedPacketException {
        ByteBuffer packet = ByteBuffer.wrap(Bytes.concat(Bytes.of(0xA0, 0x60), FIXED_TAIL, PAYLOAD,
                Bytes.of(0, 0, 0, 4)));

        RtpHeader.readFrom(packet);

        assertThat(packet.limit()).isEqualTo(RtpHeader.SIZE + PAYLOAD.length);
        assertThat(remaining(packet)).isEqualTo("opus");
    }

    @Test
    void skipsCsrcsAndAnExtensionAndDropsPaddingTogether() throws MalformedPacketException {
        ByteBuffer packet = ByteBuffer.wrap(Bytes.concat(Bytes.of(0xB1, 0x61), FIXED_TAIL, Bytes.of(0, 0, 0, 1),
                Bytes.of(0x10, 0x00, 0x00, 0x01, 9, 9, 9, 9), PAYLOAD, Bytes.of(0, 2)));

        assertThat(RtpHeader.readFrom(packet).payloadType()).isEqualTo(97);
        assertThat(remaining(packet)).isEqualTo("opus");
    }

    @Test
    void paddingMayLeaveAnEmptyPayload() throws MalformedPacketException {
        ByteBuffer packet = ByteBuffer.wrap(Bytes.concat(Bytes.of(0xA0, 0x60), FIXED_TAIL, Bytes.of(0, 0, 0, 4)));

        RtpHeader.readFrom(packet);

        assertThat(packet.hasRemaining()).isFalse();
    }

    @Test
    void aPacketShorterThanTheFixedHeaderIsMalformedAtEveryLength() {
        byte[] packet = Bytes.concat(Bytes.of(0x80, 0x60), FIXED_TAIL);
        for (int length = 0; length < RtpHeader.SIZE; length++) {
            assertMalformed(Bytes.prefix(packet, length), "shorter than its 12-byte header");
        }
    }

    @Test
    void aPacketCutInsideItsCsrcsOrExtensionIsMalformedAtEveryLength() {
        byte[] packet = Bytes.concat(Bytes.of(0x92, 0x60), FIXED_TAIL, Bytes.of(0, 0, 0, 1, 0, 0, 0, 2),
                Bytes.of(0xBE, 0xDE, 0x00, 0x01, 1, 2, 3, 4));
        for (int length = RtpHeader.SIZE; length < packet.length; length++) {
            assertMalformed(Bytes.prefix(packet, length), "RTP header");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x40, 0xC0})
    void anyVersionButTwoIsMalformed(int firstByte) {
        assertMalformed(ByteBuffer.wrap(Bytes.concat(Bytes.of(firstByte, 0x60), FIXED_TAIL, PAYLOAD)), "version");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 203, 204})
    void anRtcpPacketTypeIsNotRtp(int secondByte) {
        assertMalformed(ByteBuffer.wrap(Bytes.concat(Bytes.of(0x80, secondByte), FIXED_TAIL)), "is RTCP");
    }

    @ParameterizedTest
    @ValueSource(ints = {199, 205})
    void markerAndPayloadTypeNextToTheRtcpRangeAreRtp(int secondByte) throws MalformedPacketException {
        RtpHeader header = RtpHeader.readFrom(ByteBuffer.wrap(Bytes.concat(Bytes.of(0x80, secondByte), FIXED_TAIL)));
        assertThat(header.marker()).isTrue();
        assertThat(header.payloadType()).isEqualTo(secondByte - 128);
    }

    @Test
    void aPaddingCountOfZeroIsMalformed() {
        assertMalformed(ByteBuffer.wrap(Bytes.concat(Bytes.of(0xA0, 0x60), FIXED_TAIL, PAYLOAD, Bytes.of(0))),
                "padding length of zero");
    }

    @Test
    void paddingReachingIntoTheHeaderIsMalformed() {
        assertMalformed(ByteBuffer.wrap(Bytes.concat(Bytes.of(0xA0, 0x60), FIXED_TAIL, PAYLOAD, Bytes.of(6))),
                "longer than the packet");
        assertMalformed(ByteBuffer.wrap(Bytes.concat(Bytes.of(0xA0, 0x60), FIXED_TAIL, Bytes.of(255))),
                "longer than the packet");
    }

    @Test
    void anExtensionLongerThanThePacketIsMalformed() {
        assertMalformed(ByteBuffer.wrap(Bytes.concat(Bytes.of(0x90, 0x60), FIXED_TAIL,
                Bytes.of(0xBE, 0xDE, 0xFF, 0xFF), PAYLOAD)), "longer than the packet");
    }

    @Test
    void csrcsLongerThanThePacketAreMalformed() {
        assertMalformed(ByteBuffer.wrap(Bytes.concat(Bytes.of(0x8F, 0x60), FIXED_TAIL, PAYLOAD)),
                "longer than the packet");
    }

    private static void assertMalformed(ByteBuffer packet, String reason) {
        assertThatThrownBy(() -> RtpHeader.readFrom(packet))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining(reason);
    }

    private static String remaining(ByteBuffer buffer) {
        byte[] rest = new byte[buffer.remaining()];
        buffer.get(rest);
        return new String(rest, StandardCharsets.US_ASCII);
    }
}
