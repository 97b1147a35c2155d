package vn.loa.controller.broadcast;

/** What became of a broadcast on one targeted speaker; the first two are interim, the rest final. */
public enum Outcome {
    /** Told to play (or waiting to be), no audio reported yet. */
    pending,
    playing,
    /** A higher-priority broadcast took the speaker at least once (seconds played says how much it heard). */
    preempted,
    /** Played from its first audio until the broadcast (or its playlist) ended. */
    played,
    /** Heard some of it, but stopped before the end for another reason (lost the stream, went offline). */
    partly_played,
    offline,
    /** The speaker refused the play order. */
    rejected,
    failed
}
