package vn.loa.broker.inbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.broker.ClientSession;
import vn.loa.broker.InboundHandler;
import vn.loa.broker.metrics.BrokerMetrics;
import vn.loa.broker.util.RateLimitedWarning;
import vn.loa.protocol.DeviceTopic;
import vn.loa.protocol.codec.RejectReason;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands what clients send to the {@link InboundHandler} off the broker's threads. Each client always uses the same
 * single-threaded stripe (chosen by client id hash), so its connect, messages and disconnect arrive in order,
 * and a slow handler call only holds up the clients sharing that stripe. Offering never blocks: a stripe holding
 * its full share of messages drops new ones and counts them as overloaded. Connects and disconnects are never
 * dropped (there are at most two per connection, and losing a disconnect would leave a device online forever).
 */
public final class InboundDispatcher implements AutoCloseable {
    /** Handler failures are logged at debug; an error with the stack trace goes out at most this often. */
    public static final Duration FAILURE_REPORT_INTERVAL = Duration.ofSeconds(10);
    private static final long CLOSE_WAIT_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(InboundDispatcher.class);

    private final Stripe[] stripes;
    private final InboundHandler handler;
    private final BrokerMetrics metrics;
    private final RateLimitedWarning failureReport = new RateLimitedWarning(FAILURE_REPORT_INTERVAL);

    public InboundDispatcher(int stripeCount, int messageCapacityPerStripe, InboundHandler handler,
                             BrokerMetrics metrics) {
        this.handler = handler;
        this.metrics = metrics;
        stripes = new Stripe[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            stripes[i] = new Stripe("loa-inbound-" + i, messageCapacityPerStripe);
        }
    }

    /** The stripe a client's events go through. */
    public static int stripeOf(String clientId, int stripeCount) {
        return Math.floorMod(clientId.hashCode(), stripeCount);
    }

    public void deviceMessage(String deviceId, DeviceTopic topic, byte[] payload) {
        metrics.deviceMessageIn(topic);
        offerMessage(deviceId, () -> handler.onDeviceMessage(deviceId, topic, payload));
    }

    public void provisionRequest(String clientId, String serial, byte[] payload) {
        metrics.provisionRequestIn();
        offerMessage(clientId, () -> handler.onProvisionRequest(serial, payload));
    }

    public void connected(ClientSession session) {
        stripe(session.clientId()).lifecycle(() -> handler.onConnected(session));
    }

    public void disconnected(ClientSession session) {
        stripe(session.clientId()).lifecycle(() -> handler.onDisconnected(session));
    }

    private void offerMessage(String clientId, Runnable delivery) {
        if (!stripe(clientId).offerMessage(delivery)) {
            metrics.rejected(RejectReason.OVERLOADED);
            log.debug("Dropped a message from client '{}': its inbound queue is full", clientId);
        }
    }

    private Stripe stripe(String clientId) {
        return stripes[stripeOf(clientId, stripes.length)];
    }

    /** Delivers what is already queued (for a few seconds at most), then stops the stripes. */
    @Override
    public void close() throws InterruptedException {
        for (Stripe stripe : stripes) {
            stripe.executor.shutdown();
        }
        for (Stripe stripe : stripes) {
            if (!stripe.executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                stripe.executor.shutdownNow();
            }
        }
    }

    private final class Stripe {
        private final ThreadPoolExecutor executor;
        private final int messageCapacity;
        private final AtomicInteger queuedMessages = new AtomicInteger();

        Stripe(String threadName, int messageCapacity) {
            this.messageCapacity = messageCapacity;
            executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                return thread;
            });
        }

        boolean offerMessage(Runnable delivery) {
            if (queuedMessages.incrementAndGet() > messageCapacity) {
                queuedMessages.decrementAndGet();
                return false;
            }
            boolean queued = submit(() -> {
                queuedMessages.decrementAndGet();
                deliver(delivery);
            });
            if (!queued) {
                queuedMessages.decrementAndGet();
            }
            return queued;
        }

        void lifecycle(Runnable delivery) {
            submit(() -> deliver(delivery));
        }

        private boolean submit(Runnable task) {
            try {
                executor.execute(task);
                return true;
            } catch (RejectedExecutionException e) {
                log.debug("Inbound dispatch is closed; dropped an event");
                return false;
            }
        }

        private void deliver(Runnable delivery) {
            try {
                delivery.run();
            } catch (RuntimeException e) {
                metrics.inboundFailed();
                long failures = failureReport.occurred();
                if (failures > 0) {
                    log.error("The inbound handler failed; the event is skipped ({} failures since the last "
                            + "report)", failures, e);
                } else {
                    log.debug("The inbound handler failed; the event is skipped: {}", e.toString());
                }
            }
        }
    }
}
