package vn.loa.controller.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** At most one request per serial per interval; the memory it takes is bounded by {@link #MAX_TRACKED}. */
final class SerialRateLimit {
    /** Serials remembered at once; beyond this (a flood of made-up serials) requests are refused. */
    static final int MAX_TRACKED = 100_000;

    private final Duration interval;
    private final Map<String, Instant> lastAccepted = new ConcurrentHashMap<>();

    SerialRateLimit(Duration interval) {
        this.interval = interval;
    }

    boolean tryAcquire(String serial, Instant now) {
        if (lastAccepted.size() >= MAX_TRACKED) {
            lastAccepted.values().removeIf(at -> !now.isBefore(at.plus(interval)));
            if (lastAccepted.size() >= MAX_TRACKED && !lastAccepted.containsKey(serial)) {
                return false;
            }
        }
        AtomicBoolean accepted = new AtomicBoolean();
        lastAccepted.compute(serial, (s, previous) -> {
            if (previous == null || !now.isBefore(previous.plus(interval))) {
                accepted.set(true);
                return now;
            }
            return previous;
        });
        return accepted.get();
    }
}
