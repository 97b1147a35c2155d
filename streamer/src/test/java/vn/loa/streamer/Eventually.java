package vn.loa.streamer;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes. */
final class Eventually {
    private static final long POLL_MILLIS = 10;

    private Eventually() {
    }

    static void await(Duration within, BooleanSupplier condition, Supplier<String> describe) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + within + ": " + describe.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + describe.get());
            }
        }
    }
}
