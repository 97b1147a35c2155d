package vn.loa.controller.report;

import java.time.Duration;
import java.time.Instant;

/**
 * Replays one device's presence transitions over a period: how long it was online and how often it went away. Feed
 * it the state before the period, then the transitions inside it in order, then read the result.
 */
final class DeviceUptime {
    private final Instant from;
    private boolean online;
    private Instant onlineSince;
    private long onlineMillis;
    private int disconnects;

    DeviceUptime(Instant from, boolean onlineBefore) {
        this.from = from;
        this.online = onlineBefore;
        this.onlineSince = onlineBefore ? from : null;
    }

    /** A transition at {@code at} (not before the period's start); a repeat of the current state changes nothing. */
    void transition(Instant at, boolean nowOnline) {
        if (nowOnline == online) {
            return;
        }
        if (nowOnline) {
            onlineSince = at;
        } else {
            onlineMillis += Duration.between(onlineSince, at).toMillis();
            disconnects++;
        }
        online = nowOnline;
    }

    /** The online share of {@code from..end}, 0..1. */
    double onlineShare(Instant end) {
        long total = Duration.between(from, end).toMillis();
        long up = onlineMillis + (online ? Duration.between(onlineSince, end).toMillis() : 0);
        return total <= 0 ? 0 : Math.min(1, (double) up / total);
    }

    int disconnects() {
        return disconnects;
    }
}
