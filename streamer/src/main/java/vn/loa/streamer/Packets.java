package vn.loa.streamer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.rtp.RtpHeader;
import vn.loa.protocol.srtp.SrtpSender;

/** Builds outgoing packets in direct buffers with the protocol codecs, which write through an NIO view. */
final class Packets {
    private Packets() {
    }

    static ByteBuf rtp(ByteBufAllocator allocator, RtpHeader header, byte[] payload) {
        ByteBuf packet = allocator.directBuffer(RtpHeader.SIZE + payload.length);
        header.writeTo(packet.nioBuffer(0, RtpHeader.SIZE));
        return packet.writerIndex(RtpHeader.SIZE).writeBytes(payload);
    }

    /** The SRTP packet: built on the heap, protected once, copied to a direct buffer for the fan-out. */
    static ByteBuf srtp(ByteBufAllocator allocator, SrtpSender sender, RtpHeader header, byte[] payload) {
        ByteBuffer plain = ByteBuffer.allocate(RtpHeader.SIZE + payload.length);
        header.writeTo(plain);
        return direct(allocator, sender.protectRtp(plain.put(payload).array()));
    }

    static ByteBuf srtcp(ByteBufAllocator allocator, SrtpSender sender, RtcpPacket report) {
        ByteBuffer plain = ByteBuffer.allocate(report.size());
        report.writeTo(plain);
        return direct(allocator, sender.protectRtcp(plain.array()));
    }

    private static ByteBuf direct(ByteBufAllocator allocator, byte[] bytes) {
        return allocator.directBuffer(bytes.length).writeBytes(bytes);
    }

    static ByteBuf rtcp(ByteBufAllocator allocator, RtcpPacket report) {
        ByteBuf packet = allocator.directBuffer(report.size());
        report.writeTo(packet.nioBuffer(0, report.size()));
        return packet.writerIndex(report.size());
    }
}
