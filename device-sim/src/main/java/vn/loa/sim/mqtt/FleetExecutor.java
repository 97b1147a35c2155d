package vn.loa.sim.mqtt;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one executor a fleet gives every Paho client and uses for its own timers.
 *
 * <p>Paho runs three blocking loops per connection (socket reader, writer, callback dispatcher) through
 * {@code submit}, and its keep-alive pings through {@code schedule}. Blocking loops would starve a fixed
 * scheduler, so plain submissions go to an unbounded pool of reusable threads while delayed tasks run on a
 * small scheduler. A connected speaker therefore costs three threads; nothing else grows with the fleet.
 */
public final class FleetExecutor extends ScheduledThreadPoolExecutor {
    /** Timer threads: telemetry, back-off, fault clocks and Paho pings are all short tasks. */
    public static final int SCHEDULER_THREADS = 2;
    /** Threads Paho keeps busy per connected client. */
    public static final int THREADS_PER_CONNECTION = 3;
    /**
     * Stack size of the socket-loop threads. Paho's loops are shallow; the JVM default (1 MiB) only costs address
     * space, but a smaller stack keeps the touched part small too when 30,000 of them run.
     */
    public static final long LOOP_STACK_BYTES = 256 * 1024;

    private final ExecutorService loops;
    private final ExecutorService inOrder = Executors.newSingleThreadExecutor(daemonThreads("sim-in-order-", 0));
    private final AtomicBoolean threadLimitReached = new AtomicBoolean();

    public FleetExecutor() {
        super(SCHEDULER_THREADS, daemonThreads("sim-timer-", 0));
        setRemoveOnCancelPolicy(true);
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.loops = Executors.newCachedThreadPool(daemonThreads("sim-io-", LOOP_STACK_BYTES));
    }

    /** True once the operating system refused to create a thread for this fleet. */
    public boolean threadLimitReached() {
        return threadLimitReached.get();
    }

    @Override
    public void execute(Runnable command) {
        onLoopThread(() -> {
            loops.execute(command);
            return null;
        });
    }

    @Override
    public Future<?> submit(Runnable task) {
        return onLoopThread(() -> loops.submit(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return onLoopThread(() -> loops.submit(task, result));
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return onLoopThread(() -> loops.submit(task));
    }

    /**
     * Runs short tasks one at a time in the order given, on a thread of their own: for work that must keep its order
     * and must not hold up the thread handing it over (an audio loop's playback events, published over MQTT).
     */
    public void executeInOrder(Runnable task) {
        inOrder.execute(task);
    }

    @Override
    public void shutdown() {
        loops.shutdown();
        inOrder.shutdown();
        super.shutdown();
    }

    /** Stops the timers and waits a little for the socket loops of already closed clients to end. */
    public void shutdownAndWait(long millis) throws InterruptedException {
        shutdown();
        loops.shutdownNow();
        awaitTermination(millis, TimeUnit.MILLISECONDS);
        loops.awaitTermination(millis, TimeUnit.MILLISECONDS);
        inOrder.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    private <T> T onLoopThread(Supplier<T> submission) {
        try {
            return submission.get();
        } catch (OutOfMemoryError e) {
            throw threadLimit(e);
        }
    }

    /** Only "unable to create native thread" reaches here in practice; heap exhaustion is rethrown as is. */
    private RejectedExecutionException threadLimit(OutOfMemoryError e) {
        if (e.getMessage() == null || !e.getMessage().contains("native thread")) {
            throw e;
        }
        threadLimitReached.set(true);
        return new RejectedExecutionException("the operating system refused another thread ("
                + Thread.activeCount() + " live in this JVM); raise kernel.pid_max, kernel.threads-max"
                + " or ulimit -u, or run fewer speakers per machine", e);
    }

    /** @param stackBytes 0 for the JVM's default */
    private static ThreadFactory daemonThreads(String prefix, long stackBytes) {
        AtomicInteger next = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, prefix + next.incrementAndGet(), stackBytes);
            t.setDaemon(true);
            return t;
        };
    }
}
