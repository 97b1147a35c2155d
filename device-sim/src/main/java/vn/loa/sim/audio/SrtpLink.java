package vn.loa.sim.audio;

import java.nio.ByteBuffer;
import vn.loa.protocol.message.PlaySrtp;
import vn.loa.protocol.rtp.RtcpPacket;
import vn.loa.protocol.srtp.SrtcpReceiver;
import vn.loa.protocol.srtp.SrtpKey;
import vn.loa.protocol.srtp.SrtpReceiver;
import vn.loa.protocol.srtp.SrtpSender;

/**
 * A playback's SRTP, for a play order that carries a key: opens what the streamer sends (SRTP from the stream's
 * SSRC, SRTCP sender reports) and seals the speaker's receiver reports as SRTCP. Used on the audio loop only.
 */
final class SrtpLink {
    private final SrtpReceiver audio;
    private final SrtcpReceiver reports;
    private final SrtpSender ownReports;

    SrtpLink(PlaySrtp srtp, long streamSsrc, long receiverSsrc) {
        SrtpKey key = srtp.masterKey();
        this.audio = new SrtpReceiver(key, streamSsrc, srtp.index());
        this.reports = new SrtcpReceiver(key);
        this.ownReports = new SrtpSender(key, receiverSsrc);
    }

    /** The datagram authenticated and decrypted, in a copy; null if it is not authentic or replays one. */
    ByteBuffer open(ByteBuffer datagram) {
        boolean rtcp = RtcpPacket.isRtcpPacketType(datagram.get(datagram.position() + 1) & 0xFF);
        ByteBuffer copy = ByteBuffer.allocate(datagram.remaining()).put(datagram).flip();
        boolean authentic = rtcp ? reports.unprotect(copy) : audio.unprotect(copy);
        return authentic ? copy : null;
    }

    /** The speaker's RTCP compound as SRTCP. */
    ByteBuffer seal(ByteBuffer compound) {
        byte[] plain = new byte[compound.remaining()];
        compound.get(plain);
        return ByteBuffer.wrap(ownReports.protectRtcp(plain));
    }
}
