package vn.loa.sim;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes. */
public final class Eventually {
    static final Duration WAIT = Duration.ofSeconds(10);

    private Eventually() {
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, condition, WAIT);
    }

    public static void until(String what, BooleanSupplier condition, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + wait + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
