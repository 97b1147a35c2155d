package vn.loa.streamer.source;

import java.time.Duration;

/** Waits between reconnect attempts: starts at the minimum, doubles after each failure, never exceeds the maximum. */
final class ReconnectBackoff {

    private final Duration min;
    private final Duration max;
    private Duration next;

    ReconnectBackoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.next = min;
    }

    Duration next() {
        Duration current = next;
        next = current.multipliedBy(2).compareTo(max) > 0 ? max : current.multipliedBy(2);
        return current;
    }

    /** After a connection that delivered audio: the next failure waits the minimum again. */
    void reset() {
        next = min;
    }
}
