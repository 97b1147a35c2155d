package vn.loa.controller.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.device.PeriodicJob;
import vn.loa.controller.device.PresenceListener;
import vn.loa.controller.events.DeviceAreaPaths;
import vn.loa.controller.events.EventFeed;
import vn.loa.controller.events.EventScope;

/**
 * Keeps {@code presence_events}, the history the uptime report reads. A transition is only queued on the thread
 * that saw it (often the broker's); a {@link #job() periodic job} writes the queue in batches and then announces
 * the transitions on the live feed as {@code device.online} / {@code device.offline}.
 */
public final class PresenceHistory implements PresenceListener {
    public static final Duration FLUSH_PERIOD = Duration.ofSeconds(1);
    /** Transitions waiting to be written; beyond this (a database down for long) new ones are counted and lost. */
    public static final int MAX_QUEUED = 200_000;
    /** Rows per insert batch. */
    static final int BATCH = 1_000;
    public static final Duration PRUNE_PERIOD = Duration.ofHours(1);
    public static final String ONLINE_EVENT = "device.online";
    public static final String OFFLINE_EVENT = "device.offline";

    private static final String INSERT = "INSERT INTO presence_events (device_id, at, online) VALUES (:device, :at,"
            + " :online)";
    private static final Logger LOG = LoggerFactory.getLogger(PresenceHistory.class);

    private record Change(String deviceId, Instant at, boolean online) {
    }

    private final Jdbi jdbi;
    private final EventFeed events;
    private final DeviceAreaPaths devicePaths;
    private final Clock clock;
    private final Queue<Change> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter lost;
    /** Only the flush job reads and writes it (the job never overlaps itself). */
    private List<Change> unwritten = List.of();

    public PresenceHistory(Jdbi jdbi, EventFeed events, DeviceAreaPaths devicePaths, MeterRegistry meters,
                           Clock clock) {
        this.jdbi = jdbi;
        this.events = events;
        this.devicePaths = devicePaths;
        this.clock = clock;
        this.lost = Counter.builder("loa.presence.history.lost")
                .description("presence transitions not recorded because too many were waiting").register(meters);
    }

    @Override
    public void presenceChanged(String deviceId, boolean online) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            lost.increment();
            return;
        }
        queue.add(new Change(deviceId, clock.instant(), online));
    }

    /** The job that writes and announces queued transitions; it also runs once more on shutdown. */
    public PeriodicJob job() {
        return new PeriodicJob("presence-history", FLUSH_PERIOD, this::flush, true);
    }

    /**
     * The job that forgets transitions older than {@code keep}, except each device's last one before that: the
     * state a device was in when a report's period begins is still known.
     */
    public PeriodicJob pruneJob(Duration keep) {
        return new PeriodicJob("presence-history-prune", PRUNE_PERIOD, () -> prune(clock.instant().minus(keep)), false);
    }

    /**
     * Closes the history of devices left online by a server that stopped: nobody knows when each went away, so
     * each is taken offline when the server last heard from it. Run at start, before devices connect.
     */
    public void closeOpenHistory() {
        int closed = jdbi.inTransaction(h -> {
            List<Change> open = h.createQuery("SELECT p.device_id, p.at, s.last_seen FROM presence_events p"
                            + " LEFT JOIN device_state s ON s.device_id = p.device_id"
                            + " WHERE p.online = TRUE AND p.id = (SELECT MAX(q.id) FROM presence_events q"
                            + " WHERE q.device_id = p.device_id)")
                    .map((rs, ctx) -> {
                        Instant online = rs.getObject("at", OffsetDateTime.class).toInstant();
                        OffsetDateTime seen = rs.getObject("last_seen", OffsetDateTime.class);
                        Instant last = seen == null || seen.toInstant().isBefore(online) ? online : seen.toInstant();
                        return new Change(rs.getString("device_id"), last, false);
                    })
                    .list();
            insert(h.prepareBatch(INSERT), open);
            return open.size();
        });
        if (closed > 0) {
            LOG.info("presence history: {} devices left online by the last run are taken offline when last seen",
                    closed);
        }
    }

    /** Writes the queue in batches; a batch the database refused is tried again first next time. */
    private void flush() {
        List<Change> batch = unwritten.isEmpty() ? take() : unwritten;
        while (!batch.isEmpty()) {
            unwritten = batch;
            List<Change> writing = batch;
            jdbi.useTransaction(h -> insert(h.prepareBatch(INSERT), writing));
            unwritten = List.of();
            queued.addAndGet(-writing.size());
            announce(writing);
            batch = take();
        }
    }

    private void prune(Instant cutoff) {
        int removed = jdbi.withHandle(h -> h.createUpdate("DELETE FROM presence_events WHERE at < :cutoff"
                        + " AND id < (SELECT MAX(q.id) FROM presence_events q"
                        + " WHERE q.device_id = presence_events.device_id AND q.at < :cutoff)")
                .bind("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                .execute());
        if (removed > 0) {
            LOG.info("presence history: forgot {} transitions from before {}", removed, cutoff);
        }
    }

    private List<Change> take() {
        List<Change> batch = new ArrayList<>();
        Change next;
        while (batch.size() < BATCH && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private static void insert(PreparedBatch batch, List<Change> changes) {
        for (Change c : changes) {
            batch.bind("device", c.deviceId()).bind("at", OffsetDateTime.ofInstant(c.at(), ZoneOffset.UTC))
                    .bind("online", c.online()).add();
        }
        if (!changes.isEmpty()) {
            batch.execute();
        }
    }

    private void announce(List<Change> changes) {
        Map<String, String> paths = devicePaths.of(changes.stream().map(Change::deviceId).distinct().toList());
        for (Change c : changes) {
            Map<String, Object> data = new HashMap<>();
            data.put("deviceId", c.deviceId());
            data.put("at", c.at().toString());
            data.put(EventScope.AREA_PATH, paths.get(c.deviceId()));
            events.publish(c.online() ? ONLINE_EVENT : OFFLINE_EVENT, data);
        }
    }
}
