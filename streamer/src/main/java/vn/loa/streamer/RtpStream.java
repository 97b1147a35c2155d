package vn.loa.streamer;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import vn.loa.protocol.srtp.SrtpKey;
import vn.loa.streamer.source.SourceHealth;

/** One running stream: one source, one SSRC, one sequence and timestamp space, any number of receivers. */
public interface RtpStream {
    String id();

    long ssrc();

    int payloadType();

    int frameMillis();

    String describe();

    SourceHealth health();

    /** RTP packets sent so far (one per frame that had audio, whatever the number of receivers). */
    long packetsSent();

    /** The key the stream is protected with (SRTP), or empty for plain RTP. */
    Optional<SrtpKey> srtp();

    /**
     * The packet index (RFC 3711: rollover counter × 65,536 + sequence number) of the next packet the stream sends;
     * a late SRTP receiver derives the rollover counter from it.
     */
    long nextPacketIndex();

    /** The RTP timestamp of this instant on the stream's pacing clock. */
    long rtpTimestampNow();

    /** Sends the stream to this address without a join (monitoring, an FM encoder box); it never times out. */
    void addListener(InetSocketAddress target);

    boolean removeListener(InetSocketAddress target);

    /** Stops sending to a latched device (reason {@link StreamEvents#DROPPED_REMOVED}); false if it was not latched. */
    boolean removeReceiver(String deviceId);

    /** {@link #removeReceiver} for many devices in one hop to the stream's event loop; returns how many were latched. */
    int removeReceivers(Collection<String> deviceIds);

    /** How many latched devices and static listeners the stream sends to now (cheaper than receivers()). */
    int receiverCount();

    /** Latched devices and static listeners, a snapshot. */
    List<ReceiverStats> receivers();

    /** Stops pacing, forgets receivers and fires {@link StreamEvents#ended}; closing twice does nothing. */
    void close();
}
