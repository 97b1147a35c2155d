package vn.loa.controller.media;

import java.time.Instant;

/**
 * A media library entry as the API shows it. The audio is found in the library by {@code sha256}.
 *
 * @param sourceLoudnessLufs integrated loudness of the upload
 * @param gainDb             gain applied to reach the library's loudness target
 */
public record MediaItem(long id, String sha256, String title, String artist, String originalFileName, String format,
                        long durationMs, double sourceLoudnessLufs, double gainDb, int frameMs, long sizeBytes,
                        String uploadedBy, Instant uploadedAt) {
}
