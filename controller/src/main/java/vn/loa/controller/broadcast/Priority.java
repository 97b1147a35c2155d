package vn.loa.controller.broadcast;

/**
 * Bulletin priorities from lowest to highest. Per speaker a higher priority preempts a lower one; between equals
 * the broadcast already playing keeps the speaker.
 */
public enum Priority {
    /** Played in the commune's own schedule. */
    NORMAL,
    /** Played ahead of normal items. */
    PRIORITY,
    /** Played at once, at maximum volume, on every targeted speaker. */
    EMERGENCY;

    public boolean above(Priority other) {
        return ordinal() > other.ordinal();
    }
}
