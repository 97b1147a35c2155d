package vn.loa.controller.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what other threads do: polls a condition until it holds, failing the test after a deadline. */
public final class Poll {
    private static final long INTERVAL_MS = 20;

    private Poll() {
    }

    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting for " + what);
            }
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
