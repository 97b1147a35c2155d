package vn.loa.streamer.media;

import java.time.Duration;

/**
 * What the library accepts.
 *
 * @param maxUploadBytes largest upload, checked before any decoding
 * @param maxDuration    longest audio, checked on the declared duration and again while decoding
 */
public record MediaLimits(long maxUploadBytes, Duration maxDuration) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 200L * 1024 * 1024;
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(4);

    public MediaLimits {
        if (maxUploadBytes <= 0) {
            throw new IllegalArgumentException("maximum upload size must be positive, not " + maxUploadBytes);
        }
        if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maximum duration must be positive, not " + maxDuration);
        }
    }

    /** 200 MiB and 4 hours. */
    public static MediaLimits defaults() {
        return new MediaLimits(DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_DURATION);
    }
}
