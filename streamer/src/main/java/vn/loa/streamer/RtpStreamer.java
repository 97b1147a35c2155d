package vn.loa.streamer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.InternetProtocolFamily;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.Ids;
import vn.loa.protocol.rtp.JoinTokens;
import vn.loa.streamer.source.FrameSource;

/**
 * The RTP streamer: one UDP socket (joins, RTP out, RTCP in and out on the same port) served by one event loop
 * thread that also paces every stream. Start it once, open a stream per source, close it on shutdown.
 */
public final class RtpStreamer implements AutoCloseable {
    /** Kernel socket buffers: a frame to 20,000 receivers is queued at once before sendmmsg drains it. */
    static final int SOCKET_BUFFER_BYTES = 8 * 1024 * 1024;
    /** Largest datagram read; joins and RTCP from speakers are far smaller, anything longer is cut and then refused. */
    static final int MAX_DATAGRAM_BYTES = 2048;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(RtpStreamer.class);

    private final UdpTransport transport;
    private final EventLoopGroup group;
    private final Channel channel;
    private final JoinTokens joinTokens;
    private final StreamerCounters counters;
    private final StreamerContext context;
    private final Map<String, FanoutStream> streams;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    private RtpStreamer(UdpTransport transport, EventLoopGroup group, Channel channel, JoinTokens joinTokens,
                        StreamerContext context, Map<String, FanoutStream> streams) {
        this.transport = transport;
        this.group = group;
        this.channel = channel;
        this.joinTokens = joinTokens;
        this.counters = context.counters();
        this.context = context;
        this.streams = streams;
    }

    /** Binds the RTP port (epoll where available, NIO otherwise) and starts serving it. */
    public static RtpStreamer start(StreamerSettings settings, StreamEvents events) throws InterruptedException {
        return start(settings, events, UdpTransport.best(), PooledByteBufAllocator.DEFAULT);
    }

    static RtpStreamer start(StreamerSettings settings, StreamEvents events, UdpTransport transport,
                             ByteBufAllocator allocator) throws InterruptedException {
        Objects.requireNonNull(events, "events");
        InetAddress bindAddress = resolve(settings.bindHost());
        InternetProtocolFamily family = bindAddress instanceof Inet4Address
                ? InternetProtocolFamily.IPv4 : InternetProtocolFamily.IPv6;
        EventLoopGroup group = transport.newEventLoop();
        JoinTokens joinTokens = new JoinTokens(settings.joinKey());
        StreamerCounters counters = new StreamerCounters();
        Map<String, FanoutStream> streams = new ConcurrentHashMap<>();
        try {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channelFactory(() -> transport.newChannel(family))
                    .option(ChannelOption.ALLOCATOR, allocator)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES))
                    .option(ChannelOption.IP_MULTICAST_TTL, settings.multicastTtl());
            if (settings.multicastInterface() != null) {
                bootstrap.option(ChannelOption.IP_MULTICAST_IF, multicastInterface(settings.multicastInterface()));
            }
            Channel channel = bootstrap
                    .handler(new DatagramDispatcher(joinTokens, streams, counters))
                    .bind(bindAddress, settings.port())
                    .sync()
                    .channel();
            StreamerContext context = new StreamerContext(channel, settings, new GuardedEvents(events), counters);
            RtpStreamer streamer = new RtpStreamer(transport, group, channel, joinTokens, context, streams);
            log.info("RTP streamer on {} ({})", channel.localAddress(), streamer.transport());
            return streamer;
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static NetworkInterface multicastInterface(String address) {
        try {
            NetworkInterface found = NetworkInterface.getByInetAddress(InetAddress.getByName(address));
            if (found == null) {
                throw new IllegalArgumentException("no network interface has the multicast address " + address);
            }
            return found;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot find the multicast interface " + address + ": "
                    + e.getMessage(), e);
        }
    }

    private static InetAddress resolve(String bindHost) {
        try {
            return InetAddress.getByName(bindHost);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the RTP bind host '" + bindHost + "'", e);
        }
    }

    /** The bound UDP port (the ephemeral one if the settings asked for port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The TTL multicast output goes out with (an SDP for a multicast listener states it). */
    public int multicastTtl() {
        return context.settings().multicastTtl();
    }

    /** "epoll" or "nio". */
    public String transport() {
        return transport.name().toLowerCase(Locale.ROOT);
    }

    /** Issues the tokens play commands carry; the streamer verifies joins with the same key. */
    public JoinTokens joinTokens() {
        return joinTokens;
    }

    /**
     * Starts a stream: pacing begins at once (frames go out even before any receiver joins, so every receiver shares
     * one timeline). The stream owns the source from now on and closes it when it ends.
     *
     * @throws IllegalArgumentException for a malformed id, an unsupported frame duration or an SSRC in use
     * @throws IllegalStateException if a stream with this id is running or the streamer is closed
     */
    public synchronized RtpStream open(String streamId, FrameSource source, StreamOptions options) {
        if (closed) {
            throw new IllegalStateException("the streamer is closed");
        }
        if (!Ids.isStreamId(streamId)) {
            throw new IllegalArgumentException("not a stream id: " + streamId);
        }
        if (!FanoutStream.FRAME_MILLIS.contains(source.frameMillis())) {
            throw new IllegalArgumentException("frames of " + source.frameMillis() + " ms are not supported, only "
                    + FanoutStream.FRAME_MILLIS);
        }
        if (streams.containsKey(streamId)) {
            throw new IllegalStateException("stream " + streamId + " is already running");
        }
        FanoutStream stream = new FanoutStream(streamId, source, ssrcFor(options), options.payloadType(),
                options.srtp(), random.nextLong(), context, ended -> streams.remove(ended.id(), ended));
        streams.put(streamId, stream);
        stream.start();
        log.info("Stream {} opened: {} ({} ms frames, SSRC {})", streamId, source.describe(), stream.frameMillis(),
                Long.toHexString(stream.ssrc()));
        return stream;
    }

    private long ssrcFor(StreamOptions options) {
        if (options.ssrc() != 0) {
            if (streams.values().stream().anyMatch(stream -> stream.ssrc() == options.ssrc())) {
                throw new IllegalArgumentException("SSRC " + options.ssrc() + " is used by another stream");
            }
            return options.ssrc();
        }
        while (true) {
            long ssrc = random.nextInt() & 0xFFFFFFFFL;
            if (ssrc != 0 && streams.values().stream().noneMatch(stream -> stream.ssrc() == ssrc)) {
                return ssrc;
            }
        }
    }

    public Optional<RtpStream> stream(String streamId) {
        return Optional.ofNullable(streams.get(streamId));
    }

    public Collection<RtpStream> streams() {
        return List.copyOf(streams.values());
    }

    public StreamerCounters counters() {
        return counters;
    }

    /** Closes every stream (firing their events), then the socket and the event loop. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        streams.values().forEach(FanoutStream::close);
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS).syncUninterruptibly();
        log.info("RTP streamer closed");
    }
}
