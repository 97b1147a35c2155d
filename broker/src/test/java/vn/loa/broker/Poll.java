package vn.loa.broker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline: the way tests wait for something asynchronous, never a bare sleep. */
final class Poll {
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private Poll() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + DEADLINE + " waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
