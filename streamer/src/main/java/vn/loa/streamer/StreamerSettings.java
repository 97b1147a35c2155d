package vn.loa.streamer;

import java.time.Duration;
import java.util.Objects;
import vn.loa.protocol.rtp.JoinTokens;

/**
 * Where the streamer listens and how it treats receivers. One UDP port carries joins, RTP and RTCP; port 0 binds
 * an ephemeral port. A static listener at a multicast group is sent to through {@code multicastInterface} (the
 * address of a local interface; null: as the routing table says) with {@code multicastTtl} hops.
 */
public record StreamerSettings(String bindHost, int port, byte[] joinKey, Duration receiverTimeout,
                               Duration senderReportInterval, int maxReceiversPerStream, String multicastInterface,
                               int multicastTtl) {
    public static final Duration DEFAULT_RECEIVER_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SENDER_REPORT_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_RECEIVERS_PER_STREAM = 20_000;
    /** One hop: multicast stays on the LAN segment the interface is on. */
    public static final int DEFAULT_MULTICAST_TTL = 1;
    public static final int MAX_MULTICAST_TTL = 255;

    public StreamerSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535");
        }
        if (joinKey == null || joinKey.length < JoinTokens.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a join key needs at least " + JoinTokens.MIN_KEY_BYTES + " bytes");
        }
        joinKey = joinKey.clone();
        requirePositive(receiverTimeout, "receiverTimeout");
        requirePositive(senderReportInterval, "senderReportInterval");
        if (maxReceiversPerStream < 1) {
            throw new IllegalArgumentException("maxReceiversPerStream must be at least 1");
        }
        if (multicastTtl < 0 || multicastTtl > MAX_MULTICAST_TTL) {
            throw new IllegalArgumentException("multicastTtl must be within 0.." + MAX_MULTICAST_TTL);
        }
    }

    /** Settings with the default multicast output (the routing table's interface, one hop). */
    public StreamerSettings(String bindHost, int port, byte[] joinKey, Duration receiverTimeout,
                            Duration senderReportInterval, int maxReceiversPerStream) {
        this(bindHost, port, joinKey, receiverTimeout, senderReportInterval, maxReceiversPerStream, null,
                DEFAULT_MULTICAST_TTL);
    }

    /** The same settings sending multicast through the interface that has {@code interfaceAddress}. */
    public StreamerSettings withMulticast(String interfaceAddress, int ttl) {
        return new StreamerSettings(bindHost, port, joinKey, receiverTimeout, senderReportInterval,
                maxReceiversPerStream, interfaceAddress, ttl);
    }

    /** The defaults of the wire contract: 30 s receiver timeout, an SR every 5 s, 20,000 receivers per stream. */
    public static StreamerSettings defaults(String bindHost, int port, byte[] joinKey) {
        return new StreamerSettings(bindHost, port, joinKey, DEFAULT_RECEIVER_TIMEOUT, DEFAULT_SENDER_REPORT_INTERVAL,
                DEFAULT_MAX_RECEIVERS_PER_STREAM);
    }

    @Override
    public byte[] joinKey() {
        return joinKey.clone();
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
