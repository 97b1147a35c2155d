package vn.loa.protocol.rtp;

import java.nio.ByteBuffer;

/**
 * The fixed RTP header (RFC 3550 section 5.1) as Loa sends it: version 2, no padding, no extension, no CSRC.
 * Reading accepts what other senders may add (CSRCs, an extension, padding) and reports where the payload is.
 */
public record RtpHeader(boolean marker, int payloadType, int sequence, long timestamp, long ssrc) {
    public static final int SIZE = 12;
    static final int VERSION = 2;

    public RtpHeader {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be within 0..127");
        }
        sequence &= 0xFFFF;
        timestamp &= 0xFFFFFFFFL;
        ssrc &= 0xFFFFFFFFL;
    }

    /** Writes the 12 header bytes at the buffer's position and advances it. */
    public void writeTo(ByteBuffer out) {
        out.put((byte) (VERSION << 6));
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequence);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
    }

    /**
     * Parses the header at the buffer's position. On return the buffer's position is the first payload byte and
     * its limit the last payload byte plus one (padding excluded).
     */
    public static RtpHeader readFrom(ByteBuffer in) throws MalformedPacketException {
        int start = in.position();
        int length = in.remaining();
        if (length < SIZE) {
            throw new MalformedPacketException("RTP packet shorter than its " + SIZE + "-byte header");
        }
        int first = in.get() & 0xFF;
        if (first >>> 6 != VERSION) {
            throw new MalformedPacketException("RTP version " + (first >>> 6) + " is not 2");
        }
        int second = in.get() & 0xFF;
        if (RtcpPacket.isRtcpPacketType(second)) {
            throw new MalformedPacketException("packet type " + second + " is RTCP, not RTP");
        }
        int sequence = in.getShort() & 0xFFFF;
        long timestamp = in.getInt() & 0xFFFFFFFFL;
        long ssrc = in.getInt() & 0xFFFFFFFFL;
        int headerLength = SIZE + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (length < headerLength + 4) {
                throw new MalformedPacketException("RTP header extension truncated");
            }
            int extensionWords = in.getShort(start + headerLength + 2) & 0xFFFF;
            headerLength += 4 + 4 * extensionWords;
        }
        int padding = 0;
        if ((first & 0x20) != 0 && length > 0) {
            padding = in.get(start + length - 1) & 0xFF;
            if (padding == 0) {
                throw new MalformedPacketException("RTP padding length of zero");
            }
        }
        if (headerLength + padding > length) {
            throw new MalformedPacketException("RTP header, extension or padding longer than the packet");
        }
        in.limit(start + length - padding);
        in.position(start + headerLength);
        return new RtpHeader((second & 0x80) != 0, second & 0x7F, sequence, timestamp, ssrc);
    }
}
