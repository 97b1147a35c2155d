package vn.loa.streamer;

/** Per-stream RTP choices: the dynamic payload type Opus goes out with, and the SSRC (0 picks a random one). */
public record StreamOptions(int payloadType, long ssrc) {
    public static final int DEFAULT_PAYLOAD_TYPE = 96;
    public static final StreamOptions DEFAULT = new StreamOptions(DEFAULT_PAYLOAD_TYPE, 0);

    public StreamOptions {
        if (payloadType < 96 || payloadType > 127) {
            throw new IllegalArgumentException("Opus needs a dynamic payload type (96..127)");
        }
        if (ssrc < 0 || ssrc > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("an SSRC is an unsigned 32-bit number");
        }
    }
}
