package vn.loa.sim.audio;

import java.nio.file.Path;

/**
 * How a fleet's speakers play.
 *
 * @param decodeShare       share (0..1) of speakers that decode with Concentus; the others only account packets and
 *                          timing. Which ones is decided by a hash of the device id, so a rerun picks the same.
 * @param wavDirectory      null, or where each decoding speaker writes {@code <deviceId>-<streamId>.wav} of what
 *                          it played (48 kHz mono 16-bit) when the playback ends
 */
public record AudioSettings(double decodeShare, Path wavDirectory) {
    public static final AudioSettings DEFAULT = new AudioSettings(1.0, null);

    public AudioSettings {
        if (!(decodeShare >= 0 && decodeShare <= 1)) {
            throw new IllegalArgumentException("decode share must be within 0..1, was " + decodeShare);
        }
    }

    /** Deterministic: the same device id always gets the same answer for a given share. */
    public boolean decodes(String deviceId) {
        int h = deviceId.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        return Math.floorMod(h, 10_000) < Math.round(decodeShare * 10_000);
    }
}
