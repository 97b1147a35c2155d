package vn.loa.protocol.srtp;

import java.nio.ByteBuffer;
import org.jitsi.srtp.SrtpCryptoContext;

/**
 * Authenticates and decrypts the SRTP packets of one stream (one SSRC) at a receiver that joins it at any time. The
 * play order tells the receiver the stream's packet index (rollover counter and sequence number) when it was sent,
 * from which the rollover counter of the first packet received follows; RFC 3711 leaves a late joiner to learn it
 * out of band. Used from one thread.
 */
public final class SrtpReceiver {
    private static final int HALF_SEQUENCE_SPACE = 1 << 15;
    private static final int SEQUENCE_OFFSET = 2;

    private final SrtpKey key;
    private final long ssrc;
    private final long indexHint;
    private SrtpCryptoContext context;

    /** @param indexHint the sender's packet index (rollover counter × 65,536 + sequence number) at some recent time */
    public SrtpReceiver(SrtpKey key, long ssrc, long indexHint) {
        this.key = key;
        this.ssrc = ssrc;
        this.indexHint = indexHint;
    }

    /**
     * Unprotects in place the SRTP packet from the buffer's position to its limit, which must be an array-backed
     * buffer. True when it is authentic and new: the limit then excludes the tag. False for a packet that is too
     * short, fails authentication or replays one already taken.
     */
    public boolean unprotect(ByteBuffer packet) {
        if (packet.remaining() < SEQUENCE_OFFSET + 2 + SrtpContexts.TAG_BYTES) {
            return false;
        }
        SrtpCryptoContext candidate = context != null ? context : SrtpContexts.rtp(key, false, ssrc,
                rolloverCounterOf(indexHint, packet.getShort(packet.position() + SEQUENCE_OFFSET) & 0xFFFF));
        if (!SrtpContexts.inPlace(packet, buffer -> candidate.reverseTransformPacket(buffer, false))) {
            return false;
        }
        context = candidate;
        return true;
    }

    /**
     * The rollover counter of a packet with sequence number {@code sequence} sent shortly after (or before) the
     * sender was at {@code indexHint}: the one whose index is closest to the hint.
     */
    static int rolloverCounterOf(long indexHint, int sequence) {
        long rollover = indexHint >>> 16;
        int delta = sequence - (int) (indexHint & 0xFFFF);
        if (delta < -HALF_SEQUENCE_SPACE) {
            rollover++;
        } else if (delta > HALF_SEQUENCE_SPACE && rollover > 0) {
            rollover--;
        }
        return (int) rollover;
    }
}
