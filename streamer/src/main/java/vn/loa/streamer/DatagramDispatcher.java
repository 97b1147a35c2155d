package vn.loa.streamer;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.rtp.InvalidJoinException;
import vn.loa.protocol.rtp.JoinClaims;
import vn.loa.protocol.rtp.JoinPacket;
import vn.loa.protocol.rtp.JoinRejection;
import vn.loa.protocol.rtp.JoinTokens;
import vn.loa.protocol.rtp.MalformedPacketException;
import vn.loa.protocol.rtp.RtcpPacket;

/**
 * Everything that arrives on the RTP port: a join latches a device, RTCP from a receiver updates it, anything else
 * is dropped and counted. Nothing a datagram holds can throw out of here or answer a sender that is not latched.
 */
final class DatagramDispatcher extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(DatagramDispatcher.class);
    private static final int SMALLEST_CLASSIFIABLE = 2;

    private final JoinTokens joinTokens;
    private final Map<String, FanoutStream> streams;
    private final StreamerCounters counters;

    DatagramDispatcher(JoinTokens joinTokens, Map<String, FanoutStream> streams, StreamerCounters counters) {
        this.joinTokens = joinTokens;
        this.streams = streams;
        this.counters = counters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        InetSocketAddress sender = datagram.sender();
        try {
            dispatch(datagram.content().nioBuffer(), sender);
        } catch (RuntimeException e) {
            // A parser that throws on some input is a bug to fix, but it must not cost the channel.
            counters.countMalformed();
            log.warn("Datagram from {} broke a parser", sender, e);
        }
    }

    private void dispatch(ByteBuffer data, InetSocketAddress sender) {
        if (data.remaining() < SMALLEST_CLASSIFIABLE) {
            counters.countMalformed();
        } else if (JoinPacket.isJoin(data)) {
            join(data, sender);
        } else {
            FanoutStream stream = streamSendingTo(sender);
            if (stream == null) {
                counters.countUnknownSender();
            } else if (RtcpPacket.isRtcpPacketType(data.get(data.position() + 1) & 0xFF)) {
                stream.takeRtcp(sender, data);
            } else {
                // A receiver has no business sending RTP here.
                counters.countMalformed();
            }
        }
    }

    private void join(ByteBuffer data, InetSocketAddress sender) {
        JoinClaims claims;
        String token;
        try {
            token = JoinPacket.decode(data);
            claims = joinTokens.verify(token, Instant.now().getEpochSecond());
        } catch (MalformedPacketException e) {
            rejected(JoinRejection.MALFORMED, sender, e.getMessage());
            return;
        } catch (InvalidJoinException e) {
            rejected(e.rejection(), sender, e.getMessage());
            return;
        }
        FanoutStream stream = streams.get(claims.streamId());
        if (stream == null) {
            rejected(JoinRejection.UNKNOWN_STREAM, sender, "stream " + claims.streamId() + " is not running");
            return;
        }
        stream.join(claims, token, sender);
    }

    private void rejected(JoinRejection rejection, InetSocketAddress sender, String why) {
        counters.countJoinRejected(rejection);
        log.debug("Join from {} dropped ({}): {}", sender, rejection, why);
    }

    /** The stream latched to the address: a device's RTP socket serves one stream at a time. */
    private FanoutStream streamSendingTo(InetSocketAddress sender) {
        for (FanoutStream stream : streams.values()) {
            if (stream.sendsTo(sender)) {
                return stream;
            }
        }
        return null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.countChannelError();
        log.debug("UDP channel error", cause);
    }
}
