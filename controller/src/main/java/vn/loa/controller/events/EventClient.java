package vn.loa.controller.events;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console on the live feed: a bounded queue that publishers offer to without waiting, and a writer thread that
 * sends what is queued (or a heartbeat comment when nothing was) until the console goes away, is stopped, or its
 * session no longer stands (logged out, user disabled, expired): then the stream is closed before anything more.
 */
final class EventClient {
    static final String HEARTBEAT_COMMENT = "keep-alive";
    private static final Logger LOG = LoggerFactory.getLogger(EventClient.class);

    /** An event as written on the stream: {@code event:}, {@code data:} and {@code id:} lines. */
    record Frame(String type, String json, String id) {
    }

    private final SseClient sse;
    private final String scopePrefix;
    private final BooleanSupplier signedIn;
    private final BlockingQueue<Frame> queue;
    private final Duration heartbeat;
    private final Runnable onEnd;
    private Thread writer;
    private volatile boolean stopped;

    EventClient(SseClient sse, String scopePrefix, BooleanSupplier signedIn, int capacity, Duration heartbeat,
                Runnable onEnd) {
        this.sse = sse;
        this.scopePrefix = scopePrefix;
        this.signedIn = signedIn;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.heartbeat = heartbeat;
        this.onEnd = onEnd;
    }

    SseClient sse() {
        return sse;
    }

    String scopePrefix() {
        return scopePrefix;
    }

    /** Queues the frame; false when the queue is full. Never blocks. */
    boolean offer(Frame frame) {
        return queue.offer(frame);
    }

    synchronized void start(String threadName) {
        writer = new Thread(this::run, threadName);
        writer.setDaemon(true);
        writer.start();
    }

    /** Ends the stream: the writer closes it as soon as a send in progress returns (or fails on interruption). */
    synchronized void stop() {
        stopped = true;
        queue.clear();
        if (writer != null) {
            writer.interrupt();
        }
    }

    private void run() {
        try {
            while (!stopped && !sse.terminated()) {
                Frame frame = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (stopped || !signedIn.getAsBoolean()) {
                    break;
                }
                if (frame == null) {
                    sse.sendComment(HEARTBEAT_COMMENT);
                } else {
                    sse.sendEvent(frame.type(), frame.json(), frame.id());
                }
            }
        } catch (InterruptedException e) {
            // stopped: close below
        } catch (RuntimeException e) {
            LOG.debug("live-feed console went away", e);
        } finally {
            try {
                sse.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a live-feed stream failed", e);
            }
            onEnd.run();
        }
    }
}
