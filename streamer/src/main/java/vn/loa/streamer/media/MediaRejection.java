package vn.loa.streamer.media;

/** Why an upload was not taken into the library. */
public enum MediaRejection {
    /** The file has no bytes. */
    EMPTY,
    /** The file is larger than {@link MediaLimits#maxUploadBytes()}. */
    TOO_LARGE,
    /** The audio lasts longer than {@link MediaLimits#maxDuration()}. */
    TOO_LONG,
    /** Not audio, or audio in a container or codec the library does not take. */
    UNSUPPORTED,
    /** A supported format whose audio cannot be decoded. */
    CORRUPT,
    /** The file ends well before the duration its header declares. */
    TRUNCATED,
    /** Nothing audible: all zero, or integrated loudness below {@link MediaLibrary#SILENCE_LUFS}. */
    SILENT
}
