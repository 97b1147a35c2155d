package vn.loa.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.loa.protocol.Ids;
import vn.loa.protocol.codec.InvalidMessageException;
import vn.loa.protocol.rtp.JoinPacket;
import vn.loa.protocol.rtp.JoinTokens;
import vn.loa.protocol.rtp.StreamSdp;

/**
 * What a {@code play} command asks: join stream {@code stream} by sending a join packet carrying {@code token}
 * from the device's RTP socket to {@code host}:{@code port}; expect RTP from SSRC {@code ssrc} with payload type
 * {@code pt} in frames of {@code frameMs}; play each frame {@code delayMs} after the wall-clock instant its RTP
 * timestamp maps to through the stream's RTCP sender reports. With {@code volume}, the device plays this playback
 * at that volume, unmuted and with its amplifier on (an emergency sends 100), and returns to its own volume, mute
 * and amplifier settings when the playback ends or is replaced by one without {@code volume}. With {@code srtp}, the
 * stream's RTP and RTCP are SRTP/SRTCP and the device's receiver reports must be too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlayOrder(String stream, String host, Integer port, String token, Long ssrc, Integer pt,
                        Integer frameMs, Integer delayMs, Integer volume, PlaySrtp srtp) {
    public static final int MIN_DELAY_MS = 20;
    public static final int MAX_DELAY_MS = 5000;

    /** A play order that leaves the device's own volume alone. */
    public PlayOrder(String stream, String host, Integer port, String token, Long ssrc, Integer pt, Integer frameMs,
                     Integer delayMs) {
        this(stream, host, port, token, ssrc, pt, frameMs, delayMs, null);
    }

    /** A play order of a plain RTP stream. */
    public PlayOrder(String stream, String host, Integer port, String token, Long ssrc, Integer pt, Integer frameMs,
                     Integer delayMs, Integer volume) {
        this(stream, host, port, token, ssrc, pt, frameMs, delayMs, volume, null);
    }

    void validate() throws InvalidMessageException {
        Check.required("play.stream", stream);
        Check.matches("play.stream", stream, Ids.STREAM_ID);
        Check.required("play.host", host);
        Check.matches("play.host", host, StreamSdp.HOST);
        Check.required("play.port", port);
        Check.range("play.port", port, 1, 65535);
        Check.required("play.token", token);
        if (!JoinPacket.fits(token)) {
            throw Check.invalid("play.token must be 1.." + JoinTokens.MAX_TOKEN_LENGTH
                    + " printable ASCII characters without spaces");
        }
        Check.required("play.ssrc", ssrc);
        Check.range("play.ssrc", ssrc, 0, 0xFFFFFFFFL);
        Check.required("play.pt", pt);
        Check.range("play.pt", pt, 96, 127);
        Check.required("play.frameMs", frameMs);
        if (frameMs != 20 && frameMs != 60) {
            throw Check.invalid("play.frameMs must be 20 or 60");
        }
        Check.required("play.delayMs", delayMs);
        Check.range("play.delayMs", delayMs, MIN_DELAY_MS, MAX_DELAY_MS);
        Check.range("play.volume", volume, 0, 100);
        if (srtp != null) {
            srtp.validate();
        }
    }
}
