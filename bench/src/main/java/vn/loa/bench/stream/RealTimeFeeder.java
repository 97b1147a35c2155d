package vn.loa.bench.stream;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a push every period on its own daemon thread at a fixed rate, the way a sound card hands out audio. */
final class RealTimeFeeder implements AutoCloseable {
    private final ScheduledExecutorService thread;

    RealTimeFeeder(String name, int periodMillis, Runnable push) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(push, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
