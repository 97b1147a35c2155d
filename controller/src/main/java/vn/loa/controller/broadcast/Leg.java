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

    /** A held playlist leg waiting at exactly this point, which speakers that left there can take up again. */
    boolean waitsAt(long positionMillis) {
        return !ended && devices.isEmpty() && stream.paused() && stream.positionMillis() == positionMillis;
    }
}
