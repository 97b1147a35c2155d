package vn.loa.broker.util;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides when a recurring problem (refused clients, refused topics) deserves a warning: at most once per
 * interval, reporting how many occurrences the warning stands for. Lock-free; safe on broker threads.
 */
public final class RateLimitedWarning {
    private final long intervalNanos;
    private final AtomicLong nextWarningNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong sinceLastWarning = new AtomicLong();

    public RateLimitedWarning(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Records one occurrence; returns how many occurred since the last warning if one is due now, else 0. */
    public long occurred() {
        long occurrences = sinceLastWarning.incrementAndGet();
        long now = System.nanoTime();
        long next = nextWarningNanos.get();
        if (now - next >= 0 && nextWarningNanos.compareAndSet(next, now + intervalNanos)) {
            sinceLastWarning.addAndGet(-occurrences);
            return occurrences;
        }
        return 0;
    }
}
