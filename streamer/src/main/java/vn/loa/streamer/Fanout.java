package vn.loa.streamer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import vn.loa.streamer.receiver.Receiver;

/**
 * Sends one packet to many receivers without copying it: every datagram holds one more reference to the same
 * buffer (datagram transports read it without moving its indexes), and one flush after all writes lets the epoll
 * transport hand them to the kernel with sendmmsg.
 *
 * <p>The writes go straight to the channel's transport ({@link Channel#unsafe()}) rather than through the pipeline:
 * the pipeline has no outbound handler, and at 10,000 receivers a frame is 10,000 writes, so walking it for each
 * one is a measurable share of the sender's CPU. That is allowed only on the channel's event loop, where every
 * stream sends.
 */
final class Fanout {
    private Fanout() {
    }

    /** Writes the packet to every receiver and flushes once; releases the caller's reference. Returns the count. */
    static int send(Channel channel, ByteBuf packet, Iterable<Receiver> receivers) {
        if (!channel.eventLoop().inEventLoop()) {
            packet.release();
            throw new IllegalStateException("fan-out writes run on the channel's event loop only");
        }
        Channel.Unsafe transport = channel.unsafe();
        ChannelPromise noPromise = channel.voidPromise();
        int count = 0;
        try {
            for (Receiver receiver : receivers) {
                transport.write(new DatagramPacket(packet.retain(), receiver.address()), noPromise);
                count++;
            }
            if (count > 0) {
                transport.flush();
            }
        } finally {
            packet.release();
        }
        return count;
    }
}
