package vn.loa.streamer.source;

/** How a source is doing, as the streams API reports it and broadcasting reacts to it. */
public enum SourceHealth {
    /** Yielding audio. */
    PLAYING,
    /** Yielding frames, but they have been silent for longer than the configured threshold. */
    SILENT,
    /** A relay that cannot reach or decode its URL (it keeps retrying). */
    DEAD,
    /** A finite source that played to its end. */
    ENDED
}
