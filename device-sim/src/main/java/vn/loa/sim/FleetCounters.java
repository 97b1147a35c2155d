package vn.loa.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Fleet-wide event counts, bumped by every speaker. */
final class FleetCounters {
    final LongAdder commandsReceived = new LongAdder();
    final LongAdder commandsAnswered = new LongAdder();
    /** Commands and desired states too broken to answer (no readable id): dropped and counted. */
    final LongAdder invalidDropped = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder reboots = new LongAdder();
    final LongAdder provisionRequests = new LongAdder();
    final LongAdder messagesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    final LatencySamples commandLatency = new LatencySamples();

    private final int speakers;
    private final AtomicInteger everOnline = new AtomicInteger();
    private volatile long startNanos;
    private volatile long rampNanos = -1;

    FleetCounters(int speakers) {
        this.speakers = speakers;
    }

    void started() {
        startNanos = System.nanoTime();
    }

    void onlineForTheFirstTime() {
        if (everOnline.incrementAndGet() == speakers) {
            rampNanos = System.nanoTime() - startNanos;
        }
    }

    /** Milliseconds from start until every speaker had been online once; -1 until then. */
    long rampMillis() {
        long ramp = rampNanos;
        return ramp < 0 ? -1 : ramp / 1_000_000;
    }
}
