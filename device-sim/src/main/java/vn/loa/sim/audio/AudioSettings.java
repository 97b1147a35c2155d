package vn.loa.sim.audio;

import java.nio.file.Path;
import vn.loa.protocol.message.PlayOrder;

/**
 * How a fleet's speakers play.
 *
 * @param decodeShare       share (0..1) of speakers that decode with Concentus; the others only account packets and
 *                          timing. Which ones is decided by a hash of the device id, so a rerun picks the same.
 * @param jitterTargetMillis playout delay used when a play order names none (the order's {@code delayMs} wins)
 * @param wavDirectory      null, or where each decoding speaker writes {@code <deviceId>-<streamId>.wav} of what
 *                          it played (48 kHz mono 16-bit) when the playback ends
 */
public record AudioSettings(double decodeShare, int jitterTargetMillis, Path wavDirectory) {
    public static final int DEFAULT_JITTER_TARGET_MILLIS = 150;
    public static final AudioSettings DEFAULT = new AudioSettings(1.0, DEFAULT_JITTER_TARGET_MILLIS, null);

    public AudioSettings {
        if (!(decodeShare >= 0 && decodeShare <= 1)) {
            throw new IllegalArgumentException("decode share must be within 0..1, was " + decodeShare);
        }
        if (jitterTargetMillis < PlayOrder.MIN_DELAY_MS || jitterTargetMillis > PlayOrder.MAX_DELAY_MS) {
            throw new IllegalArgumentException("jitter target must be within " + PlayOrder.MIN_DELAY_MS + ".."
                    + PlayOrder.MAX_DELAY_MS + " ms, was " + jitterTargetMillis);
        }
    }

    /** Deterministic: the same device id always gets the same answer for a given share. */
    public boolean decodes(String deviceId) {
        int h = deviceId.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        return Math.floorMod(h, 10_000) < Math.round(decodeShare * 10_000);
    }
}
