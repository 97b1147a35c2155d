package vn.loa.sim.audio;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread serving the RTP sockets of many playing speakers through one selector: it reads every datagram,
 * and every {@link #TICK_NANOS} hands the frames that are due to each speaker's DAC and runs its timers. A fleet
 * runs a few of these, never a thread per speaker.
 */
final class AudioLoop implements AutoCloseable {
    /** Playout granularity: a frame is handed to the DAC at most this long after its instant. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Larger than any RTP or RTCP datagram a streamer sends; a longer one is truncated and then fails to parse. */
    static final int MAX_DATAGRAM_BYTES = 2048;
    /** How long {@link #close()} waits for the thread. */
    static final long CLOSE_WAIT_MILLIS = 2_000;

    private static final Logger log = LoggerFactory.getLogger(AudioLoop.class);

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<PlaybackSession> sessions = new ArrayList<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private volatile boolean running = true;

    AudioLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs the task on the loop thread, soon. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Starts serving a session: registers its socket and sends its first join. */
    void attach(PlaybackSession session) {
        execute(() -> {
            try {
                session.channel().register(selector, SelectionKey.OP_READ, session);
                sessions.add(session);
                session.begin(EpochClock.nowNanos());
            } catch (IOException e) {
                log.warn("{}: cannot watch the RTP socket: {}", session.deviceId(), e.getMessage());
                session.close(PlaybackEnd.STREAM_LOST);
            }
        });
    }

    private void run() {
        long nextTick = EpochClock.nowNanos();
        try {
            while (running) {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - EpochClock.nowNanos()));
                selector.select(wait);
                for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                    runSafely(task);
                }
                readAll();
                long now = EpochClock.nowNanos();
                if (now >= nextTick) {
                    sessions.removeIf(s -> !tickSafely(s, now));
                    nextTick = now + TICK_NANOS;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                log.error("audio loop {} stopped: {}", thread.getName(), e.getMessage());
            }
        } finally {
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                runSafely(task); // sessions attached at the last moment are registered, then closed below
            }
            sessions.forEach(s -> s.close(PlaybackEnd.DEVICE_OFF));
            sessions.clear();
        }
    }

    private void readAll() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            PlaybackSession session = (PlaybackSession) key.attachment();
            DatagramChannel channel = (DatagramChannel) key.channel();
            try {
                for (SocketAddress from = receive(channel); from != null; from = receive(channel)) {
                    session.onDatagram(in, from, EpochClock.nowNanos());
                }
            } catch (IOException e) {
                if (!session.closed()) {
                    log.warn("{}: RTP socket failed: {}", session.deviceId(), e.getMessage());
                    session.close(PlaybackEnd.STREAM_LOST);
                }
            } catch (RuntimeException e) {
                log.error("{}: datagram handling failed", session.deviceId(), e);
            }
        }
    }

    private SocketAddress receive(DatagramChannel channel) throws IOException {
        in.clear();
        SocketAddress from = channel.receive(in);
        in.flip();
        return from;
    }

    private static boolean tickSafely(PlaybackSession session, long now) {
        try {
            return session.tick(now);
        } catch (RuntimeException e) {
            log.error("{}: playout failed", session.deviceId(), e);
            return true;
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("audio loop task failed", e);
        }
    }

    /** Ends every session here without an event, then the thread. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(CLOSE_WAIT_MILLIS);
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("closing the selector: {}", e.getMessage());
        }
    }
}
