package vn.loa.protocol.srtp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/** jitsi-srtp's crypto contexts for {@link SrtpKey#SUITE}, one per direction and SSRC as RFC 3711 wants them. */
final class SrtpContexts {
    /** Bytes of the authentication tag an SRTP packet carries. */
    static final int TAG_BYTES = 10;
    /** Bytes SRTCP adds: the E flag with the 31-bit index, then the tag. */
    static final int SRTCP_TRAILER_BYTES = 4 + TAG_BYTES;

    private static final Logger LOG = new LoggerImpl(SrtpContexts.class.getName());
    private static final int AUTH_KEY_BYTES = 20;

    private SrtpContexts() {
    }

    static SrtpCryptoContext rtp(SrtpKey key, boolean sender, long ssrc, int rolloverCounter) {
        try {
            return factory(key, sender).deriveContext((int) ssrc, rolloverCounter);
        } catch (GeneralSecurityException e) {
            throw unavailable(e);
        }
    }

    static SrtcpCryptoContext rtcp(SrtpKey key, long ssrc) {
        try {
            return factory(key, false).deriveControlContext((int) ssrc);
        } catch (GeneralSecurityException e) {
            throw unavailable(e);
        }
    }

    /** One of jitsi-srtp's in-place transforms of a packet. */
    @FunctionalInterface
    interface Transform {
        SrtpErrorStatus apply(ByteArrayBuffer packet) throws GeneralSecurityException;
    }

    /**
     * Transforms in place the packet from the buffer's position to its limit (an array-backed buffer); when it
     * succeeds the limit follows the packet's new length. Shrinks only: for unprotecting.
     */
    static boolean inPlace(ByteBuffer packet, Transform transform) {
        PacketBuffer buffer = new PacketBuffer(packet.array(), packet.arrayOffset() + packet.position(),
                packet.remaining());
        if (apply(transform, buffer) != SrtpErrorStatus.OK) {
            return false;
        }
        packet.limit(packet.position() + buffer.getLength());
        return true;
    }

    static SrtpErrorStatus apply(Transform transform, PacketBuffer packet) {
        try {
            return transform.apply(packet);
        } catch (GeneralSecurityException e) {
            throw unavailable(e);
        }
    }

    private static IllegalStateException unavailable(GeneralSecurityException e) {
        return new IllegalStateException("the JVM cannot run " + SrtpKey.SUITE + ": " + e.getMessage(), e);
    }

    private static SrtpContextFactory factory(SrtpKey key, boolean sender) {
        return new SrtpContextFactory(sender, key.masterKey(), key.masterSalt(), policy(), policy(), LOG);
    }

    private static SrtpPolicy policy() {
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, SrtpKey.KEY_BYTES, SrtpPolicy.HMACSHA1_AUTHENTICATION,
                AUTH_KEY_BYTES, TAG_BYTES, SrtpKey.SALT_BYTES);
    }
}
