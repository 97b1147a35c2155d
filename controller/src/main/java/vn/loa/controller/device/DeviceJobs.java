package vn.loa.controller.device;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the device side's background work: Will-delay expiry, the live-state write-behind and the
 * jobs handed in (telemetry writer, hourly roll-up). Each job runs on a fixed delay, never overlapping itself; a
 * failing run is logged and the next one tries again. Closing runs the final flushes.
 */
public final class DeviceJobs implements AutoCloseable {
    public static final Duration WILL_DELAY_CHECK = Duration.ofSeconds(1);
    public static final Duration LIVE_STATE_WRITE = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DeviceJobs.class);

    private final List<PeriodicJob> jobs = new ArrayList<>();
    private final ScheduledExecutorService executor;

    /** Marks every stored device offline (nobody is connected yet) and starts the jobs. */
    public DeviceJobs(LiveStateStore live, DeviceStateTable table, Clock clock, List<PeriodicJob> more) {
        table.markAllOffline();
        jobs.add(new PeriodicJob("will-delay-expiry", WILL_DELAY_CHECK, () -> live.expireWillDelays(clock.instant()),
                false));
        jobs.add(new PeriodicJob("live-state-writer", LIVE_STATE_WRITE, () -> live.flushChanged(table::write), true));
        jobs.addAll(more);
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "loa-device-jobs-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (PeriodicJob job : jobs) {
            long millis = job.period().toMillis();
            executor.scheduleWithFixedDelay(() -> run(job), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("device jobs still running after {}; stopping them", SHUTDOWN_WAIT);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        jobs.stream().filter(PeriodicJob::runOnClose).forEach(DeviceJobs::run);
    }

    private static void run(PeriodicJob job) {
        try {
            job.task().run();
        } catch (RuntimeException e) {
            log.error("background job {} failed; it runs again next period", job.name(), e);
        }
    }
}
