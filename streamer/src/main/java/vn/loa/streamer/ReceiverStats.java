package vn.loa.streamer;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One receiver of a stream as the streamer sees it: a latched device ({@code deviceId} set) or a static listener
 * ({@code deviceId} null). Loss, jitter and RTT come from the receiver's latest RTCP RR; {@code rttMillis} is null
 * until an RR answers one of our SRs.
 */
public record ReceiverStats(String deviceId, InetSocketAddress address, Instant since, long packetsSent,
                            Instant lastHeard, double lossShare, long cumulativeLost, double jitterMillis,
                            Double rttMillis) {

    public boolean isStaticListener() {
        return deviceId == null;
    }
}
