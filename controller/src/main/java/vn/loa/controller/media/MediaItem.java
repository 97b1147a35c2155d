package vn.loa.controller.media;

import java.time.Instant;

/**
 * A media library entry as the API shows it. The audio is found in the library by {@code sha256}.
 *
 * @param sourceLoudnessLufs integrated loudness of the upload
 * @param gainDb             gain applied to reach the library's loudness target
 * @param approvedBy         who approved or rejected it last (null while a draft, and for items older than review)
 * @param reviewNote         the reviewer's note: why it was rejected, or null
 * @param text               a spoken bulletin's text, null for an upload (and for bulletins older than review)
 * @param voice              a spoken bulletin's voice, null for an upload
 * @param areaId             the uploader's area scope: who sees the item; null for the whole installation
 */
public record MediaItem(long id, String sha256, String title, String artist, String originalFileName, String format,
                        long durationMs, double sourceLoudnessLufs, double gainDb, int frameMs, long sizeBytes,
                        String uploadedBy, Instant uploadedAt, Approval approval, String approvedBy,
                        Instant approvedAt, String reviewNote, MediaKind kind, String text, String voice,
                        Long areaId) {

    MediaItem withId(long newId) {
        return new MediaItem(newId, sha256, title, artist, originalFileName, format, durationMs, sourceLoudnessLufs,
                gainDb, frameMs, sizeBytes, uploadedBy, uploadedAt, approval, approvedBy, approvedAt, reviewNote, kind,
                text, voice, areaId);
    }
}
