package vn.loa.protocol.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JoinPacketTest {
    private static final String TOKEN = "s-1.spk-0001.1795241100.q9dR2kLx7mWb.3pTqL8vZk2mN0cXyR5sA1w";

    @Test
    void aJoinIsMagicFormatLengthAndToken() {
        byte[] join = JoinPacket.encode("abc");
        assertThat(join).containsExactly(Bytes.of('L', 'O', 'A', 'J', 1, 3, 'a', 'b', 'c'));
        assertThat(JoinPacket.HEADER_SIZE).isEqualTo(6);
        assertThat(JoinPacket.MAX_SIZE).isEqualTo(6 + 255);
    }

    @Test
    void aJoinRoundTrips() throws MalformedPacketException {
        ByteBuffer join = ByteBuffer.wrap(JoinPacket.encode(TOKEN));
        assertThat(JoinPacket.isJoin(join)).isTrue();
        assertThat(join.position()).isZero();
        assertThat(JoinPacket.decode(join)).isEqualTo(TOKEN);
        assertThat(join.hasRemaining()).isFalse();
    }

    @Test
    void theLongestTokenFillsTheLargestJoin() throws MalformedPacketException {
        String longest = "~".repeat(JoinTokens.MAX_TOKEN_LENGTH);
        byte[] join = JoinPacket.encode(longest);
        assertThat(join).hasSize(JoinPacket.MAX_SIZE);
        assertThat(JoinPacket.decode(ByteBuffer.wrap(join))).isEqualTo(longest);
    }

    @Test
    void aJoinIsNeverTakenForRtpOrRtcp() throws MalformedPacketException {
        byte[] join = JoinPacket.encode(TOKEN);
        assertThat(join[0] >>> 6).as("version bits").isEqualTo(1);
        assertThatThrownBy(() -> RtpHeader.readFrom(ByteBuffer.wrap(join)))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> RtcpPacket.readCompound(ByteBuffer.wrap(join)))
                .isInstanceOf(MalformedPacketException.class);

        ByteBuffer rtp = ByteBuffer.allocate(RtpHeader.SIZE);
        new RtpHeader(false, 96, 0x4C4F, 0x414A0103L, 0).writeTo(rtp);
        assertThat(JoinPacket.isJoin(rtp.flip())).isFalse();
        assertThat(JoinPacket.isJoin(ByteBuffer.wrap(Bytes.of('L', 'O', 'A')))).isFalse();
    }

    @Test
    void isJoinLooksAtTheBuffersPosition() {
        ByteBuffer buffer = ByteBuffer.wrap(Bytes.concat(Bytes.of(0x80, 0x60), JoinPacket.encode("t")));
        assertThat(JoinPacket.isJoin(buffer)).isFalse();
        buffer.position(2);
        assertThat(JoinPacket.isJoin(buffer)).isTrue();
        assertThat(buffer.position()).isEqualTo(2);
    }

    @Test
    void aJoinCutAtAnyLengthIsMalformed() {
        byte[] join = JoinPacket.encode(TOKEN);
        for (int length = 0; length < join.length; length++) {
            int cut = length;
            assertThatThrownBy(() -> JoinPacket.decode(Bytes.prefix(join, cut)))
                    .as("cut at %d", cut).isInstanceOf(MalformedPacketException.class);
        }
    }

    @Test
    void bytesAfterTheTokenAreMalformed() {
        assertMalformed(Bytes.concat(JoinPacket.encode(TOKEN), Bytes.of(0)), "length does not match");
    }

    @Test
    void anEmptyTokenIsMalformed() {
        assertMalformed(Bytes.of('L', 'O', 'A', 'J', 1, 0), "length does not match");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 255})
    void anUnknownFormatIsMalformed(int format) {
        byte[] join = JoinPacket.encode(TOKEN);
        join[4] = (byte) format;
        assertMalformed(join, "join format " + format);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x09, 0x20, 0x7F, 0x80, 0xFF})
    void aTokenWithASpaceControlOrNonAsciiByteIsMalformed(int bad) {
        byte[] join = JoinPacket.encode("abcd");
        join[7] = (byte) bad;
        assertMalformed(join, "non-printable");
    }

    @Test
    void somethingElseIsNotAJoin() {
        assertMalformed(Bytes.of(0x80, 0x60, 0, 1), "not a join");
    }

    @Test
    void onlyTokensThatFitAJoinCanBeEncoded() {
        assertThat(JoinPacket.fits("!~")).isTrue();
        for (String bad : new String[] {"", "a b", "tiếng", "a\tb", "~".repeat(JoinTokens.MAX_TOKEN_LENGTH + 1)}) {
            assertThat(JoinPacket.fits(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> JoinPacket.encode(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
        }
        assertThat(JoinPacket.fits(null)).isFalse();
    }

    private static void assertMalformed(byte[] datagram, String reason) {
        assertThatThrownBy(() -> JoinPacket.decode(ByteBuffer.wrap(datagram)))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining(reason);
    }
}
