package vn.loa.protocol.rtp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The RTCP packets Loa reads and writes: sender reports from the streamer, receiver reports from speakers. They
 * share the RTP port (rtcp-mux, RFC 5761); the second byte (200..204) tells them apart from RTP with a dynamic
 * payload type.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport {
    int SENDER_REPORT = 200;
    int RECEIVER_REPORT = 201;
    int MAX_REPORT_BLOCKS = 31;

    /** Bytes this packet takes on the wire. */
    int size();

    /** Writes the packet at the buffer's position and advances it. */
    void writeTo(ByteBuffer out);

    /** True if the second byte of a datagram marks an RTCP packet (SR, RR, SDES, BYE or APP). */
    static boolean isRtcpPacketType(int secondByte) {
        return secondByte >= 200 && secondByte <= 204;
    }

    /**
     * Parses a compound RTCP datagram from the buffer's position to its limit. SR and RR packets are returned;
     * SDES, BYE and APP are checked for a sound length and skipped.
     */
    static List<RtcpPacket> readCompound(ByteBuffer in) throws MalformedPacketException {
        List<RtcpPacket> packets = new ArrayList<>(2);
        if (!in.hasRemaining()) {
            throw new MalformedPacketException("empty RTCP datagram");
        }
        while (in.hasRemaining()) {
            if (in.remaining() < 4) {
                throw new MalformedPacketException("RTCP header truncated");
            }
            int start = in.position();
            int first = in.get(start) & 0xFF;
            int type = in.get(start + 1) & 0xFF;
            int length = 4 * ((in.getShort(start + 2) & 0xFFFF) + 1);
            if (first >>> 6 != RtpHeader.VERSION) {
                throw new MalformedPacketException("RTCP version " + (first >>> 6) + " is not 2");
            }
            if (!isRtcpPacketType(type)) {
                throw new MalformedPacketException("packet type " + type + " is not RTCP");
            }
            if (length > in.remaining()) {
                throw new MalformedPacketException("RTCP length field exceeds the datagram");
            }
            int count = first & 0x1F;
            ByteBuffer body = in.slice(start + 4, length - 4);
            if (type == SENDER_REPORT) {
                packets.add(SenderReport.readBody(body, count));
            } else if (type == RECEIVER_REPORT) {
                packets.add(ReceiverReport.readBody(body, count));
            }
            in.position(start + length);
        }
        return packets;
    }

    static void writeHeader(ByteBuffer out, int count, int type, int size) {
        out.put((byte) ((RtpHeader.VERSION << 6) | count));
        out.put((byte) type);
        out.putShort((short) (size / 4 - 1));
    }

    static List<ReportBlock> readBlocks(ByteBuffer body, int count) throws MalformedPacketException {
        if (body.remaining() < count * ReportBlock.SIZE) {
            throw new MalformedPacketException("RTCP report blocks truncated");
        }
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.readFrom(body));
        }
        return List.copyOf(blocks);
    }

    static List<ReportBlock> checkedBlocks(List<ReportBlock> blocks) {
        if (blocks.size() > MAX_REPORT_BLOCKS) {
            throw new IllegalArgumentException("at most " + MAX_REPORT_BLOCKS + " report blocks");
        }
        return List.copyOf(blocks);
    }
}
