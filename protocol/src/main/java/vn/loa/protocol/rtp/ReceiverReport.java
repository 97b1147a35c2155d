package vn.loa.protocol.rtp;

import java.nio.ByteBuffer;
import java.util.List;

/** RTCP RR: a speaker's loss and jitter for the stream it receives; also its keep-alive towards the streamer. */
public record ReceiverReport(long ssrc, List<ReportBlock> blocks) implements RtcpPacket {
    private static final int FIXED_SIZE = 8;

    public ReceiverReport {
        blocks = RtcpPacket.checkedBlocks(blocks);
        ssrc &= 0xFFFFFFFFL;
    }

    @Override
    public int size() {
        return FIXED_SIZE + ReportBlock.SIZE * blocks.size();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpPacket.writeHeader(out, blocks.size(), RECEIVER_REPORT, size());
        out.putInt((int) ssrc);
        blocks.forEach(block -> block.writeTo(out));
    }

    static ReceiverReport readBody(ByteBuffer body, int count) throws MalformedPacketException {
        if (body.remaining() < FIXED_SIZE - 4) {
            throw new MalformedPacketException("RTCP receiver report truncated");
        }
        long ssrc = body.getInt() & 0xFFFFFFFFL;
        return new ReceiverReport(ssrc, RtcpPacket.readBlocks(body, count));
    }
}
