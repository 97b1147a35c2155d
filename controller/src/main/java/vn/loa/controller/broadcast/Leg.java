package vn.loa.controller.broadcast;

import java.util.HashSet;
import java.util.Set;
import vn.loa.controller.stream.StreamHandle;

/**
 * One stream of a broadcast and the speakers on it. A broadcast has its main leg; a media broadcast opens a
 * further leg for speakers that come back from a preemption at a point of the playlist where no leg is.
 */
final class Leg {
    final RunningBroadcast broadcast;
    final StreamHandle stream;
    final Set<String> devices = new HashSet<>();
    boolean ended;

    Leg(RunningBroadcast broadcast, StreamHandle stream) {
        this.broadcast = broadcast;
        this.stream = stream;
    }

    boolean isMain() {
        return broadcast.legs.get(0) == this;
    }

    /**
     * How far past the point speakers left a held playlist may be for them to take it up again: the stream plays
     * on for a few frames between the moment they are taken and the moment nobody is left to hear it.
     */
    static final long RESUME_TOLERANCE_MILLIS = 1_000;

    /** A held playlist leg waiting where speakers that left at {@code positionMillis} can take it up again. */
    boolean waitsAt(long positionMillis) {
        long ahead = stream.positionMillis() - positionMillis;
        return !ended && devices.isEmpty() && stream.paused() && ahead >= 0 && ahead <= RESUME_TOLERANCE_MILLIS;
    }
}
