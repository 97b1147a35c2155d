package vn.loa.protocol.rtp;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * RTCP SR: ties the stream's RTP timestamps to wall-clock (NTP) time, so every speaker plays a frame at once. The
 * 32-bit fields are kept as their unsigned wire values (the counters wrap, as RFC 3550 lets them).
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                           List<ReportBlock> blocks) implements RtcpPacket {
    private static final int FIXED_SIZE = 28;

    public SenderReport {
        blocks = RtcpPacket.checkedBlocks(blocks);
        ssrc &= 0xFFFFFFFFL;
        rtpTimestamp &= 0xFFFFFFFFL;
        packetCount &= 0xFFFFFFFFL;
        octetCount &= 0xFFFFFFFFL;
    }

    public SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
        this(ssrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount, List.of());
    }

    @Override
    public int size() {
        return FIXED_SIZE + ReportBlock.SIZE * blocks.size();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpPacket.writeHeader(out, blocks.size(), SENDER_REPORT, size());
        out.putInt((int) ssrc);
        out.putLong(ntpTimestamp);
        out.putInt((int) rtpTimestamp);
        out.putInt((int) packetCount);
        out.putInt((int) octetCount);
        blocks.forEach(block -> block.writeTo(out));
    }

    static SenderReport readBody(ByteBuffer body, int count) throws MalformedPacketException {
        if (body.remaining() < FIXED_SIZE - 4) {
            throw new MalformedPacketException("RTCP sender report truncated");
        }
        long ssrc = body.getInt() & 0xFFFFFFFFL;
        long ntp = body.getLong();
        long rtp = body.getInt() & 0xFFFFFFFFL;
        long packets = body.getInt() & 0xFFFFFFFFL;
        long octets = body.getInt() & 0xFFFFFFFFL;
        return new SenderReport(ssrc, ntp, rtp, packets, octets, RtcpPacket.readBlocks(body, count));
    }
}
