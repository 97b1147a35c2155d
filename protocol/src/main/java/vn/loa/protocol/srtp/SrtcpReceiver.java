package vn.loa.protocol.srtp;

import java.nio.ByteBuffer;
import org.jitsi.srtp.SrtcpCryptoContext;

/**
 * Authenticates and decrypts the SRTCP compounds one peer sends (a speaker's receiver reports at the streamer, the
 * streamer's sender reports at a speaker). The context follows the sender SSRC of the last authentic compound, so a
 * peer that starts over with a new SSRC is taken as soon as it proves the key. Used from one thread.
 */
public final class SrtcpReceiver {
    private static final int SSRC_OFFSET = 4;

    private final SrtpKey key;
    private SrtcpCryptoContext context;
    private long contextSsrc = -1;

    public SrtcpReceiver(SrtpKey key) {
        this.key = key;
    }

    /**
     * Unprotects in place the SRTCP compound from the buffer's position to its limit (an array-backed buffer). True
     * when it is authentic and new: the limit then excludes the SRTCP index and tag. False otherwise.
     */
    public boolean unprotect(ByteBuffer compound) {
        if (compound.remaining() < SSRC_OFFSET + 4 + SrtpContexts.SRTCP_TRAILER_BYTES) {
            return false;
        }
        long ssrc = compound.getInt(compound.position() + SSRC_OFFSET) & 0xFFFFFFFFL;
        SrtcpCryptoContext candidate = ssrc == contextSsrc ? context : SrtpContexts.rtcp(key, ssrc);
        if (!SrtpContexts.inPlace(compound, candidate::reverseTransformPacket)) {
            return false;
        }
        context = candidate;
        contextSsrc = ssrc;
        return true;
    }
}
