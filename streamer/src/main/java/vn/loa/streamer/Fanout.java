package vn.loa.streamer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import vn.loa.streamer.receiver.Receiver;

/**
 * Sends one packet to many receivers without copying it: each datagram holds a retained duplicate of the same
 * buffer, and one flush after all writes lets the epoll transport hand them to the kernel with sendmmsg.
 */
final class Fanout {
    private Fanout() {
    }

    /** Writes the packet to every receiver and flushes once; releases the caller's reference. Returns the count. */
    static int send(Channel channel, ByteBuf packet, Iterable<Receiver> receivers) {
        int count = 0;
        try {
            for (Receiver receiver : receivers) {
                channel.write(new DatagramPacket(packet.retainedDuplicate(), receiver.address()), channel.voidPromise());
                count++;
            }
            if (count > 0) {
                channel.flush();
            }
        } finally {
            packet.release();
        }
        return count;
    }
}
