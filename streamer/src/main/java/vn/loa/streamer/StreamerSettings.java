package vn.loa.streamer;

import java.time.Duration;
import java.util.Objects;
import vn.loa.protocol.rtp.JoinTokens;

/**
 * Where the streamer listens and how it treats receivers. One UDP port carries joins, RTP and RTCP; port 0 binds
 * an ephemeral port.
 */
public record StreamerSettings(String bindHost, int port, byte[] joinKey, Duration receiverTimeout,
                               Duration senderReportInterval, int maxReceiversPerStream) {
    public static final Duration DEFAULT_RECEIVER_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SENDER_REPORT_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_RECEIVERS_PER_STREAM = 20_000;

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
