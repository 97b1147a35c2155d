package vn.loa.streamer.media;

/**
 * A media item as the library stored it.
 *
 * @param sha256             hex SHA-256 of the uploaded bytes: the item's id and its name on disk
 * @param title              from the tags, else the uploaded file's name without extension
 * @param artist             from the tags, or null
 * @param format             what was uploaded: mp3, wav, m4a, aac, ogg-opus, ogg-vorbis or flac
 * @param durationMillis     decoded duration
 * @param sourceLoudnessLufs integrated loudness of the upload (EBU R128)
 * @param gainDb             gain applied to reach {@link MediaLibrary#TARGET_LUFS} within the true-peak ceiling
 * @param frameMillis        duration of each stored Opus frame
 * @param sizeBytes          size of the upload
 */
public record IngestedMedia(String sha256, String title, String artist, String format, long durationMillis,
                            double sourceLoudnessLufs, double gainDb, int frameMillis, long sizeBytes) {
}
