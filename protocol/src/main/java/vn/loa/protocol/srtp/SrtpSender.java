package vn.loa.protocol.srtp;

import java.security.SecureRandom;
import java.util.Arrays;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;

/**
 * Protects what one stream sends (RTP packets of its SSRC, its RTCP sender reports) with its {@link SrtpKey}. Each
 * packet is protected once, however many receivers it then goes to. Used from one thread.
 */
public final class SrtpSender {
    /** Bytes SRTP adds to an RTP packet. */
    public static final int RTP_OVERHEAD = SrtpContexts.TAG_BYTES;
    /** Bytes SRTCP adds to an RTCP compound. */
    public static final int RTCP_OVERHEAD = SrtpContexts.SRTCP_TRAILER_BYTES;

    private final SrtpCryptoContext rtp;
    private final SrtcpCryptoContext rtcp;

    /** A sender whose first RTP packet has rollover counter 0, as a new stream's has. */
    public SrtpSender(SrtpKey key, long ssrc) {
        this.rtp = SrtpContexts.rtp(key, true, ssrc, 0);
        this.rtcp = SrtpContexts.rtcp(key, ssrc);
    }

    /**
     * Makes jitsi-srtp load its OpenSSL part and time the AES implementations it may use, which it does once per JVM
     * on first use and which takes about half a second: a server calls this at start, off any request's path.
     */
    public static void prepareCiphers() {
        new SrtpSender(SrtpKey.generate(new SecureRandom()), 0);
    }

    /** The SRTP packet for a whole RTP packet; sequence numbers must go up by one per packet (RFC 3711 index). */
    public byte[] protectRtp(byte[] packet) {
        return protect(packet, RTP_OVERHEAD, buffer -> rtp.transformPacket(buffer));
    }

    /** The SRTCP packet for a whole RTCP compound of this stream's SSRC. */
    public byte[] protectRtcp(byte[] compound) {
        return protect(compound, RTCP_OVERHEAD, buffer -> rtcp.transformPacket(buffer));
    }

    private static byte[] protect(byte[] packet, int overhead, SrtpContexts.Transform transform) {
        byte[] room = new byte[packet.length + overhead];
        System.arraycopy(packet, 0, room, 0, packet.length);
        PacketBuffer buffer = new PacketBuffer(room, 0, packet.length);
        SrtpErrorStatus status = SrtpContexts.apply(transform, buffer);
        if (status != SrtpErrorStatus.OK) {
            throw new IllegalStateException("SRTP refused to protect a packet: " + status.desc);
        }
        return buffer.getBuffer() == room && buffer.getLength() == room.length ? room
                : Arrays.copyOfRange(buffer.getBuffer(), buffer.getOffset(),
                        buffer.getOffset() + buffer.getLength());
    }
}
