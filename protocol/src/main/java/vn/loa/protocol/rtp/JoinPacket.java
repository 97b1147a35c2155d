package vn.loa.protocol.rtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The datagram a speaker sends from its RTP socket to the streamer's RTP port to be latched: the ASCII magic
 * {@code LOAJ}, a format byte (1), the token length (one byte) and the token. The magic's first byte has the
 * top bits 01, so a join can never be mistaken for RTP or RTCP (version 2).
 */
public final class JoinPacket {
    public static final int FORMAT = 1;
    public static final int HEADER_SIZE = 6;
    public static final int MAX_SIZE = HEADER_SIZE + JoinTokens.MAX_TOKEN_LENGTH;
    private static final int MAGIC = 0x4C4F414A;

    private JoinPacket() {
    }

    public static byte[] encode(String token) {
        if (!fits(token)) {
            throw new IllegalArgumentException("join token must be 1.." + JoinTokens.MAX_TOKEN_LENGTH
                    + " printable ASCII characters");
        }
        byte[] text = token.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + text.length);
        out.putInt(MAGIC).put((byte) FORMAT).put((byte) text.length).put(text);
        return out.array();
    }

    /** True if the datagram at the buffer's position starts with the join magic (the position is unchanged). */
    public static boolean isJoin(ByteBuffer in) {
        return in.remaining() >= 4 && in.getInt(in.position()) == MAGIC;
    }

    /** The token carried by the join at the buffer's position; consumes the datagram. */
    public static String decode(ByteBuffer in) throws MalformedPacketException {
        if (!isJoin(in)) {
            throw new MalformedPacketException("not a join packet");
        }
        if (in.remaining() < HEADER_SIZE) {
            throw new MalformedPacketException("join packet truncated");
        }
        in.getInt();
        int format = in.get() & 0xFF;
        int length = in.get() & 0xFF;
        if (format != FORMAT) {
            throw new MalformedPacketException("join format " + format + " is not " + FORMAT);
        }
        if (length == 0 || length != in.remaining()) {
            throw new MalformedPacketException("join token length does not match the datagram");
        }
        byte[] text = new byte[length];
        in.get(text);
        for (byte b : text) {
            if (!isTokenCharacter(b)) {
                throw new MalformedPacketException("join token holds a non-printable byte");
            }
        }
        return new String(text, StandardCharsets.US_ASCII);
    }

    /**
     * True if the token can travel in a join: 1 to {@link JoinTokens#MAX_TOKEN_LENGTH} printable ASCII characters
     * without spaces (0x21..0x7E), which also pass unchanged through JSON.
     */
    public static boolean fits(String token) {
        return token != null && !token.isEmpty() && token.length() <= JoinTokens.MAX_TOKEN_LENGTH
                && token.chars().allMatch(JoinPacket::isTokenCharacter);
    }

    private static boolean isTokenCharacter(int c) {
        return c >= 0x21 && c <= 0x7E;
    }
}
