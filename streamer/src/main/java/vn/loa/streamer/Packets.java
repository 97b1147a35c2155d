package vn.loa.streamer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.rtp.RtpHeader;

/** Builds outgoing packets in direct buffers with the protocol codecs, which write through an NIO view. */
final class Packets {
    private Packets() {
    }

    static ByteBuf rtp(ByteBufAllocator allocator, RtpHeader header, byte[] payload) {
        ByteBuf packet = allocator.directBuffer(RtpHeader.SIZE + payload.length);
        header.writeTo(packet.nioBuffer(0, RtpHeader.SIZE));
        return packet.writerIndex(RtpHeader.SIZE).writeBytes(payload);
    }

    static ByteBuf rtcp(ByteBufAllocator allocator, RtcpPacket report) {
        ByteBuf packet = allocator.directBuffer(report.size());
        report.writeTo(packet.nioBuffer(0, report.size()));
        return packet.writerIndex(report.size());
    }
}
