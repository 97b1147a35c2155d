package vn.loa.streamer.opus;

/**
 * How one Opus encoder runs.
 *
 * @param frameMillis         duration of one packet: 20 (live, low latency) or 60 (pre-recorded, a third of the packets)
 * @param bitrate             target bits per second
 * @param inbandFec           whether packets carry a low-bitrate copy of the previous frame so a receiver can repair a loss
 * @param expectedLossPercent the loss the encoder plans its FEC for (0..100)
 */
public record OpusSettings(int frameMillis, int bitrate, boolean inbandFec, int expectedLossPercent) {

    public static final int MIN_BITRATE = 6_000;
    public static final int MAX_BITRATE = 510_000;
    public static final int DEFAULT_BITRATE = 32_000;

    public OpusSettings {
        if (frameMillis != 20 && frameMillis != 60) {
            throw new IllegalArgumentException("Opus frame must be 20 or 60 ms, not " + frameMillis);
        }
        if (bitrate < MIN_BITRATE || bitrate > MAX_BITRATE) {
            throw new IllegalArgumentException(
                    "Opus bitrate must be " + MIN_BITRATE + ".." + MAX_BITRATE + " bit/s, not " + bitrate);
        }
        if (expectedLossPercent < 0 || expectedLossPercent > 100) {
            throw new IllegalArgumentException("expected loss must be 0..100 %, not " + expectedLossPercent);
        }
    }

    /** Files and playlists: 60 ms frames, 32 kbit/s, no FEC. */
    public static OpusSettings prerecorded() {
        return new OpusSettings(60, DEFAULT_BITRATE, false, 0);
    }

    /** Live microphone and relays: 20 ms frames, 32 kbit/s, in-band FEC planned for 10 % loss. */
    public static OpusSettings live() {
        return new OpusSettings(20, DEFAULT_BITRATE, true, 10);
    }
}
