package vn.loa.controller.device;

import java.time.Duration;

/**
 * Work the server repeats in the background.
 *
 * @param runOnClose run once more while shutting down (a final flush), so nothing queued is lost
 */
public record PeriodicJob(String name, Duration period, Runnable task, boolean runOnClose) {
}
