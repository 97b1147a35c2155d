package vn.loa.controller.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof of play of the broadcasts on air, kept in memory by the broadcast worker and written behind to
 * {@code deliveries} in batches on a writer thread of its own, so a province-wide broadcast never waits for the
 * database. Rows handed over while a write is pending join it (a slow database never builds a queue of writes);
 * rows that fail to be written are kept and written with the next batch.
 */
final class DeliveryLedger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryLedger.class);

    private record Key(String broadcastId, String deviceId) {
    }

    private final DeliveryStore store;
    private final Clock clock;
    private final Map<String, Map<String, Delivery>> byBroadcast = new HashMap<>();
    private final Map<Delivery, Boolean> dirty = new LinkedHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "delivery-writer");
        t.setDaemon(true);
        return t;
    });
    private final Object handoff = new Object();
    // guarded by handoff: the latest row of each delivery not written yet, and whether a write is on its way
    private final Map<Key, DeliveryRow> unwrittenInserts = new LinkedHashMap<>();
    private final Map<Key, DeliveryRow> unwrittenUpdates = new LinkedHashMap<>();
    private boolean writeScheduled;

    DeliveryLedger(DeliveryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new row per device, or the stored one for a broadcast restored after a restart. */
    Delivery of(String broadcastId, String deviceId, Long areaId) {
        return byBroadcast.computeIfAbsent(broadcastId, id -> new HashMap<>())
                .computeIfAbsent(deviceId, id -> {
                    Delivery created = new Delivery(broadcastId, deviceId, areaId);
                    dirty.put(created, Boolean.TRUE); // TRUE: never written, insert it
                    return created;
                });
    }

    void restore(List<DeliveryRow> rows) {
        for (DeliveryRow row : rows) {
            byBroadcast.computeIfAbsent(row.broadcastId(), id -> new HashMap<>())
                    .put(row.deviceId(), Delivery.restored(row));
        }
    }

    /** The device's delivery of the broadcast after {@code change}, marked for writing. */
    Delivery change(String broadcastId, String deviceId) {
        Delivery delivery = byBroadcast.getOrDefault(broadcastId, Map.of()).get(deviceId);
        if (delivery != null) {
            dirty.putIfAbsent(delivery, Boolean.FALSE);
        }
        return delivery;
    }

    /** Every delivery of the broadcast, marked for writing (to settle them as it ends). */
    List<Delivery> all(String broadcastId) {
        List<Delivery> all = new ArrayList<>(byBroadcast.getOrDefault(broadcastId, Map.of()).values());
        all.forEach(d -> dirty.putIfAbsent(d, Boolean.FALSE));
        return all;
    }

    /** Writes what changed once more, then forgets the broadcast. */
    void forget(String broadcastId) {
        flush();
        byBroadcast.remove(broadcastId);
    }

    /** Hands the changed rows to the writer thread. */
    void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<DeliveryRow> inserts = new ArrayList<>();
        List<DeliveryRow> updates = new ArrayList<>();
        dirty.forEach((delivery, isNew) -> (isNew ? inserts : updates).add(delivery.row(now)));
        dirty.clear();
        synchronized (handoff) {
            merge(inserts, updates, false);
            if (!writeScheduled) {
                writeScheduled = true;
                writer.execute(this::write);
            }
        }
    }

    /** Adds rows to those waiting to be written; {@code older} rows do not replace newer ones of the same delivery. */
    private void merge(Collection<DeliveryRow> inserts, Collection<DeliveryRow> updates, boolean older) {
        for (DeliveryRow r : inserts) {
            Key key = new Key(r.broadcastId(), r.deviceId());
            DeliveryRow newer = unwrittenUpdates.remove(key);
            unwrittenInserts.put(key, older && newer != null ? newer : r);
        }
        for (DeliveryRow r : updates) {
            Key key = new Key(r.broadcastId(), r.deviceId());
            if (unwrittenInserts.containsKey(key)) {
                if (!older) {
                    unwrittenInserts.put(key, r);
                }
            } else if (!older || !unwrittenUpdates.containsKey(key)) {
                unwrittenUpdates.put(key, r);
            }
        }
    }

    /** Waits until every row handed to the writer so far is written (or has failed to be). */
    void awaitWritten() {
        try {
            writer.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("proof-of-play writer is behind: {}", e.toString());
        }
    }

    private void write() {
        List<DeliveryRow> inserts;
        List<DeliveryRow> updates;
        synchronized (handoff) {
            inserts = new ArrayList<>(unwrittenInserts.values());
            updates = new ArrayList<>(unwrittenUpdates.values());
            unwrittenInserts.clear();
            unwrittenUpdates.clear();
            writeScheduled = false;
        }
        try {
            store.write(inserts, updates);
        } catch (RuntimeException e) {
            log.warn("cannot write {} proof-of-play rows yet, will retry: {}", inserts.size() + updates.size(),
                    e.getMessage());
            synchronized (handoff) {
                merge(inserts, updates, true);
            }
        }
    }

    /** Writes what is left and stops the writer. */
    @Override
    public void close() {
        flush();
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("proof-of-play writer did not finish within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
