package vn.loa.sim;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential back-off with full jitter between a floor and a ceiling: the n-th wait is uniform in
 * {@code [min, min(max, min × 2^n)]}, so a fleet that lost its broker at once does not return at once.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final Random random;
    private int failures;

    Backoff(Duration min, Duration max, Random random) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max");
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    synchronized Duration next() {
        long ceiling = failures >= 30 ? maxMillis : Math.min(maxMillis, minMillis << failures);
        failures++;
        long wait = minMillis + (ceiling > minMillis ? (long) (random.nextDouble() * (ceiling - minMillis)) : 0);
        return Duration.ofMillis(wait);
    }

    synchronized void reset() {
        failures = 0;
    }
}
