package vn.loa.streamer;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll where the platform has it (batched sendmmsg writes), plain NIO elsewhere. */
enum UdpTransport {
    EPOLL {
        @Override
        EventLoopGroup newEventLoop() {
            return new EpollEventLoopGroup(1, new DefaultThreadFactory(THREAD_NAME, true));
        }

        @Override
        DatagramChannel newChannel(InternetProtocolFamily family) {
            return new EpollDatagramChannel(family);
        }
    },
    NIO {
        @Override
        EventLoopGroup newEventLoop() {
            return new NioEventLoopGroup(1, new DefaultThreadFactory(THREAD_NAME, true));
        }

        @Override
        DatagramChannel newChannel(InternetProtocolFamily family) {
            return new NioDatagramChannel(family);
        }
    };

    private static final String THREAD_NAME = "loa-rtp";

    static UdpTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** One thread: it reads joins and reports, paces every stream and writes every packet. */
    abstract EventLoopGroup newEventLoop();

    /**
     * A socket of the bind address's family. An IPv4 address gets a plain IPv4 socket rather than the dual-stack IPv6
     * one the JDK and Netty prefer: each datagram to an IPv4 speaker then skips the IPv4-mapped address conversion
     * (in Netty and in the kernel), which at thousands of receivers a frame is measurable.
     */
    abstract DatagramChannel newChannel(InternetProtocolFamily family);
}
