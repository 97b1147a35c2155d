package vn.loa.broker.auth;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker module's own threads for checking credentials, so a slow password hash never runs on a broker
 * thread. Bounded both ways: a fixed number of threads and a fixed queue; a full queue rejects at once.
 */
public final class AuthenticationPool implements Executor, AutoCloseable {
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final ThreadPoolExecutor executor;

    public AuthenticationPool(int threads, int queueCapacity) {
        AtomicInteger number = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), task -> {
                    Thread thread = new Thread(task, "loa-auth-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** @throws java.util.concurrent.RejectedExecutionException when the queue is full or the pool closed */
    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
