package vn.loa.streamer;

import vn.loa.protocol.srtp.SrtpKey;

/**
 * Per-stream RTP choices: the dynamic payload type Opus goes out with, the SSRC (0 picks a random one), and the
 * SRTP key that protects the stream (null: plain RTP).
 */
public record StreamOptions(int payloadType, long ssrc, SrtpKey srtp) {
    public static final int DEFAULT_PAYLOAD_TYPE = 96;
    public static final StreamOptions DEFAULT = new StreamOptions(DEFAULT_PAYLOAD_TYPE, 0);

    /** Options of a plain RTP stream. */
    public StreamOptions(int payloadType, long ssrc) {
        this(payloadType, ssrc, null);
    }

    /** The same options for a stream protected with SRTP under {@code key}. */
    public StreamOptions withSrtp(SrtpKey key) {
        return new StreamOptions(payloadType, ssrc, key);
    }

    public StreamOptions {
        if (payloadType < 96 || payloadType > 127) {
            throw new IllegalArgumentException("Opus needs a dynamic payload type (96..127)");
        }
        if (ssrc < 0 || ssrc > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("an SSRC is an unsigned 32-bit number");
        }
    }
}
