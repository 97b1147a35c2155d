package vn.loa.protocol.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of everything that reads bytes from the network: whatever arrives, the only exception that may
 * escape is the checked one the receiver drops and counts. Each loop also shows that it reached both outcomes.
 */
class GarbageDatagramsTest {
    private static final long SEED = 0x4C4F41L;
    private static final int ROUNDS = 50_000;
    private static final int MAX_DATAGRAM = 300;
    private static final byte[] KEY = new byte[JoinTokens.MIN_KEY_BYTES];

    private final SplittableRandom random = new SplittableRandom(SEED);

    @Test
    void randomBytesOnTheRtpPortNeverThrowAnythingButMalformed() {
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < ROUNDS; i++) {
            byte[] datagram = randomBytes(random.nextInt(MAX_DATAGRAM));
            if (datagram.length > 1 && random.nextBoolean()) {
                datagram[0] = (byte) (0x80 | datagram[0] & 0x3F);
                datagram[1] = (byte) (random.nextBoolean() ? 200 + random.nextInt(5) : datagram[1]);
            }
            outcomes.add(dispatch(datagram));
        }
        outcomes.assertBothSeen();
    }

    @Test
    void mutatedValidPacketsNeverThrowAnythingButMalformed() {
        List<byte[]> valid = List.of(rtpWithEverything(), compound(), JoinPacket.encode("s-1.spk-1.1.nonce.mac"));
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < ROUNDS; i++) {
            byte[] datagram = mutate(valid.get(random.nextInt(valid.size())));
            outcomes.add(dispatch(datagram));
            outcomes.add(readAll(datagram));
        }
        outcomes.assertBothSeen();
    }

    @Test
    void mutatedSdpTextNeverThrowsAnythingButMalformed() {
        byte[] sdp = new StreamSdp("Loa", 1, "10.0.0.5", "127.0.0.1", 5004, 96, 20).toText()
                .getBytes(StandardCharsets.US_ASCII);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < ROUNDS / 5; i++) {
            String text = new String(mutate(sdp), StandardCharsets.ISO_8859_1);
            try {
                StreamSdp.parse(text);
                outcomes.accepted++;
            } catch (MalformedPacketException e) {
                outcomes.rejected++;
            }
        }
        outcomes.assertBothSeen();
    }

    @Test
    void mutatedTokensAreOnlyEverRefusedWithAReason() {
        JoinTokens tokens = new JoinTokens(KEY);
        byte[] token = tokens.issue("s-1", "spk-1", 2_000_000_000L).getBytes(StandardCharsets.US_ASCII);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < ROUNDS / 5; i++) {
            String mutated = new String(mutate(token), StandardCharsets.ISO_8859_1);
            try {
                tokens.verify(mutated, 1_795_240_800L);
                outcomes.accepted++;
            } catch (InvalidJoinException e) {
                assertThat(e.rejection()).isIn(JoinRejection.MALFORMED, JoinRejection.FORGED);
                outcomes.rejected++;
            }
        }
        outcomes.assertBothSeen();
    }

    /** What the streamer does with a datagram on its one port: join, RTCP or RTP by the rtcp-mux rule. */
    private static boolean dispatch(byte[] datagram) {
        ByteBuffer in = ByteBuffer.wrap(datagram);
        if (JoinPacket.isJoin(in)) {
            return accepts(JoinPacket::decode, datagram);
        }
        if (datagram.length > 1 && RtcpPacket.isRtcpPacketType(datagram[1] & 0xFF)) {
            return accepts(RtcpPacket::readCompound, datagram);
        }
        return accepts(RtpHeader::readFrom, datagram);
    }

    /** Every reader on the same bytes, whatever they look like; true if any accepted them. */
    private static boolean readAll(byte[] datagram) {
        boolean accepted = false;
        for (Reader reader : List.<Reader>of(RtpHeader::readFrom, RtcpPacket::readCompound, JoinPacket::decode)) {
            accepted |= accepts(reader, datagram);
        }
        return accepted;
    }

    /** True if the reader accepts the datagram, false if it refuses it as malformed; anything else fails the test. */
    private static boolean accepts(Reader reader, byte[] datagram) {
        try {
            reader.read(ByteBuffer.wrap(datagram));
            return true;
        } catch (MalformedPacketException e) {
            return false;
        }
    }

    /** Flips, overwrites, cuts or extends a few bytes of a valid packet. */
    private byte[] mutate(byte[] valid) {
        byte[] out = valid.clone();
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            switch (random.nextInt(4)) {
                case 0 -> out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                case 2 -> out = Arrays.copyOf(out, Math.max(1, random.nextInt(out.length + 1)));
                default -> out = Bytes.concat(out, randomBytes(1 + random.nextInt(8)));
            }
        }
        return out;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static byte[] rtpWithEverything() {
        return Bytes.of(0xB1, 0xE0, 0, 1, 0, 0, 0x03, 0xC0, 0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 7,
                0xBE, 0xDE, 0, 1, 1, 2, 3, 4, 'o', 'p', 'u', 's', 0, 0, 0, 4);
    }

    private static byte[] compound() {
        ReportBlock block = new ReportBlock(0xCAFEBABEL, 3, 7, 70_000, 96, 0x12345678L, 3000);
        SenderReport sr = new SenderReport(0xCAFEBABEL, 1L << 62, 960, 10, 600, List.of(block));
        ReceiverReport rr = new ReceiverReport(0x0BADF00DL, List.of(block, block));
        ByteBuffer out = ByteBuffer.allocate(sr.size() + 16 + rr.size());
        sr.writeTo(out);
        out.put(Bytes.of(0x81, 202, 0, 3, 0x0B, 0xAD, 0xF0, 0x0D, 1, 5, 'l', 'o', 'a', '-', '1', 0));
        rr.writeTo(out);
        return out.array();
    }

    @FunctionalInterface
    private interface Reader {
        void read(ByteBuffer in) throws MalformedPacketException;
    }

    private static final class Outcomes {
        int accepted;
        int rejected;

        void add(boolean wasAccepted) {
            if (wasAccepted) {
                accepted++;
            } else {
                rejected++;
            }
        }

        void assertBothSeen() {
            assertThat(accepted).as("inputs accepted").isPositive();
            assertThat(rejected).as("inputs rejected").isPositive();
        }
    }
}
