package vn.loa.controller.media;

/** How an item came into the library. The wire and database name is the constant's name. */
public enum MediaKind {
    /** A file an editor uploaded. */
    upload,
    /** A bulletin spoken by text-to-speech. */
    tts
}
