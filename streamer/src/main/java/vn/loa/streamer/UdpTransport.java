package vn.loa.streamer;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
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
        Class<? extends DatagramChannel> channelClass() {
            return EpollDatagramChannel.class;
        }
    },
    NIO {
        @Override
        EventLoopGroup newEventLoop() {
            return new NioEventLoopGroup(1, new DefaultThreadFactory(THREAD_NAME, true));
        }

        @Override
        Class<? extends DatagramChannel> channelClass() {
            return NioDatagramChannel.class;
        }
    };

    private static final String THREAD_NAME = "loa-rtp";

    static UdpTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** One thread: it reads joins and reports, paces every stream and writes every packet. */
    abstract EventLoopGroup newEventLoop();

    abstract Class<? extends DatagramChannel> channelClass();
}
